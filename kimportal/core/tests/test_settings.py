"""Settings read the environment: database, broker and cache follow DATABASE_URL/REDIS_URL,
and production refuses to start without its secrets."""

import json
import os
import subprocess
import sys

from django.conf import settings

PROBE = (
    "import django, json; from django.conf import settings; django.setup();"
    "print(json.dumps({'db': settings.DATABASES['default']['NAME'],"
    "'host': settings.DATABASES['default']['HOST'],"
    "'cache': settings.CACHES['default']['BACKEND'],"
    "'broker': settings.CELERY_BROKER_URL, 'eager': settings.CELERY_TASK_ALWAYS_EAGER,"
    "'lang': settings.LANGUAGE_CODE, 'tz': settings.TIME_ZONE, 'tzon': settings.USE_TZ}))"
)


# Variables a test run may have set that would change what the subprocess reports.
ISOLATED = (
    "DATABASE_URL",
    "REDIS_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_SETTINGS_MODULE",
)


def _settings_with(env_overrides, module="kimportal.settings.dev"):
    env = {k: v for k, v in os.environ.items() if k not in ISOLATED}
    env.update(env_overrides)
    env["DJANGO_SETTINGS_MODULE"] = module
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    )


def test_database_url_selects_that_postgres_server():
    result = _settings_with(
        {"DATABASE_URL": "postgres://kim:pw@db.internal:5433/kimdb"}
    )
    values = json.loads(result.stdout)
    assert values["db"] == "kimdb"
    assert values["host"] == "db.internal"
    assert (values["lang"], values["tz"], values["tzon"]) == (
        "id",
        "Asia/Jakarta",
        True,
    )


def test_without_database_url_settings_refuse_to_guess():
    # Run outside `kimportal.devdb`, which is what sets DATABASE_URL for the embedded server.
    result = _settings_with({})
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_redis_url_makes_redis_the_broker_and_cache():
    result = _settings_with(
        {
            "DATABASE_URL": "postgres://x@localhost/x",
            "REDIS_URL": "redis://127.0.0.1:6379/3",
        }
    )
    values = json.loads(result.stdout)
    assert values["broker"] == "redis://127.0.0.1:6379/3"
    # A Redis cache that answers a miss when Redis is sick (kimportal.core.cache).
    assert values["cache"] == "kimportal.core.cache.ResilientRedisCache"
    assert values["eager"] is False


def test_without_redis_url_tasks_run_eagerly_with_a_local_cache():
    result = _settings_with({"DATABASE_URL": "postgres://x@localhost/x"})
    values = json.loads(result.stdout)
    assert values["eager"] is True
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"


def test_production_requires_a_secret_key():
    result = _settings_with(
        {
            "DATABASE_URL": "postgres://x@localhost/x",
            "DJANGO_ALLOWED_HOSTS": "kim.example.go.id",
        },
        module="kimportal.settings.production",
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_passes_deploy_checks():
    env = {k: v for k, v in os.environ.items() if k not in ISOLATED}
    env.update(
        DJANGO_SETTINGS_MODULE="kimportal.settings.production",
        DJANGO_SECRET_KEY="x" * 30 + "-a-long-random-secret-for-the-check-9f8e7d6c",
        DJANGO_ALLOWED_HOSTS="kim.example.go.id",
        DATABASE_URL=os.environ.get("DATABASE_URL", "postgres://x@localhost/x"),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr

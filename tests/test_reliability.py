"""A sick Redis never hangs a page or loses a message; /readyz names what is broken.

Redis is replaced by a server that accepts connections and never answers (a hung Redis,
a half-open connection) or by a port that refuses (Redis down): the real Celery client
and the real cache backend talk to them over real sockets.
"""

import time

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from kimportal.celery import app
from kimportal.core import outbox
from kimportal.core.cache import ResilientRedisCache
from kimportal.core.models import OutboxMessage, OutboxState
from kimportal.core.tasks import deliver_outbox_message
from kimportal.core.tests.fake_servers import refusing_port, silent_server
from kimportal.regions.selectors import region_choices_invalidate
from registry.choices import KimStatus
from registry.tests.view_helpers import checklist, complete_kim

PAGE_BUDGET = 5.0
PROBE_BUDGET = 2.0


@pytest.fixture(params=["silent", "refusing"])
def sick_redis(request, settings):
    """Broker and cache pointed at a sick Redis; yields a function that brings it back."""
    server = silent_server() if request.param == "silent" else refusing_port()
    port = server.__enter__()
    url = f"redis://127.0.0.1:{port}/0"
    conf = app.conf
    saved = (conf.task_always_eager, conf.broker_url, app._pool)
    saved_producers = app.amqp._producer_pool
    saved_caches = settings.CACHES
    conf.task_always_eager, conf.broker_url = False, url
    app._pool = app.amqp._producer_pool = None
    settings.CACHES = {
        "default": {**saved_caches["default"], "LOCATION": url},
    }
    settings.REDIS_URL = url

    def heal():
        conf.task_always_eager, conf.broker_url = saved[0], saved[1]
        app._pool, app.amqp._producer_pool = saved[2], saved_producers
        settings.CACHES = saved_caches
        ResilientRedisCache._down_until = 0.0
        outbox._broker_down_until = 0.0

    ResilientRedisCache._down_until = 0.0
    outbox._broker_down_until = 0.0
    yield heal
    heal()
    server.__exit__(None, None, None)


@pytest.mark.django_db(transaction=True)
def test_verifying_a_kim_with_a_sick_redis_answers_and_mails_once_redis_is_back(
    sick_redis, demo_users, mailoutbox
):
    officer = demo_users["kab-malang"]
    kim = complete_kim(officer, status=KimStatus.SUBMITTED)
    client = Client()
    client.force_login(officer)

    started = time.monotonic()
    response = client.post(reverse("registry:kim-verify", args=[kim.pk]), checklist())
    elapsed = time.monotonic() - started

    assert response.status_code == 302, response.content[:500]
    assert elapsed < PAGE_BUDGET, elapsed
    print(f"verify with a sick Redis: {elapsed:.3f} s")
    kim.refresh_from_db()  # the decision is committed
    assert kim.status == KimStatus.VERIFIED and kim.nik
    message = OutboxMessage.objects.get(kind="registry.kim_verified")
    assert message.state == OutboxState.PENDING and mailoutbox == []

    sick_redis()  # Redis is back; beat runs the dispatcher (twice, to be sure)
    call_command("dispatch_outbox")
    call_command("dispatch_outbox")
    deliver_outbox_message(message.pk)  # a redelivered task changes nothing

    message.refresh_from_db()
    assert message.state == OutboxState.SENT
    assert len(mailoutbox) == 1 and kim.nik in mailoutbox[0].body


@pytest.fixture
def no_kept_region_choices():
    """No region choices kept in this process: the page must ask the shared cache.
    (Listed before sick_redis, so the healthy cache takes the version bump.)"""
    region_choices_invalidate()


@pytest.mark.django_db(transaction=True)
def test_cached_region_choices_degrade_to_a_miss(
    no_kept_region_choices, sick_redis, regions
):
    client = Client()
    started = time.monotonic()
    first = client.get(reverse("regions:options"))
    second = client.get(reverse("regions:options"), {"province": "35"})
    assert time.monotonic() - started < PAGE_BUDGET
    assert first.status_code == 200 and "Jawa Timur" in first.text
    assert second.status_code == 200 and "Malang" in second.text


@pytest.mark.django_db(transaction=True)
def test_the_anonymous_form_throttle_fails_closed_with_a_clear_page(
    sick_redis, regions
):
    client = Client(raise_request_exception=False)
    started = time.monotonic()
    response = client.post(reverse("accounts:apply"), {"full_name": "Dewi"})
    assert time.monotonic() - started < PAGE_BUDGET
    assert response.status_code == 503
    assert "coba lagi" in response.text and response["Retry-After"] == "30"


# --- /healthz and /readyz ---------------------------------------------------------------


def readyz(client):
    started = time.monotonic()
    response = client.get(reverse("readyz"))
    return response, time.monotonic() - started


@pytest.mark.django_db
def test_healthz_and_a_healthy_readyz(client):
    assert client.get(reverse("healthz")).json() == {"status": "ok"}
    response, elapsed = readyz(client)
    body = response.json()
    assert response.status_code == 200, body
    assert body["broken"] == [] and elapsed < PROBE_BUDGET
    assert set(body["checks"]) == {
        "postgresql",
        "migrations",
        "outbox",
        "redis",
        "storage",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("sickness", [silent_server, refusing_port])
def test_readyz_names_a_sick_redis_within_two_seconds(client, settings, sickness):
    with sickness() as port:
        settings.REDIS_URL = f"redis://127.0.0.1:{port}/0"
        response, elapsed = readyz(client)
    assert response.status_code == 503 and elapsed < PROBE_BUDGET
    assert response.json()["broken"] == ["redis"]


@pytest.mark.django_db
@pytest.mark.parametrize("sickness", [silent_server, refusing_port])
def test_readyz_names_a_sick_postgresql_within_two_seconds(
    client, monkeypatch, sickness
):
    from django.db import connections

    with sickness() as port:
        db = connections["default"].settings_dict
        monkeypatch.setitem(db, "HOST", "127.0.0.1")
        monkeypatch.setitem(db, "PORT", str(port))
        response, elapsed = readyz(client)
    assert response.status_code == 503 and elapsed < PROBE_BUDGET
    assert response.json()["broken"] == ["postgresql"]


@pytest.mark.django_db
def test_readyz_names_broken_storage(client, settings, tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(not_a_folder / "private")},
        },
    }
    response, elapsed = readyz(client)
    assert response.status_code == 503 and elapsed < PROBE_BUDGET
    assert response.json()["broken"] == ["storage"]


@pytest.mark.django_db
def test_readyz_names_unapplied_migrations(client, monkeypatch):
    from kimportal.core import health

    leaves = health._migration_leaves() | {("core", "9999_not_applied")}
    monkeypatch.setattr(health, "_migration_leaves", lambda: leaves)
    response, _ = readyz(client)
    body = response.json()
    assert response.status_code == 503 and body["broken"] == ["migrations"]
    assert "core.9999_not_applied" in body["checks"]["migrations"]["detail"]


@pytest.mark.django_db(transaction=True)
def test_readyz_names_a_stuck_outbox_with_backlog_and_age(client):
    # Committed (the probe reads with its own connection), two hours old.
    from datetime import timedelta

    from django.utils import timezone

    message = OutboxMessage.objects.create(kind="core.plain_email", context={})
    OutboxMessage.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - timedelta(hours=2)
    )
    response, _ = readyz(client)
    body = response.json()
    assert response.status_code == 503 and body["broken"] == ["outbox"]
    assert body["checks"]["outbox"]["pending"] == 1
    assert body["checks"]["outbox"]["oldest_age_seconds"] >= 7200


@pytest.mark.django_db
def test_the_ministry_sees_the_checks_and_the_scheduled_tasks(client, demo_users):
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    every = IntervalSchedule.objects.create(every=60, period="seconds")
    PeriodicTask.objects.create(
        name="core-dispatch-outbox",
        task="kimportal.core.tasks.dispatch_outbox",
        interval=every,
    )
    client.force_login(demo_users["kementerian"])
    page = client.get(reverse("system-health")).text
    assert "core-dispatch-outbox" in page and "belum pernah" in page
    assert "postgresql" in page and "outbox" in page
    client.force_login(demo_users["kab-malang"])
    assert client.get(reverse("system-health")).status_code == 404

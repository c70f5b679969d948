"""Finding 10 of issue 7: sessions end after 30 idle minutes and 12 hours in all."""

import os
import subprocess
import sys

from django.conf import settings as django_settings
from django.urls import reverse

from kimportal.accounts.sessions import LAST_SEEN, STARTED


def _shift(client, **seconds_ago):
    session = client.session
    for key, ago in seconds_ago.items():
        session[key] = session[key] - ago
    session.save()


def test_idle_session_ends_after_thirty_minutes(client, demo_users):
    client.force_login(demo_users["kab-malang"])
    _shift(client, **{LAST_SEEN: 29 * 60})
    assert client.get(reverse("home")).status_code == 200

    _shift(client, **{LAST_SEEN: 31 * 60})
    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_active_session_still_ends_twelve_hours_after_login(client, demo_users):
    client.force_login(demo_users["kab-malang"])
    _shift(client, **{STARTED: 12 * 3600 + 60})  # active a moment ago

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_requests_keep_an_active_session_alive(client, demo_users):
    client.force_login(demo_users["kab-malang"])
    _shift(client, **{LAST_SEEN: 20 * 60})
    client.get(reverse("home"))
    _shift(client, **{LAST_SEEN: 20 * 60})  # 40 minutes since login, 20 idle

    assert client.get(reverse("home")).status_code == 200


def test_session_settings():
    assert django_settings.SESSION_IDLE_SECONDS == 30 * 60
    assert django_settings.SESSION_ABSOLUTE_SECONDS == 12 * 3600
    assert django_settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert django_settings.CSRF_USE_SESSIONS is True


def test_production_cookies_have_host_prefixed_names():
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env.update(
        DJANGO_SETTINGS_MODULE="kimportal.settings.production",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="kim.example",
    )
    probe = (
        "import django; from django.conf import settings; django.setup();"
        "print(settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME,"
        " settings.SESSION_COOKIE_SECURE, settings.CSRF_USE_SESSIONS)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        env=env,
        capture_output=True,
        text=True,
        cwd=django_settings.BASE_DIR,
        timeout=60,
        check=True,
    ).stdout.split()

    assert out == ["__Host-sessionid", "__Host-csrftoken", "True", "True"]


def test_session_row_past_its_expiry_is_not_read(client, demo_users):
    # The session engine reads the row by its own statement (session_store.py): a row
    # whose expire_date passed is no session, as with Django's ORM read.
    import datetime

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(demo_users["kab-malang"])
    assert client.get(reverse("home")).status_code == 200
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_session_engine_reads_what_django_wrote(client, demo_users):
    from importlib import import_module

    store = import_module(django_settings.SESSION_ENGINE).SessionStore()
    store["answer"] = 42
    store.create()
    again = import_module(django_settings.SESSION_ENGINE).SessionStore(
        store.session_key
    )
    assert again["answer"] == 42
    assert again.session_key == store.session_key
    missing = import_module(django_settings.SESSION_ENGINE).SessionStore("x" * 32)
    assert missing.load() == {} and missing.session_key is None

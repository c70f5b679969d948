"""Fixtures shared by every app's tests."""

import pytest

from kimportal.accounts.demo import seed_demo_accounts
from kimportal.core.testing import ensure_test_regions

DEMO_PASSWORD = "demo-pass-123"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_test_regions()
    # A transactional test (live server, real worker) ends by emptying every table, then
    # Django sends post_migrate, as after `flush`: put the test regions back there, so the
    # next test in this process finds them whichever order pytest-xdist hands tests out.
    from django.apps import apps
    from django.db.models.signals import post_migrate

    post_migrate.connect(
        _regions_after_flush,
        sender=apps.get_app_config("regions"),
        dispatch_uid="test-regions-after-flush",
    )
    # Region choices are cached, and the cache may be a Redis that outlives test runs.
    from kimportal.regions.selectors import region_choices_invalidate

    region_choices_invalidate()


def _regions_after_flush(**kwargs):
    ensure_test_regions()


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Every test stores private uploads in a fresh folder of its own, so no test sees
    another's files and nothing is left in the project's var/ folder."""
    folder = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder), "base_url": None},
        },
    }
    return folder


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each test starts with no rate-limit counts (kimportal.core.throttle) for any
    address or account: the cache may be the shared Redis, which outlives a test."""
    from django.core.cache import cache

    backend = getattr(cache, "_cache", None)
    if hasattr(backend, "get_client"):  # Django's RedisCache
        client = backend.get_client(None, write=True)
        # Only this process's keys: pytest-xdist workers share the Redis database and
        # keep apart by key prefix (settings.test).
        pattern = cache.make_key("") + "*throttle:*"
        keys = list(client.scan_iter(match=pattern, count=1000))
        if keys:
            client.delete(*keys)
    elif isinstance(backend, dict):  # LocMemCache
        for key in [k for k in backend if "throttle:" in k]:
            backend.pop(key, None)


@pytest.fixture(autouse=True)
def second_factor_for_test_logins(request, monkeypatch):
    """`client.force_login(user)` and `client.login(...)` give a session that has passed
    the second factor too (kimportal.accounts.mfa), so the many tests that sign in that
    way keep testing their page, not the MFA step. Signing in through the login form
    (`client.post(reverse("login"), ...)`) or marking a test `real_mfa` goes through
    the real flow, which the MFA tests exercise."""
    if request.node.get_closest_marker("real_mfa"):
        return
    from django.middleware.csrf import CSRF_SESSION_KEY, _get_new_csrf_string
    from django.test import Client

    from kimportal.accounts.mfa import MFA_STATE, PENDING, VERIFIED

    original = Client._login

    def _login(self, user, backend=None):
        original(self, user, backend)
        session = self.session
        if session.get(MFA_STATE) == PENDING:
            session[MFA_STATE] = VERIFIED
        # The CSRF secret lives in the session (CSRF_USE_SESSIONS); a real login's
        # response stores it, so the first page after it writes no session either.
        session.setdefault(CSRF_SESSION_KEY, _get_new_csrf_string())
        session.save()

    monkeypatch.setattr(Client, "_login", _login)


def totp_now(username: str) -> str:
    """The current code of `username`'s authenticator (demo staff: DEMO_TOTP_SECRET),
    allowed once more even if a test already used it in this 30-second step, and
    without django-otp's back-off after a wrong code (a person would wait a second)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from kimportal.accounts.mfa import current_code

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    TOTPDevice.objects.filter(pk=device.pk).update(
        last_t=-1, throttling_failure_count=0, throttling_failure_timestamp=None
    )
    return current_code(device)


@pytest.fixture
def regions(db):
    ensure_test_regions()


@pytest.fixture
def demo_users(regions):
    """The demo accounts of `seed_demo`, by username: kementerian, prov-jatim, prov-jateng,
    kab-malang, kota-malang, kab-semarang, kl-demo. Password: DEMO_PASSWORD."""
    return seed_demo_accounts(password=DEMO_PASSWORD)


@pytest.fixture
def mailoutbox(settings):
    from django.core import mail

    mail.outbox = []
    return mail.outbox


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (see kimportal.core.browser)."""
    import os

    from playwright.sync_api import sync_playwright

    from kimportal.core.browser import CHROMIUM, CHROMIUM_ARGS

    # Playwright's sync API runs an event loop in this thread; the live server's ORM calls
    # from the test thread are still synchronous.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def phone_page(browser, live_server):
    """A page in a 360-px-wide phone viewport against the live server."""
    from kimportal.core.browser import PHONE_VIEWPORT

    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()

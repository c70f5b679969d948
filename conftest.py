"""Fixtures shared by every app's tests."""

import pytest

from kimportal.accounts.demo import seed_demo_accounts
from kimportal.core.testing import ensure_test_regions

DEMO_PASSWORD = "demo-pass-123"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_test_regions()
    # Region choices are cached, and the cache may be a Redis that outlives test runs.
    from kimportal.regions.selectors import region_choices_invalidate

    region_choices_invalidate()


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
    """Each test starts with no rate-limit counts for the test client's address (the
    cache may be the shared Redis, which outlives a test)."""
    from django.core.cache import cache

    from kimportal.core.throttle import counter_key

    cache.delete(counter_key("site-admin-application", "127.0.0.1"))
    cache.delete(counter_key("certificate-verify", "127.0.0.1"))


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

"""The shell in a real browser: log in on a phone-sized screen and see the dashboard."""

import pytest

from kimportal.core.browser import assert_fits_phone_and_accessible, log_in
from kimportal.core.testing import ensure_test_regions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_logs_in_and_sees_the_dashboard(phone_page, live_server):
    from conftest import DEMO_PASSWORD
    from kimportal.accounts.demo import seed_demo_accounts

    ensure_test_regions()
    seed_demo_accounts(password=DEMO_PASSWORD)

    log_in(phone_page, live_server.url, "kab-malang", DEMO_PASSWORD)

    assert phone_page.url == f"{live_server.url}/"
    assert "Selamat datang" in phone_page.inner_text("h1")
    assert "KIM dalam wilayah" in phone_page.inner_text("main")
    assert_fits_phone_and_accessible(phone_page)


def test_wrong_password_shows_an_indonesian_message(phone_page, live_server):
    from conftest import DEMO_PASSWORD
    from kimportal.accounts.demo import seed_demo_accounts

    ensure_test_regions()
    seed_demo_accounts(password=DEMO_PASSWORD)

    log_in(phone_page, live_server.url, "kab-malang", "salah-sandi")

    assert phone_page.url.startswith(f"{live_server.url}/login/")
    assert "kata sandi" in phone_page.inner_text("main").lower()

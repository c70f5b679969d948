"""Fixtures shared by the registry's tests."""

import pytest


@pytest.fixture
def officer(demo_users):
    """The kab/kota officer of Kabupaten Malang."""
    return demo_users["kab-malang"]


@pytest.fixture
def log_in_on_phone(phone_page, live_server):
    """A function that logs a demo user in on the phone page and returns the demo users.
    A transactional test empties the tables between tests, so it puts the regions and
    the demo accounts back first."""
    from conftest import DEMO_PASSWORD
    from kimportal.accounts.demo import seed_demo_accounts
    from kimportal.core.browser import log_in
    from kimportal.core.testing import ensure_test_regions

    def log_in_as(username: str = "kab-malang") -> dict:
        ensure_test_regions()
        users = seed_demo_accounts(password=DEMO_PASSWORD)
        log_in(phone_page, live_server.url, username, DEMO_PASSWORD)
        return users

    return log_in_as

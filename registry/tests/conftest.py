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


@pytest.fixture
def verified_kim(officer):
    """A verified KIM of Kabupaten Malang (NIK issued)."""
    from registry.tests.factories import create_verified_kim

    return create_verified_kim(user=officer)


@pytest.fixture
def partner_kim(officer, verified_kim):
    """The verified KIM, with an active partnership 2026–2031."""
    from registry.tests.helpers import start_partnership

    start_partnership(kim=verified_kim, user=officer)
    return verified_kim


@pytest.fixture
def kab_malang(client, demo_users):
    """The test client, logged in as the kab/kota officer of Kabupaten Malang."""
    client.force_login(demo_users["kab-malang"])
    return client

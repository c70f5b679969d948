"""Fixtures shared by every app's tests."""

import pytest

from kimportal.accounts.demo import seed_demo_accounts
from kimportal.core.testing import ensure_test_regions

DEMO_PASSWORD = "demo-pass-123"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_test_regions()


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

"""Fixtures of monitoring's tests: a KIM of Kabupaten Malang with its user, one of Kota
Malang, and the demo officers."""

import pytest

from .factories import KAB_MALANG_VILLAGE, KOTA_MALANG_VILLAGE, kim_with_user


@pytest.fixture(autouse=True)
def no_outbound_checks(monkeypatch):
    """Evidence checks run eagerly in tests; they must never touch the network."""
    from kimportal.core.outbound import OutboundError

    def refuse(*args, **kwargs):
        raise OutboundError("no network in tests")

    monkeypatch.setattr("monitoring.tasks.guarded_request", refuse)


@pytest.fixture
def kab(demo_users):
    return demo_users["kab-malang"]


@pytest.fixture
def kota(demo_users):
    return demo_users["kota-malang"]


@pytest.fixture
def kim_pair(demo_users):
    """(kim, its user) in Kabupaten Malang."""
    return kim_with_user(village=KAB_MALANG_VILLAGE, name="KIM Tulungrejo")


@pytest.fixture
def kim(kim_pair):
    return kim_pair[0]


@pytest.fixture
def kim_user(kim_pair):
    return kim_pair[1]


@pytest.fixture
def kota_pair(demo_users):
    return kim_with_user(village=KOTA_MALANG_VILLAGE, name="KIM Kota Malang")

"""Fixtures and builders for the event tests: an event of Kabupaten Malang, its invited KIM and
the KIM's user."""

import datetime

import pytest

from kimportal.accounts.models import Role
from kimportal.core.dates import today_in_jakarta
from registry.tests.factories import (
    KAB_MALANG_VILLAGE,
    KOTA_MALANG_VILLAGE,
    UserFactory,
    VerifiedKimFactory,
)

from ...services.events import event_create


def event_data(**overrides) -> dict:
    today = today_in_jakarta()
    return {
        "kind": "bimtek",
        "title": "Bimtek Jurnalistik Warga",
        "theme": "Menulis berita desa yang akurat",
        "venue_address": "Aula Dinas Kominfo Kab. Malang",
        "starts_on": today,
        "ends_on": today + datetime.timedelta(days=1),
        "sessions": [
            {"day": today.isoformat(), "time": "09.00", "title": "Dasar menulis"}
        ],
        **overrides,
    }


def make_kim_user(kim, username="kim-uji"):
    return UserFactory(username=username, role=Role.KIM, kim=kim)


@pytest.fixture
def officer(demo_users):
    return demo_users["kab-malang"]


@pytest.fixture
def event(officer):
    return event_create(actor=officer, data=event_data())


@pytest.fixture
def malang_kim(demo_users):
    return VerifiedKimFactory(name="KIM Sumber Rejeki", village_id=KAB_MALANG_VILLAGE)


@pytest.fixture
def kota_kim(demo_users):
    return VerifiedKimFactory(name="KIM Kota Lama", village_id=KOTA_MALANG_VILLAGE)

"""Issue 7, finding 7: every desa a KIM covers must lie in the officer's scope, through
the API as through the form (the service checks it, so every caller is covered)."""

import pytest

from registry.models import Kim

from .factories import (
    KAB_MALANG_VILLAGE,
    KAB_SEMARANG_VILLAGE,
    KOTA_MALANG_VILLAGE,
    KimFactory,
)
from .test_api import client_for, kim_url, new_kim_payload

pytestmark = pytest.mark.django_db


def test_create_with_coverage_in_other_kab_kota_is_refused(demo_users):
    response = client_for(demo_users["kab-malang"]).post(
        "/api/v1/kim/",
        new_kim_payload(coverage=[KOTA_MALANG_VILLAGE, KAB_SEMARANG_VILLAGE]),
        format="json",
    )

    assert response.status_code == 400, response.json()
    message = " ".join(response.json()["coverage_villages"])
    assert KOTA_MALANG_VILLAGE in message and KAB_SEMARANG_VILLAGE in message
    assert not Kim.objects.exists()


def test_update_with_coverage_in_other_kab_kota_is_refused(demo_users):
    kim = KimFactory()
    kim.coverage_villages.set([KAB_MALANG_VILLAGE])
    response = client_for(demo_users["kab-malang"]).patch(
        kim_url(kim),
        {"coverage": [KAB_MALANG_VILLAGE, KOTA_MALANG_VILLAGE]},
        format="json",
    )

    assert response.status_code == 400, response.json()
    assert list(kim.coverage_villages.values_list("code", flat=True)) == [
        KAB_MALANG_VILLAGE
    ]

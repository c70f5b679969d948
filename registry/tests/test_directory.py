"""The agency directory: verified KIM only, public fields only, with filters."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.choices import KimStatus, KimType, MediaType

from .factories import (
    KAB_SEMARANG_VILLAGE,
    KOTA_MALANG_VILLAGE,
    KimDocumentFactory,
    KimFactory,
    KimOfficerFactory,
    UserFactory,
    VerifiedKimFactory,
)

pytestmark = pytest.mark.django_db

URL = "/kim/directory/"


def names(response) -> list[str]:
    return [row["kim"].name for row in response.context["rows"]]


def browse(client, user, **params):
    client.force_login(user)
    return client.get(URL, params)


def test_agency_sees_verified_kim_only(client, demo_users):
    VerifiedKimFactory(name="KIM Terverifikasi")
    for status in (KimStatus.DRAFT, KimStatus.SUBMITTED, KimStatus.REJECTED):
        KimFactory(name=f"KIM {status}", status=status)

    response = browse(client, demo_users["kl-demo"])

    assert response.status_code == 200
    assert names(response) == ["KIM Terverifikasi"]


def test_directory_shows_no_officer_phone_chair_or_documents(client, demo_users):
    kim = VerifiedKimFactory(
        name="KIM Publik",
        chair_name="Siti Rahasia",
        whatsapp="+6281200001111",
        phone="+62341555666",
        email="publik@example.id",
    )
    KimOfficerFactory(kim=kim, name="Pengurus Rahasia", phone="+6281377778888")
    KimDocumentFactory(kim=kim)

    html = browse(client, demo_users["kl-demo"]).content.decode()

    assert "KIM Publik" in html
    assert kim.nik in html
    assert "publik@example.id" in html
    for secret in (
        "Siti Rahasia",
        "Pengurus Rahasia",
        "81200001111",
        "555666",
        "77778888",
    ):
        assert secret not in html
    assert "/download/" not in html


def test_filters_by_province_kab_kota_field_media_type_and_name(client, demo_users):
    VerifiedKimFactory(
        name="KIM Malang Sehat", fields=["kesehatan"], kim_type=KimType.A
    )
    VerifiedKimFactory(
        name="KIM Kota Tani",
        village_id=KOTA_MALANG_VILLAGE,
        fields=["pertanian"],
        media_types=[MediaType.COMMUNITY_RADIO],
        kim_type=KimType.B,
    )
    VerifiedKimFactory(
        name="KIM Semarang",
        village_id=KAB_SEMARANG_VILLAGE,
        fields=["pendidikan"],
        media_types=[MediaType.FACE_TO_FACE],
    )
    agency = demo_users["kl-demo"]

    assert sorted(names(browse(client, agency, province="35"))) == [
        "KIM Kota Tani",
        "KIM Malang Sehat",
    ]
    assert names(browse(client, agency, province="35", regency="35.73")) == [
        "KIM Kota Tani"
    ]
    assert names(browse(client, agency, field="pertanian")) == ["KIM Kota Tani"]
    assert names(browse(client, agency, media="community_radio")) == ["KIM Kota Tani"]
    assert names(browse(client, agency, kim_type="B")) == ["KIM Kota Tani"]
    assert names(browse(client, agency, q="semarang")) == ["KIM Semarang"]


def test_a_wrong_filter_value_never_shows_unverified_kim(client, demo_users):
    VerifiedKimFactory(name="KIM Terverifikasi")
    KimFactory(name="KIM Draf")

    response = browse(client, demo_users["kementerian"], media="telepati", regency="99")

    assert response.status_code == 200
    assert names(response) == ["KIM Terverifikasi"]


def test_the_kab_kota_choices_follow_the_chosen_province(client, demo_users):
    response = browse(client, demo_users["kl-demo"], province="33")

    choices = dict(response.context["form"].fields["regency"].choices)
    assert "33.22" in choices
    assert "35.07" not in choices


def test_a_code_that_is_not_a_province_offers_no_kab_kota(client, demo_users):
    response = browse(client, demo_users["kl-demo"], province="35.07")

    assert list(response.context["form"].fields["regency"].choices) == [
        ("", "Semua kabupaten/kota")
    ]


def test_directory_spells_out_field_and_media_labels(client, demo_users):
    VerifiedKimFactory(fields=["kesehatan"], media_types=[MediaType.COMMUNITY_RADIO])

    rows = browse(client, demo_users["kl-demo"]).context["rows"]

    assert rows[0]["fields"] == ["Kesehatan"]
    assert rows[0]["media"] == [str(MediaType.COMMUNITY_RADIO.label)]


def test_directory_is_paginated(client, demo_users):
    VerifiedKimFactory.create_batch(25)

    first = browse(client, demo_users["kl-demo"])
    second = browse(client, demo_users["kl-demo"], page=2)

    assert len(first.context["rows"]) == 20
    assert len(second.context["rows"]) == 5
    assert "page=2" in first.content.decode()


def test_ministry_also_uses_the_directory(client, demo_users):
    VerifiedKimFactory(name="KIM Nasional")

    assert names(browse(client, demo_users["kementerian"])) == ["KIM Nasional"]


@pytest.mark.parametrize("username", ["kab-malang", "prov-jatim"])
def test_directory_is_404_for_dinas_officers(client, demo_users, username):
    assert browse(client, demo_users[username]).status_code == 404


def test_directory_is_404_for_kim_users(client, demo_users):
    member = UserFactory(role="kim", kim=VerifiedKimFactory())

    assert browse(client, member).status_code == 404


def test_a_page_costs_the_same_queries_for_few_or_many_kim(client, demo_users):
    client.force_login(demo_users["kl-demo"])
    VerifiedKimFactory.create_batch(2)

    def count(shown: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL)
        assert len(response.context["rows"]) == shown
        return len(queries)

    client.get(URL)  # the region choices are cached by the first page of a process
    few = count(2)
    VerifiedKimFactory.create_batch(10, village_id=KOTA_MALANG_VILLAGE)
    assert count(12) == few

"""Nomination pages and API: each level's view, transitions through the API with the
right status codes, scope and constant query counts."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collaboration.services.nominations import nomination_create

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_api_flow_across_three_levels(world):
    kab = _client(world["kab-malang"])
    province = _client(world["prov-jatim"])
    ministry = _client(world["kementerian"])
    created = kab.post(
        "/api/v1/nominations/",
        {"competition": world["national"].pk, "kim": world["kim"].pk,
         "reason": "Video terbaik"},
    )  # fmt: skip
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    # Another province's competition is not the kab/kota's to nominate for: 404.
    other = kab.post(
        "/api/v1/nominations/",
        {"competition": world["jateng"].pk, "kim": world["kim"].pk, "reason": "x"},
    )
    assert other.status_code == 404
    assert province.post("/api/v1/nominations/", {}).status_code == 403
    assert ministry.get(f"/api/v1/nominations/{pk}/").status_code == 404
    assert kab.post(f"/api/v1/nominations/{pk}/select/").status_code == 403
    assert province.post(f"/api/v1/nominations/{pk}/forward/").status_code == 409
    assert province.post(f"/api/v1/nominations/{pk}/select/").status_code == 200
    kota = _client(world["kota-malang"])
    assert kota.post(f"/api/v1/nominations/{pk}/forward/").status_code == 404
    forwarded = province.post(f"/api/v1/nominations/{pk}/forward/")
    assert forwarded.json()["state"] == "forwarded"
    listed = ministry.get("/api/v1/nominations/").json()["results"]
    assert [n["id"] for n in listed] == [pk]
    assert kota.get("/api/v1/nominations/").json()["results"] == []


def test_pages_by_level(world):
    nomination = nomination_create(
        actor=world["kab-malang"],
        competition=world["province"],
        kim=world["kim"],
        data={"reason": "Aktif"},
    )
    detail = reverse("collaboration:nomination-detail", args=[nomination.pk])
    page = _client(world["prov-jatim"]).get(detail).content.decode()
    assert "Pilih" in page and "Tarik usulan" not in page
    page = _client(world["kab-malang"]).get(detail).content.decode()
    assert "Tarik usulan" in page and ">Pilih<" not in page
    assert _client(world["kota-malang"]).get(detail).status_code == 404
    # A province competition never reaches the ministry.
    assert _client(world["kementerian"]).get(detail).status_code == 404
    select = reverse("collaboration:nomination-select", args=[nomination.pk])
    _client(world["prov-jatim"]).post(select, {"note": "Layak"})
    nomination.refresh_from_db()
    assert nomination.state == "selected"
    create = reverse("collaboration:nomination-create")
    form = _client(world["kab-malang"]).get(create).content.decode()
    assert world["province"].title in form and world["jateng"].title not in form
    assert _client(world["prov-jatim"]).get(create).status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_queries_do_not_grow_with_rows(world):
    from registry.tests.factories import VerifiedKimFactory

    kab = _client(world["kab-malang"])
    urls = [reverse("collaboration:nomination-list"), "/api/v1/nominations/"]

    def nominate(kim):
        nomination_create(
            actor=world["kab-malang"],
            competition=world["province"],
            kim=kim,
            data={"reason": "Aktif"},
        )

    nominate(world["kim"])
    before = [_queries(kab, url) for url in urls]
    for n in range(4):
        nominate(VerifiedKimFactory(name=f"KIM N{n}"))
    assert [_queries(kab, url) for url in urls] == before

import pghistory
import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from kimportal.accounts.models import Role
from kimportal.core.history import history_url
from registry.choices import KimStatus
from registry.tests.factories import (
    KAB_SEMARANG_VILLAGE,
    KimFactory,
    UserFactory,
)


@pytest.fixture
def kim(demo_users):
    kim = KimFactory(name="KIM Tulungrejo Maju")
    with pghistory.context(user=demo_users["kab-malang"].pk, url="/kim/1/edit/"):
        kim.status = KimStatus.SUBMITTED
        kim.save()
    return kim


def test_history_url_names_the_object():
    kim = KimFactory.build(pk=7)

    assert history_url(kim) == "/history/registry/kim/7/"


@pytest.mark.parametrize("username", ["kementerian", "prov-jatim", "kab-malang"])
def test_staff_in_scope_see_changes_with_who_and_when(
    client, demo_users, kim, username
):
    client.force_login(demo_users[username])

    response = client.get(history_url(kim))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Riwayat perubahan" in page
    assert "KIM Tulungrejo Maju" in page
    rows = response.context["rows"]
    assert [row["action"] for row in rows] == ["update", "insert"]
    update = rows[0]
    assert update["user"] == "kab-malang"
    assert update["url"] == "/kim/1/edit/"
    assert {"label": "status", "old": "Draf", "new": "Diajukan"} in update["changes"]
    assert "oleh <strong>kab-malang</strong>" in page


@pytest.mark.parametrize("username", ["kota-malang", "kab-semarang", "prov-jateng"])
def test_staff_of_another_region_get_404(client, demo_users, kim, username):
    client.force_login(demo_users[username])

    assert client.get(history_url(kim)).status_code == 404


def test_kim_members_and_agencies_get_404_even_for_visible_rows(client, demo_users):
    kim = KimFactory(status=KimStatus.VERIFIED, nik="3507-2026-0001")
    member = UserFactory(role=Role.KIM, kim=kim)

    for user in (member, demo_users["kl-demo"]):
        client.force_login(user)
        assert client.get(history_url(kim)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, kim):
    response = client.get(history_url(kim))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    "path",
    [
        "/history/registry/nosuchmodel/1/",
        "/history/nosuchapp/kim/1/",
        "/history/registry/niksequence/1/",
        "/history/registry/kimevent/1/",
        "/history/auth/group/1/",
    ],
)
def test_unknown_or_unscoped_models_answer_404(client, demo_users, path):
    client.force_login(demo_users["kementerian"])

    assert client.get(path).status_code == 404


def test_missing_object_answers_404(client, demo_users):
    client.force_login(demo_users["kementerian"])

    assert client.get("/history/registry/kim/999999/").status_code == 404


def test_history_is_paginated_newest_first(client, demo_users):
    kim = KimFactory()
    for n in range(24):
        kim.chair_name = f"Ketua {n}"
        kim.save()
    client.force_login(demo_users["kab-malang"])

    first = client.get(history_url(kim))
    second = client.get(history_url(kim), {"page": 2})

    assert len(first.context["rows"]) == 20
    assert first.context["rows"][0]["changes"][0]["new"] == "Ketua 23"
    assert [row["action"] for row in second.context["rows"]][-1] == "insert"
    assert len(second.context["rows"]) == 5


def test_change_without_request_is_shown_as_made_by_the_system(client, demo_users):
    kim = KimFactory(village_id=KAB_SEMARANG_VILLAGE)
    client.force_login(demo_users["kab-semarang"])

    response = client.get(history_url(kim))

    assert response.context["rows"][0]["user"] is None
    assert "oleh sistem" in response.content.decode()


def test_history_link_tag_shows_only_to_readers(demo_users, kim):
    template = Template("{% load audit %}[{% history_link kim %}]")
    request = RequestFactory().get("/")
    member = UserFactory(role=Role.KIM, kim=kim)

    request.user = demo_users["kab-malang"]
    staff_html = template.render(Context({"kim": kim, "request": request}))
    request.user = member
    member_html = template.render(Context({"kim": kim, "request": request}))

    assert f'href="{history_url(kim)}"' in staff_html
    assert ">Riwayat<" in staff_html
    assert member_html == "[]"


def test_history_url_filter_renders_the_path(kim):
    html = Template("{% load audit %}{{ kim|history_url }}").render(
        Context({"kim": kim})
    )

    assert html == f"/history/registry/kim/{kim.pk}/"


def test_region_references_are_named_and_other_references_stay_ids(
    client, demo_users, regions
):
    old_kim = KimFactory(name="KIM Lama")
    kim = KimFactory(name="KIM Baru")
    kim.village_id = "35.07.01.2002"
    kim.previous_record = old_kim
    kim.from_old_list = True
    kim.save()
    client.force_login(demo_users["kab-malang"])

    changes = client.get(history_url(kim)).context["rows"][0]["changes"]

    by_label = {change["label"]: change for change in changes}
    assert by_label["desa/kelurahan"]["old"] == "Tulungrejo (35.07.01.2001)"
    assert by_label["desa/kelurahan"]["new"].endswith("(35.07.01.2002)")
    assert by_label["catatan sebelumnya"]["new"] == str(old_kim.pk)
    assert by_label["dari daftar lama"] == {
        "label": "dari daftar lama",
        "old": "Tidak",
        "new": "Ya",
    }


def test_site_admin_approval_shows_in_history_with_the_minister_user(
    client, demo_users
):
    from kimportal.accounts.services import application_submit
    from registry.tests.factories import pdf_upload

    application = application_submit(
        data={
            "office_kind": "regency",
            "region": "35.73",
            "full_name": "Agus Salim",
            "nip": "198001012005011001",
            "position": "Sekretaris Dinas",
            "email": "agus@malangkota.go.id",
            "phone": "0341 555555",
        },
        letter=pdf_upload(),
    )
    client.force_login(demo_users["kementerian"])
    client.post(reverse("accounts:application-approve", args=[application.pk]))

    response = client.get(history_url(application))

    approval = response.context["rows"][0]
    assert approval["user"] == "kementerian"
    assert approval["url"] == reverse(
        "accounts:application-approve", args=[application.pk]
    )
    assert {"label": "status", "old": "Menunggu keputusan", "new": "Disetujui"} in (
        approval["changes"]
    )
    assert {
        "label": "diputuskan oleh",
        "old": "—",
        "new": "kementerian",
    } in approval["changes"]
    client.force_login(demo_users["kab-malang"])
    assert client.get(history_url(application)).status_code == 404

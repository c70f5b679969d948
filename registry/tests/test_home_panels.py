"""The home dashboard per role: right numbers, in scope, in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kimportal.regions.models import Region
from registry.choices import (
    ChangeRequestStatus,
    KimStatus,
    PartnershipStatus,
    ReviewGround,
    ReviewStatus,
)
from registry.models import ChangeRequest, Partnership, ReviewCase
from registry.panels import dashboard_for
from registry.tests.factories import (
    KAB_SEMARANG_VILLAGE,
    KOTA_MALANG_VILLAGE,
    KimFactory,
    UserFactory,
    VerifiedKimFactory,
)

pytestmark = pytest.mark.django_db

_nik = iter(range(1, 10_000))


def verified(village=None, **kwargs):
    village = village or "35.07.01.2001"
    regency = village[:5].replace(".", "")
    return VerifiedKimFactory(
        village_id=village, nik=f"{regency}-2025-{next(_nik):04d}", **kwargs
    )


def partner(kim, user, *, ends_in_days=200, status=PartnershipStatus.ACTIVE):
    today = timezone.localdate()
    return Partnership.objects.create(
        kim=kim,
        starts_on=today - datetime.timedelta(days=100),
        ends_on=today + datetime.timedelta(days=ends_in_days),
        status=status,
        created_by=user,
    )


def open_case(kim, user):
    return ReviewCase.objects.create(
        kim=kim,
        grounds=[ReviewGround.CRIMINAL],
        opened_by_level="regency",
        opened_by=user,
        status=ReviewStatus.OPEN,
    )


@pytest.fixture
def country(demo_users):
    """KIM in Kab. Malang, Kota Malang (both Jawa Timur) and Kab. Semarang (Jawa Tengah)."""
    officer = demo_users["kab-malang"]
    kab = [verified(), verified(), verified()]
    KimFactory(status=KimStatus.SUBMITTED, submitted_at=timezone.now(), name="KIM Baru")
    KimFactory(status=KimStatus.DRAFT)
    partner(kab[0], officer, ends_in_days=10)
    partner(kab[1], officer, ends_in_days=40)
    open_case(kab[2], officer)
    ChangeRequest.objects.create(kim=kab[0], requested_by=officer, changes={"name": {}})
    ChangeRequest.objects.create(
        kim=kab[1],
        requested_by=officer,
        changes={"name": {}},
        status=ChangeRequestStatus.APPROVED,
    )

    kota = [verified(KOTA_MALANG_VILLAGE), verified(KOTA_MALANG_VILLAGE)]
    KimFactory(village_id=KOTA_MALANG_VILLAGE, status=KimStatus.SUBMITTED)
    partner(kota[0], demo_users["kota-malang"], ends_in_days=5)
    open_case(kota[1], demo_users["kota-malang"])
    ChangeRequest.objects.create(
        kim=kota[0], requested_by=officer, changes={"name": {}}
    )

    verified(KAB_SEMARANG_VILLAGE)
    KimFactory(village_id=KAB_SEMARANG_VILLAGE)
    return {"kab": kab, "kota": kota}


def home(client, user):
    client.force_login(user)
    return client.get("/")


def panel(response, key):
    """The context a registered home panel rendered with."""
    return next(p["context"] for p in response.context["panels"] if p["key"] == key)


def test_regency_sees_its_own_counts_only(demo_users, country):
    data = dashboard_for(user=demo_users["kab-malang"])

    assert data["kim_counts"]["total"] == 5
    assert data["kim_counts"]["verified"] == 3
    assert data["kim_counts"]["submitted"] == 1
    assert data["kim_counts"]["draft"] == 1
    assert data["ending_soon_count"] == 1
    assert data["open_case_count"] == 1
    assert data["pending_change_count"] == 1
    assert [k.name for k in data["to_verify"]] == ["KIM Baru"]
    assert [c.kim_id for c in data["open_cases"]] == [country["kab"][2].pk]
    assert [p.kim_id for p in data["ending_soon"]] == [country["kab"][0].pk]


def test_regency_panels_kept_statements_serve_each_scope_its_own(demo_users, country):
    # The panel's statements are compiled once per day and scope condition: asked as
    # Kab. Malang first, Kota Malang must still get its own counts and lists.
    from registry import panels

    panels._REGENCY_STATEMENTS.clear()
    kab = dashboard_for(user=demo_users["kab-malang"])
    kota = dashboard_for(user=demo_users["kota-malang"])
    again = dashboard_for(user=demo_users["kab-malang"])
    assert [c.kim_id for c in kota["open_cases"]] == [country["kota"][1].pk]
    assert [p.kim_id for p in kota["ending_soon"]] == [country["kota"][0].pk]
    assert [k.village_name for k in kota["to_verify"]] == ["Balearjosari"]
    assert (kota["open_case_count"], kota["pending_change_count"]) == (1, 1)
    assert again == kab
    assert [c.kim_name for c in kab["open_cases"]] == [country["kab"][2].name]


def test_regency_panels_ending_soon_follows_the_day(demo_users, country, monkeypatch):
    # The day is in the kept statements' key: tomorrow's window is compiled anew.
    officer = demo_users["kab-malang"]
    today = timezone.localdate()
    assert dashboard_for(user=officer)["ending_soon_count"] == 1
    monkeypatch.setattr(
        timezone, "localdate", lambda: today + datetime.timedelta(days=15)
    )
    later = dashboard_for(user=officer)
    # kab[0] ends in 10 days (past by then), kab[1] in 40 (now within 30).
    assert [p.kim_id for p in later["ending_soon"]] == [country["kab"][1].pk]
    assert later["ending_soon_count"] == 1


def test_regency_home_lists_what_needs_action_today(client, demo_users, country):
    html = home(client, demo_users["kab-malang"]).content.decode()

    assert "Perlu tindakan hari ini" in html
    assert "KIM Baru" in html
    assert country["kab"][2].name in html
    assert country["kota"][1].name not in html
    assert "Kemitraan berakhir dalam 30 hari" in html


def test_a_partnership_that_already_ended_is_not_ending_soon(demo_users, regions):
    kim = verified()
    partner(kim, demo_users["kab-malang"], ends_in_days=-3)

    assert dashboard_for(user=demo_users["kab-malang"])["ending_soon_count"] == 0


def test_province_table_puts_its_kab_kota_side_by_side(client, demo_users, country):
    data = dashboard_for(user=demo_users["prov-jatim"])

    rows = {row["region"].code: row for row in data["region_rows"]}
    jatim_regencies = Region.objects.filter(parent_id="35", level="regency").count()
    assert len(rows) == jatim_regencies
    assert "33.22" not in rows
    assert {
        k: rows["35.07"][k] for k in ("kim", "verified", "partners", "open_cases")
    } == {
        "kim": 5,
        "verified": 3,
        "partners": 2,
        "open_cases": 1,
    }
    assert {
        k: rows["35.73"][k] for k in ("kim", "verified", "partners", "open_cases")
    } == {
        "kim": 3,
        "verified": 2,
        "partners": 1,
        "open_cases": 1,
    }
    assert data["region_totals"]["kim"] == 8
    assert data["kim_counts"]["total"] == 8


def test_province_rows_link_to_the_kim_list_of_that_kab_kota(
    client, demo_users, country
):
    html = home(client, demo_users["prov-jatim"]).content.decode()

    assert 'href="/kim/?region=35.07"' in html
    assert 'href="/kim/?region=35.73"' in html
    assert "region=33.22" not in html


def test_province_table_costs_the_same_queries_whatever_the_kab_kota(
    client, demo_users, country
):
    # Jawa Timur and Jawa Tengah have a different number of kab/kota.
    assert (
        Region.objects.filter(parent_id="35").count()
        != Region.objects.filter(parent_id="33").count()
    )

    def queries_for(username) -> int:
        client.force_login(demo_users[username])
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/")
        assert response.status_code == 200
        return len(captured)

    jatim = queries_for("prov-jatim")
    jateng = queries_for("prov-jateng")
    verified("35.07.01.2002")
    verified("33.22.01.2002")
    assert queries_for("prov-jatim") == jatim == jateng


def test_ministry_sees_national_numbers_and_a_row_per_province(demo_users, country):
    data = dashboard_for(user=demo_users["kementerian"])

    rows = {row["region"].code: row for row in data["region_rows"]}
    assert len(rows) == Region.objects.filter(level="province").count()
    assert rows["35"]["kim"] == 8
    assert rows["35"]["partners"] == 3
    assert rows["33"]["kim"] == 2
    assert rows["33"]["verified"] == 1
    assert data["kim_counts"]["total"] == 10
    assert data["region_totals"]["open_cases"] == 2


def test_ministry_home_renders_the_province_table(client, demo_users, country):
    response = home(client, demo_users["kementerian"])

    assert response.status_code == 200
    assert 'href="/kim/?region=35"' in response.content.decode()


def test_agency_sees_the_verified_count_and_the_directory(client, demo_users, country):
    response = home(client, demo_users["kl-demo"])

    assert panel(response, "registry.agency")["verified_count"] == 6
    assert "/kim/directory/" in response.content.decode()


def test_kim_user_sees_its_status_nik_and_partnership(client, demo_users, regions):
    kim = verified(name="KIM Sendiri")
    partner(kim, demo_users["kab-malang"])
    member = UserFactory(role="kim", kim=kim)

    html = home(client, member).content.decode()

    assert "KIM Sendiri" in html
    assert kim.nik in html
    assert "Terverifikasi" in html
    assert "Aktif" in html


def test_anonymous_visitors_are_sent_to_login(client, regions):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_ministry_home_counts_waiting_site_admin_applications(
    client, demo_users, regions
):
    from kimportal.accounts.services import application_reject, application_submit
    from kimportal.accounts.tests.factories import application_data, letter_pdf

    application_submit(data=application_data(), letter=letter_pdf())
    rejected = application_submit(
        data=application_data(email="lain@malangkab.go.id"), letter=letter_pdf()
    )
    application_reject(
        application=rejected, decided_by=demo_users["kementerian"], reason="Bukan staf"
    )

    response = home(client, demo_users["kementerian"])

    assert panel(response, "accounts.applications")["submitted"] == 1
    assert "/accounts/applications/" in response.content.decode()
    regency_panels = home(client, demo_users["kab-malang"]).context["panels"]
    keys = [p["key"] for p in regency_panels]
    # The site-admin queue is the ministry's alone; a kab/kota sees its own panels.
    assert "registry.regency" in keys
    assert "accounts.applications" not in keys

"""The registry REST API: scope, roles, transitions and their error answers."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.drainage import GENERATOR_STATS
from rest_framework.test import APIClient

from kimportal.regions.models import Region
from registry.choices import (
    DocumentKind,
    KimStatus,
    PartnershipStatus,
    Qualification,
    Requirement,
    ReviewGround,
    ReviewStatus,
)
from registry.models import Kim, Partnership, ReviewCase

from .factories import (
    KAB_MALANG_VILLAGE,
    KOTA_MALANG_VILLAGE,
    PDF_BYTES,
    KimDocumentFactory,
    KimFactory,
    KimOfficerFactory,
    UserFactory,
    VerifiedKimFactory,
    pdf_upload,
)

pytestmark = pytest.mark.django_db

OTHER_KAB_MALANG_VILLAGE = "35.07.01.2002"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def kim_url(kim, action=None) -> str:
    if action is None:
        return reverse("api-kim-detail", args=[kim.pk])
    return f"/api/v1/kim/{kim.pk}/{action}/"


def all_passed() -> dict:
    return {r: {"passed": True, "note": ""} for r in Requirement.values}


def complete_draft(**kwargs) -> Kim:
    """A draft with everything kim_submit asks for."""
    kim = KimFactory(**kwargs)
    KimOfficerFactory(kim=kim, name="Budi", position="Ketua", phone="+6281311112222")
    for kind in DocumentKind.values:
        KimDocumentFactory(kim=kim, kind=kind)
    return kim


# --- schema -----------------------------------------------------------------------------


def test_schema_generates_without_warnings_and_lists_the_transitions(client):
    GENERATOR_STATS.reset()

    response = client.get("/api/v1/schema/")

    assert response.status_code == 200
    body = response.content.decode()
    for path in (
        "/api/v1/kim/{id}/verify/",
        "/api/v1/kim/{id}/submit/",
        "/api/v1/kim/{id}/partnerships/",
        "/api/v1/reviews/{id}/terminate/",
    ):
        assert path in body
    problems = list(GENERATOR_STATS._warn_cache) + list(GENERATOR_STATS._error_cache)
    ours = ("registry", "Kim", "Review", "Partnership", "status", "reason")
    assert [p for p in problems if any(word in p for word in ours)] == []


# --- reading ------------------------------------------------------------------------------


def test_regency_lists_only_the_kim_of_its_own_kab_kota(demo_users):
    own = KimFactory(name="KIM Donomulyo")
    KimFactory(name="KIM Kota", village_id=KOTA_MALANG_VILLAGE)

    response = client_for(demo_users["kab-malang"]).get("/api/v1/kim/")

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [own.pk]


def test_list_applies_the_web_list_filters(demo_users):
    verified = VerifiedKimFactory(name="KIM Sinar")
    KimFactory(name="KIM Sinar Draf")

    api = client_for(demo_users["kab-malang"])

    by_status = api.get("/api/v1/kim/", {"status": "verified"}).json()["results"]
    by_search = api.get("/api/v1/kim/", {"q": "draf"}).json()["results"]
    assert [row["id"] for row in by_status] == [verified.pk]
    assert [row["name"] for row in by_search] == ["KIM Sinar Draf"]


def test_a_list_page_costs_the_same_queries_for_few_or_many_kim(demo_users):
    api = client_for(demo_users["prov-jatim"])
    KimFactory.create_batch(2)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/api/v1/kim/").status_code == 200
        return len(queries)

    few = count()
    KimFactory.create_batch(6, village_id=KOTA_MALANG_VILLAGE)
    assert count() == few


def test_detail_of_a_kim_in_another_kab_kota_is_404(demo_users):
    other = KimFactory(village_id=KOTA_MALANG_VILLAGE)

    response = client_for(demo_users["kab-malang"]).get(kim_url(other))

    assert response.status_code == 404


def test_detail_for_staff_carries_officers_documents_and_region_names(demo_users):
    kim = complete_draft()

    data = client_for(demo_users["prov-jatim"]).get(kim_url(kim)).json()

    assert data["officers"][0]["name"] == "Budi"
    assert data["officers"][0]["phone"] == "+6281311112222"
    assert {d["kind"] for d in data["documents"]} == set(DocumentKind.values)
    assert data["documents"][0]["download_url"].endswith("/download/")
    assert data["regency_name"] == Region.objects.get(code="35.07").name
    assert data["province_name"] == Region.objects.get(code="35").name


def test_detail_lists_only_the_current_documents(demo_users):
    kim = complete_draft()
    old_sk = KimDocumentFactory(
        kim=kim,
        kind=DocumentKind.VILLAGE_HEAD_SK,
        number="141/LAMA/2020",
        superseded_at=timezone.now(),
    )

    data = client_for(demo_users["kab-malang"]).get(kim_url(kim)).json()

    listed = [d["id"] for d in data["documents"]]
    assert old_sk.pk not in listed
    assert len(listed) == len(DocumentKind.values)


def test_agency_sees_verified_kim_without_any_personal_data(demo_users):
    kim = VerifiedKimFactory(chair_name="Siti Aminah", whatsapp="+6281234567890")
    KimOfficerFactory(kim=kim, name="Pengurus Rahasia", phone="+6281399998888")
    KimFactory(name="Draf tersembunyi")
    api = client_for(demo_users["kl-demo"])

    listed = api.get("/api/v1/kim/").json()["results"]
    detail = api.get(kim_url(kim))

    assert [row["id"] for row in listed] == [kim.pk]
    assert detail.status_code == 200
    for payload in (listed[0], detail.json()):
        text = str(payload)
        assert "Siti Aminah" not in text
        assert "+628" not in text
        assert "Pengurus Rahasia" not in text
        assert not {"officers", "whatsapp", "phone", "chair_name", "documents"} & set(
            payload
        )
        assert payload["nik"] == kim.nik


def test_kim_user_reads_its_own_kim_and_nothing_else(demo_users):
    own = VerifiedKimFactory()
    other = VerifiedKimFactory()
    member = UserFactory(role="kim", kim=own)
    api = client_for(member)

    assert api.get(kim_url(own)).status_code == 200
    assert api.get(kim_url(other)).status_code == 404
    assert [r["id"] for r in api.get("/api/v1/kim/").json()["results"]] == [own.pk]


def test_anonymous_callers_are_refused(regions):
    assert APIClient().get("/api/v1/kim/").status_code in (401, 403)


def test_token_authentication_reads_the_list(demo_users, client):
    from conftest import DEMO_PASSWORD, totp_now

    KimFactory()
    token = client.post(
        "/api/v1/auth/token/",
        {
            "username": "kab-malang",
            "password": DEMO_PASSWORD,
            "otp": totp_now("kab-malang"),
        },
    ).json()["token"]

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/kim/").json()["count"] == 1


# --- create and update --------------------------------------------------------------------


def new_kim_payload(**overrides) -> dict:
    payload = {
        "name": "KIM Tunas Harapan",
        "kim_type": "A",
        "village": KAB_MALANG_VILLAGE,
        "chair_name": "Rina",
        "whatsapp": "081234567890",
        "email": "tunas@example.id",
        "media_types": ["social", "meeting"],
        "fields": ["kesehatan"],
        "coverage": [KAB_MALANG_VILLAGE, OTHER_KAB_MALANG_VILLAGE],
        "officers": [{"name": "Rina", "position": "Ketua", "phone": "081211112222"}],
        "channels": [
            {"platform": "instagram", "address": "@tunasharapan", "followers": 120}
        ],
    }
    payload.update(overrides)
    return payload


def test_regency_creates_a_draft_kim_with_officers_and_channels(demo_users):
    response = client_for(demo_users["kab-malang"]).post(
        "/api/v1/kim/", new_kim_payload(), format="json"
    )

    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["status"] == KimStatus.DRAFT
    assert data["whatsapp"] == "+6281234567890"
    assert [o["name"] for o in data["officers"]] == ["Rina"]
    assert [c["address"] for c in data["channels"]] == ["@tunasharapan"]
    assert sorted(data["coverage_villages"]) == [
        KAB_MALANG_VILLAGE,
        OTHER_KAB_MALANG_VILLAGE,
    ]


@pytest.mark.parametrize("username", ["prov-jatim", "kementerian", "kl-demo"])
def test_only_regency_officers_may_create(demo_users, username):
    response = client_for(demo_users[username]).post(
        "/api/v1/kim/", new_kim_payload(), format="json"
    )

    assert response.status_code == 403
    assert not Kim.objects.exists()


def test_create_in_another_kab_kota_answers_400_with_the_field_message(demo_users):
    response = client_for(demo_users["kab-malang"]).post(
        "/api/v1/kim/", new_kim_payload(village=KOTA_MALANG_VILLAGE), format="json"
    )

    assert response.status_code == 400
    assert "wilayah" in " ".join(response.json()["village"])


def test_create_with_bad_input_answers_400_per_field(demo_users):
    response = client_for(demo_users["kab-malang"]).post(
        "/api/v1/kim/", new_kim_payload(media_types=["telepati"]), format="json"
    )

    assert response.status_code == 400
    assert "media_types" in response.json()


def test_partial_update_changes_only_the_given_fields(demo_users):
    kim = KimFactory(chair_name="Lama", email="lama@example.id")
    KimOfficerFactory(kim=kim, name="Tetap")

    response = client_for(demo_users["kab-malang"]).patch(
        kim_url(kim), {"chair_name": "Baru"}, format="json"
    )

    assert response.status_code == 200, response.json()
    kim.refresh_from_db()
    assert (kim.chair_name, kim.email) == ("Baru", "lama@example.id")
    assert [o.name for o in kim.officers.filter(active=True)] == ["Tetap"]


def test_update_of_a_kim_out_of_scope_is_404(demo_users):
    other = KimFactory(village_id=KOTA_MALANG_VILLAGE)

    response = client_for(demo_users["kab-malang"]).patch(
        kim_url(other), {"chair_name": "X"}, format="json"
    )

    assert response.status_code == 404


def test_province_may_read_but_not_update(demo_users):
    kim = KimFactory()

    response = client_for(demo_users["prov-jatim"]).patch(
        kim_url(kim), {"chair_name": "X"}, format="json"
    )

    assert response.status_code == 403


# --- transitions ------------------------------------------------------------------------


def test_submit_then_verify_issues_a_nik_of_the_kab_kota(demo_users):
    kim = complete_draft()
    api = client_for(demo_users["kab-malang"])

    submitted = api.post(kim_url(kim, "submit"))
    verified = api.post(
        kim_url(kim, "verify"),
        {"items": all_passed(), "note": "Lengkap"},
        format="json",
    )

    assert submitted.status_code == 200, submitted.json()
    assert submitted.json()["status"] == KimStatus.SUBMITTED
    assert verified.status_code == 200, verified.json()
    assert verified.json()["status"] == KimStatus.VERIFIED
    assert verified.json()["nik"].startswith("3507-")


def test_submit_of_an_incomplete_draft_answers_400_with_what_is_missing(demo_users):
    kim = KimFactory()

    response = client_for(demo_users["kab-malang"]).post(kim_url(kim, "submit"))

    assert response.status_code == 400
    assert "pengurus" in str(response.json()).lower()


def test_verifying_a_draft_is_a_409_with_a_message(demo_users):
    kim = complete_draft()

    response = client_for(demo_users["kab-malang"]).post(
        kim_url(kim, "verify"), {"items": all_passed()}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["detail"]


def test_verify_with_an_unknown_requirement_is_400(demo_users):
    kim = complete_draft(status=KimStatus.SUBMITTED)

    response = client_for(demo_users["kab-malang"]).post(
        kim_url(kim, "verify"),
        {"items": {"bisa_terbang": {"passed": True}}},
        format="json",
    )

    assert response.status_code == 400
    assert "bisa_terbang" in str(response.json())


def test_verify_with_a_failed_requirement_is_400_not_500(demo_users):
    kim = complete_draft(status=KimStatus.SUBMITTED)
    items = all_passed()
    items[Requirement.NOT_ASN] = {"passed": False, "note": "Ketua ASN"}

    response = client_for(demo_users["kab-malang"]).post(
        kim_url(kim, "verify"), {"items": items}, format="json"
    )

    assert response.status_code == 400
    kim.refresh_from_db()
    assert kim.status == KimStatus.SUBMITTED


def test_reject_records_the_failed_requirements(demo_users):
    kim = complete_draft(status=KimStatus.SUBMITTED)
    items = all_passed()
    items[Requirement.NOT_ASN] = {"passed": False, "note": "Ketua ASN"}

    response = client_for(demo_users["kab-malang"]).post(
        kim_url(kim, "reject"), {"items": items, "note": "Perbaiki"}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == KimStatus.REJECTED
    item = kim.verifications.get().items.get(requirement=Requirement.NOT_ASN)
    assert (item.passed, item.note) == (False, "Ketua ASN")


def test_province_may_not_verify(demo_users):
    kim = complete_draft(status=KimStatus.SUBMITTED)

    response = client_for(demo_users["prov-jatim"]).post(
        kim_url(kim, "verify"), {"items": all_passed()}, format="json"
    )

    assert response.status_code == 403


def test_deactivate_a_verified_kim_and_refuse_it_twice(demo_users):
    kim = VerifiedKimFactory()
    api = client_for(demo_users["kab-malang"])

    first = api.post(kim_url(kim, "deactivate"), {"reason": "dissolved"}, format="json")
    second = api.post(
        kim_url(kim, "deactivate"), {"reason": "dissolved"}, format="json"
    )

    assert first.status_code == 200
    assert first.json()["status"] == KimStatus.INACTIVE
    assert second.status_code == 409


def test_deactivate_with_an_unknown_reason_is_400(demo_users):
    kim = VerifiedKimFactory()

    response = client_for(demo_users["kab-malang"]).post(
        kim_url(kim, "deactivate"), {"reason": "bosan"}, format="json"
    )

    assert response.status_code == 400
    assert "reason" in response.json()


def partnership_payload() -> dict:
    return {
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "qualifications": Qualification.values,
        "note": "Memenuhi",
    }


def test_partnership_starts_once_and_a_second_start_is_409(demo_users):
    kim = VerifiedKimFactory()
    api = client_for(demo_users["kab-malang"])

    first = api.post(kim_url(kim, "partnerships"), partnership_payload(), format="json")
    second = api.post(
        kim_url(kim, "partnerships"), partnership_payload(), format="json"
    )

    assert first.status_code == 201, first.json()
    assert first.json()["status"] == PartnershipStatus.ACTIVE
    assert second.status_code == 409
    assert Partnership.objects.filter(kim=kim).count() == 1


def test_partnership_with_missing_qualifications_is_400(demo_users):
    kim = VerifiedKimFactory()
    payload = partnership_payload() | {"qualifications": [Qualification.REACH]}

    response = client_for(demo_users["kab-malang"]).post(
        kim_url(kim, "partnerships"), payload, format="json"
    )

    assert response.status_code == 400
    assert "qualifications" in response.json()


# --- review cases --------------------------------------------------------------------------


def open_case(user, kim, **extra) -> dict:
    response = client_for(user).post(
        kim_url(kim, "reviews"),
        {"grounds": [ReviewGround.CRIMINAL], "notes": "Laporan warga", **extra},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    return response.json()


def test_province_opens_a_review_with_evidence(demo_users, client):
    kim = VerifiedKimFactory()

    case = open_case(demo_users["prov-jatim"], kim, evidence=[pdf_upload("bukti.pdf")])

    assert case["status"] == ReviewStatus.OPEN
    assert case["opened_by_level"] == "province"
    assert [e["original_name"] for e in case["evidence"]] == ["bukti.pdf"]
    client.force_login(demo_users["kab-malang"])
    download = client.get(case["evidence"][0]["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_a_second_open_review_is_409(demo_users):
    kim = VerifiedKimFactory()
    open_case(demo_users["kab-malang"], kim)

    response = client_for(demo_users["kab-malang"]).post(
        kim_url(kim, "reviews"), {"grounds": [ReviewGround.MOVED]}, format="json"
    )

    assert response.status_code == 409


def test_review_list_is_scoped_and_closed_to_kim_users(demo_users):
    own = VerifiedKimFactory()
    other = VerifiedKimFactory(village_id=KOTA_MALANG_VILLAGE, nik="3573-2020-0001")
    own_case = open_case(demo_users["kab-malang"], own)
    other_case = open_case(demo_users["kota-malang"], other)
    member = UserFactory(role="kim", kim=own)

    listed = client_for(demo_users["kab-malang"]).get("/api/v1/reviews/").json()
    province = client_for(demo_users["prov-jatim"]).get("/api/v1/reviews/").json()

    assert [c["id"] for c in listed["results"]] == [own_case["id"]]
    assert province["count"] == 2
    assert (
        client_for(demo_users["kab-malang"])
        .get(f"/api/v1/reviews/{other_case['id']}/")
        .status_code
        == 404
    )
    assert client_for(member).get("/api/v1/reviews/").status_code == 403
    assert client_for(demo_users["kl-demo"]).get("/api/v1/reviews/").status_code == 403


def test_review_list_filters_by_status(demo_users):
    open_one = open_case(demo_users["kab-malang"], VerifiedKimFactory())
    closed = ReviewCase.objects.get(
        pk=open_case(demo_users["kab-malang"], VerifiedKimFactory())["id"]
    )
    closed.status = ReviewStatus.CONTINUED
    closed.save()
    api = client_for(demo_users["kab-malang"])

    only_open = api.get("/api/v1/reviews/", {"status": "open"}).json()["results"]
    unknown = api.get("/api/v1/reviews/", {"status": "entah"}).json()

    assert [c["id"] for c in only_open] == [open_one["id"]]
    assert unknown["count"] == 2


def test_province_comments_and_regency_continues_the_partnership(demo_users):
    kim = VerifiedKimFactory()
    client_for(demo_users["kab-malang"]).post(
        kim_url(kim, "partnerships"), partnership_payload(), format="json"
    )
    case = open_case(demo_users["kab-malang"], kim)

    comment = client_for(demo_users["prov-jatim"]).post(
        f"/api/v1/reviews/{case['id']}/comments/",
        {"body": "Mohon dicek"},
        format="json",
    )
    by_province = client_for(demo_users["prov-jatim"]).post(
        f"/api/v1/reviews/{case['id']}/continue/", {"note": "Tidak terbukti"}
    )
    decided = client_for(demo_users["kab-malang"]).post(
        f"/api/v1/reviews/{case['id']}/continue/",
        {"note": "Tidak terbukti"},
        format="json",
    )

    assert comment.status_code == 201
    assert by_province.status_code == 403
    assert decided.status_code == 200, decided.json()
    assert decided.json()["status"] == ReviewStatus.CONTINUED
    assert [c["body"] for c in decided.json()["comments"]] == ["Mohon dicek"]
    assert Partnership.objects.get(kim=kim).status == PartnershipStatus.ACTIVE


def test_comment_on_a_closed_case_is_409_and_from_the_ministry_403(demo_users):
    kim = VerifiedKimFactory()
    case = open_case(demo_users["kab-malang"], kim)
    url = f"/api/v1/reviews/{case['id']}/comments/"

    by_ministry = client_for(demo_users["kementerian"]).post(
        url, {"body": "Catatan"}, format="json"
    )
    client_for(demo_users["kab-malang"]).post(
        f"/api/v1/reviews/{case['id']}/continue/", {"note": "Tidak terbukti"}
    )
    after_closing = client_for(demo_users["prov-jatim"]).post(
        url, {"body": "Terlambat"}, format="json"
    )

    assert by_ministry.status_code == 403
    assert after_closing.status_code == 409
    assert "detail" in after_closing.json()


def test_terminate_stores_the_letter_and_a_closed_case_answers_409(demo_users):
    kim = VerifiedKimFactory()
    api = client_for(demo_users["kab-malang"])
    api.post(kim_url(kim, "partnerships"), partnership_payload(), format="json")
    case = open_case(demo_users["kab-malang"], kim)
    body = {
        "decision_date": datetime.date.today().isoformat(),
        "decision_number": "800/12/2026",
        "note": "Terbukti",
    }

    terminated = api.post(
        f"/api/v1/reviews/{case['id']}/terminate/",
        body | {"decision_letter": pdf_upload("sk-putus.pdf")},
        format="multipart",
    )
    again = api.post(
        f"/api/v1/reviews/{case['id']}/terminate/",
        body | {"decision_letter": pdf_upload("sk-putus.pdf")},
        format="multipart",
    )

    assert terminated.status_code == 200, terminated.json()
    assert terminated.json()["status"] == ReviewStatus.TERMINATED
    assert terminated.json()["decision_letter_url"].endswith("/letter/")
    assert Partnership.objects.get(kim=kim).status == PartnershipStatus.TERMINATED
    assert again.status_code == 409
    assert again.json()["detail"]


def test_terminate_without_a_letter_is_400(demo_users):
    kim = VerifiedKimFactory()
    case = open_case(demo_users["kab-malang"], kim)

    response = client_for(demo_users["kab-malang"]).post(
        f"/api/v1/reviews/{case['id']}/terminate/",
        {"decision_date": "2026-01-10", "decision_number": "1"},
        format="multipart",
    )

    assert response.status_code == 400
    assert "decision_letter" in response.json()
    assert ReviewCase.objects.get(pk=case["id"]).status == ReviewStatus.OPEN

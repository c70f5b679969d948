"""The registry's staff pages, driven through the Django test client."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kimportal.core.browser import assert_fits_phone_and_accessible
from registry.choices import (
    ChangeRequestStatus,
    DocumentKind,
    KimStatus,
    PartnershipStatus,
    Qualification,
    Requirement,
    ReviewStatus,
)
from registry.models import ChangeRequest, Kim, Partnership, ReviewCase
from registry.tests.factories import (
    KAB_MALANG_VILLAGE,
    KOTA_MALANG_VILLAGE,
    KimDocumentFactory,
    KimFactory,
    KimOfficerFactory,
    UserFactory,
    VerifiedKimFactory,
    pdf_upload,
)

pytestmark = pytest.mark.django_db

SECOND_KAB_MALANG_VILLAGE = "35.07.01.2002"


def registration_data(**overrides) -> dict:
    """A complete registration POST: profile, two board members, one channel, and the
    three documents."""
    data = {
        "name": "KIM Tulungrejo Sejahtera",
        "kim_type": "A",
        "chair_name": "Siti Aminah",
        "street": "Jl. Raya Donomulyo",
        "rt": "001",
        "rw": "002",
        "house_number": "12",
        "village": KAB_MALANG_VILLAGE,
        "whatsapp": "081234567890",
        "phone": "",
        "email": "kim.tulungrejo@example.id",
        "coverage": [KAB_MALANG_VILLAGE],
        "social_groups": ["petani", "pemuda"],
        "media_types": ["social", "meeting"],
        "fields": ["kesehatan", "pertanian"],
        "public_issues": "Stunting, harga pupuk",
        "frequency_count": "2",
        "frequency_unit": "week",
        "content_types": ["video", "photo"],
        "power_reach": "1200",
        "influence_response": "300",
        "channels-TOTAL_FORMS": "2",
        "channels-INITIAL_FORMS": "0",
        "channels-MIN_NUM_FORMS": "0",
        "channels-MAX_NUM_FORMS": "1000",
        "channels-0-platform": "instagram",
        "channels-0-address": "https://instagram.com/kimtulungrejo",
        "channels-0-followers": "1200",
        "officers-TOTAL_FORMS": "3",
        "officers-INITIAL_FORMS": "0",
        "officers-MIN_NUM_FORMS": "0",
        "officers-MAX_NUM_FORMS": "1000",
        "officers-0-name": "Siti Aminah",
        "officers-0-position": "Ketua",
        "officers-0-phone": "081234567890",
        "officers-1-name": "Budi Santoso",
        "officers-1-position": "Sekretaris",
        "sk_number": "141/05/35.07.01.2001/2026",
        "sk_issued_on": "2026-01-05",
        "sk_expires_on": "2029-01-05",
        "action": "draft",
    }
    data.update(overrides)
    return data


def with_documents(data: dict) -> dict:
    return {
        **data,
        "sk_file": pdf_upload("sk.pdf"),
        "officers_list_file": pdf_upload("pengurus.pdf"),
        "declaration_file": pdf_upload("pernyataan.pdf"),
    }


def _post_rows(data: dict, prefix: str, rows, *, fields: tuple, extra: int) -> None:
    """Replace formset `prefix` in `data` by `rows` as its initial forms, plus `extra`
    blank ones, the way the update page renders them."""
    rows = list(rows)
    data[f"{prefix}-TOTAL_FORMS"] = str(len(rows) + extra)
    data[f"{prefix}-INITIAL_FORMS"] = str(len(rows))
    for key in [
        k for k in data if k.startswith(f"{prefix}-") and k.split("-")[1].isdigit()
    ]:
        del data[key]
    for index, row in enumerate(rows):
        data[f"{prefix}-{index}-id"] = str(row.pk)
        for field in fields:
            data[f"{prefix}-{index}-{field}"] = str(getattr(row, field))


def update_data(kim: Kim, **overrides) -> dict:
    """The registration form as the update page would post it back for `kim`."""
    data = registration_data(**overrides)
    _post_rows(
        data,
        "officers",
        kim.officers.filter(active=True),
        fields=("name", "position", "phone"),
        extra=3,
    )
    _post_rows(
        data,
        "channels",
        kim.channels.filter(active=True),
        fields=("platform", "address", "followers"),
        extra=2,
    )
    for key in ("sk_number", "sk_issued_on", "sk_expires_on"):
        data.pop(key)
    return data


def checklist(failed: dict | None = None, action: str = "verify") -> dict:
    """A verification POST: every requirement passed except `failed` (value → note)."""
    failed = failed or {}
    data = {"action": action, "note": "Diperiksa di kantor desa."}
    for requirement in Requirement.values:
        data[f"{requirement}__passed"] = "no" if requirement in failed else "yes"
        data[f"{requirement}__note"] = failed.get(requirement, "")
    return data


def complete_kim(user, **kwargs) -> Kim:
    """A KIM with a board and its three current documents."""
    kim = (VerifiedKimFactory if kwargs.pop("verified", False) else KimFactory)(
        registered_by=user, **kwargs
    )
    KimOfficerFactory(kim=kim, name="Siti Aminah", position="Ketua")
    for kind in DocumentKind.values:
        KimDocumentFactory(kim=kim, kind=kind, uploaded_by=user)
    return kim


@pytest.fixture
def kab_malang(client, demo_users):
    client.force_login(demo_users["kab-malang"])
    return client


# --- the lifecycle ---------------------------------------------------------------------


def test_regency_officer_registers_a_kim_from_draft_to_nik(kab_malang):
    response = kab_malang.get(reverse("registry:kim-create"))
    assert response.status_code == 200
    assert 'name="district"' in response.text  # the picker starts at kecamatan

    response = kab_malang.post(
        reverse("registry:kim-create"), with_documents(registration_data())
    )
    kim = Kim.objects.get(name="KIM Tulungrejo Sejahtera")
    assert response.status_code == 302
    assert response.url == reverse("registry:kim-update", args=[kim.pk])
    assert kim.status == KimStatus.DRAFT
    assert kim.officers.count() == 2
    assert kim.channels.get().platform == "instagram"
    assert list(kim.coverage_villages.values_list("code", flat=True)) == [
        KAB_MALANG_VILLAGE
    ]
    assert kim.documents.filter(superseded_at__isnull=True).count() == 3

    # The draft is offered on the registration page and can be continued.
    assert kim.name in kab_malang.get(reverse("registry:kim-create")).text
    response = kab_malang.get(reverse("registry:kim-update", args=[kim.pk]))
    assert response.status_code == 200
    assert 'value="Budi Santoso"' in response.text

    response = kab_malang.post(
        reverse("registry:kim-update", args=[kim.pk]),
        update_data(kim, action="submit", chair_name="Siti Aminah, S.Pd."),
    )
    assert response.status_code == 302
    kim.refresh_from_db()
    assert kim.status == KimStatus.SUBMITTED
    assert kim.chair_name == "Siti Aminah, S.Pd."
    assert kim.officers.filter(active=True).count() == 2

    response = kab_malang.get(reverse("registry:kim-verify", args=[kim.pk]))
    assert response.status_code == 200
    assert "141/05/35.07.01.2001/2026" in response.text

    response = kab_malang.post(
        reverse("registry:kim-verify", args=[kim.pk]), checklist(), follow=True
    )
    kim.refresh_from_db()
    assert kim.status == KimStatus.VERIFIED
    assert kim.nik.startswith("3507-")
    assert f"NIK: {kim.nik}" in response.text
    assert kim.nik in response.text


def test_rejected_kim_is_fixed_and_submitted_again(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"], status=KimStatus.SUBMITTED)

    # A failed requirement without a note is refused, and nothing is decided.
    response = kab_malang.post(
        reverse("registry:kim-verify", args=[kim.pk]),
        checklist({Requirement.NOT_ASN: ""}, action="reject"),
    )
    assert response.status_code == 400
    assert "Isi alasan" in response.text
    kim.refresh_from_db()
    assert kim.status == KimStatus.SUBMITTED

    response = kab_malang.post(
        reverse("registry:kim-verify", args=[kim.pk]),
        checklist({Requirement.NOT_ASN: "Bendahara tercatat sebagai PNS."}, "reject"),
        follow=True,
    )
    kim.refresh_from_db()
    assert kim.status == KimStatus.REJECTED
    assert "Bendahara tercatat sebagai PNS." in response.text

    response = kab_malang.post(
        reverse("registry:kim-update", args=[kim.pk]),
        update_data(kim, name=kim.name, action="submit"),
    )
    assert response.status_code == 302
    kim.refresh_from_db()
    assert kim.status == KimStatus.SUBMITTED

    # The checklist starts from the previous decision.
    response = kab_malang.get(reverse("registry:kim-verify", args=[kim.pk]))
    assert "Bendahara tercatat sebagai PNS." in response.text


def test_verify_refuses_a_failed_requirement(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"], status=KimStatus.SUBMITTED)
    response = kab_malang.post(
        reverse("registry:kim-verify", args=[kim.pk]),
        checklist({Requirement.SK_VALID: "SK kedaluwarsa"}),
    )
    assert response.status_code == 400
    assert "tidak terpenuhi" in response.text
    kim.refresh_from_db()
    assert kim.status == KimStatus.SUBMITTED and kim.nik is None


def test_submitting_an_incomplete_draft_keeps_it_and_says_what_is_missing(kab_malang):
    response = kab_malang.post(
        reverse("registry:kim-create"), registration_data(action="submit"), follow=True
    )
    kim = Kim.objects.get(name="KIM Tulungrejo Sejahtera")
    assert kim.status == KimStatus.DRAFT
    assert "belum diunggah" in response.text


def test_partnership_starts_after_the_qualification_assessment(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"], verified=True)
    url = reverse("registry:partnership-create", args=[kim.pk])
    assert "Eksistensi jelas" in kab_malang.get(url).text

    response = kab_malang.post(
        url,
        {
            "qualifications": Qualification.values[:3],
            "starts_on": "2026-02-01",
            "ends_on": "2027-01-31",
        },
    )
    assert response.status_code == 400
    assert "belum terpenuhi" in response.text
    assert not Partnership.objects.filter(kim=kim).exists()

    response = kab_malang.post(
        url,
        {
            "qualifications": Qualification.values,
            "starts_on": "2026-02-01",
            "ends_on": "2027-01-31",
            "note": "Aktif sejak 2019.",
        },
    )
    assert response.status_code == 302
    partnership = Partnership.objects.get(kim=kim)
    assert partnership.status == PartnershipStatus.ACTIVE
    assert partnership.ends_on == datetime.date(2027, 1, 31)


def test_province_opens_a_review_and_the_regency_terminates(client, demo_users):
    officer = demo_users["kab-malang"]
    kim = complete_kim(officer, verified=True)
    partnership = Partnership.objects.create(
        kim=kim,
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
        qualifications=Qualification.values,
        created_by=officer,
    )

    client.force_login(demo_users["prov-jatim"])
    response = client.post(
        reverse("registry:review-create", args=[kim.pk]),
        {
            "grounds": ["party_or_ngo"],
            "notes": "Ketua menjadi pengurus partai.",
            "evidence_file": pdf_upload("berita.pdf"),
            "evidence_description": "Kliping berita",
        },
    )
    case = ReviewCase.objects.get(kim=kim)
    assert response.status_code == 302
    assert response.url == reverse("registry:review-detail", args=[case.pk])
    assert case.opened_by_level == "province"
    assert case.evidence.count() == 1

    response = client.post(
        reverse("registry:review-comment", args=[case.pk]),
        {"body": "Mohon dikonfirmasi ke desa."},
        follow=True,
    )
    assert "Mohon dikonfirmasi ke desa." in response.text
    # The province comments but does not decide.
    assert 'name="outcome"' not in response.text
    assert (
        client.post(reverse("registry:review-decide", args=[case.pk])).status_code
        == 403
    )
    assert case.pk in [
        c.pk
        for c in client.get(reverse("registry:review-list")).context["page"].object_list
    ]

    client.force_login(officer)
    detail = client.get(reverse("registry:review-detail", args=[case.pk]))
    assert 'name="outcome"' in detail.text
    response = client.post(
        reverse("registry:review-decide", args=[case.pk]),
        {"outcome": "terminate", "note": "Terbukti."},
    )
    assert response.status_code == 400
    assert "Nomor surat keputusan wajib diisi." in response.text

    response = client.post(
        reverse("registry:review-decide", args=[case.pk]),
        {
            "outcome": "terminate",
            "note": "Terbukti.",
            "decision_date": "2026-03-01",
            "decision_number": "480/12/35.07/2026",
            "decision_letter": pdf_upload("sk-putus.pdf"),
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    partnership.refresh_from_db()
    assert case.status == ReviewStatus.TERMINATED
    assert partnership.status == PartnershipStatus.TERMINATED


def test_review_continues_with_a_note(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"], verified=True)
    response = kab_malang.post(
        reverse("registry:review-create", args=[kim.pk]), {"grounds": ["reputation"]}
    )
    case = ReviewCase.objects.get(kim=kim)
    response = kab_malang.post(
        reverse("registry:review-decide", args=[case.pk]),
        {"outcome": "continue", "note": "Tidak terbukti."},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == ReviewStatus.CONTINUED


# --- scope and permissions -------------------------------------------------------------


@pytest.mark.parametrize(
    "url_name", ["kim-detail", "kim-update", "kim-verify", "partnership-create"]
)
def test_regency_cannot_reach_another_regencys_kim(kab_malang, url_name):
    other = KimFactory(village_id=KOTA_MALANG_VILLAGE, status=KimStatus.SUBMITTED)
    response = kab_malang.get(reverse(f"registry:{url_name}", args=[other.pk]))
    assert response.status_code == 404


def test_regency_cannot_verify_another_regencys_kim_by_post(kab_malang):
    other = KimFactory(village_id=KOTA_MALANG_VILLAGE, status=KimStatus.SUBMITTED)
    response = kab_malang.post(
        reverse("registry:kim-verify", args=[other.pk]), checklist()
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == KimStatus.SUBMITTED


def test_regency_cannot_open_another_regencys_review(client, demo_users):
    kim = VerifiedKimFactory(village_id=KOTA_MALANG_VILLAGE)
    client.force_login(demo_users["kota-malang"])
    client.post(
        reverse("registry:review-create", args=[kim.pk]), {"grounds": ["moved"]}
    )
    case = ReviewCase.objects.get(kim=kim)
    client.force_login(demo_users["kab-malang"])
    assert (
        client.get(reverse("registry:review-detail", args=[case.pk])).status_code == 404
    )
    assert case not in client.get(reverse("registry:review-list")).context["page"]


@pytest.mark.parametrize("username", ["kl-demo"])
def test_agency_has_no_kim_list(client, demo_users, username):
    client.force_login(demo_users[username])
    assert client.get(reverse("registry:kim-list")).status_code == 404
    assert client.get(reverse("registry:kim-create")).status_code == 404


def test_kim_user_has_no_staff_pages(client, demo_users):
    kim = VerifiedKimFactory()
    from kimportal.accounts.models import Role

    member = UserFactory(username="anggota", role=Role.KIM, kim=kim)
    client.force_login(member)
    assert client.get(reverse("registry:kim-list")).status_code == 404
    assert client.get(reverse("registry:kim-detail", args=[kim.pk])).status_code == 404


def test_province_reads_but_does_not_register_or_verify(client, demo_users):
    kim = complete_kim(demo_users["kab-malang"], status=KimStatus.SUBMITTED)
    client.force_login(demo_users["prov-jatim"])
    assert client.get(reverse("registry:kim-create")).status_code == 404
    detail = client.get(reverse("registry:kim-detail", args=[kim.pk]))
    assert detail.status_code == 200
    assert reverse("registry:kim-verify", args=[kim.pk]) not in detail.text
    assert client.get(reverse("registry:kim-verify", args=[kim.pk])).status_code == 403
    assert client.get(reverse("registry:kim-update", args=[kim.pk])).status_code == 403


def test_ministry_sees_every_kim_read_only(client, demo_users):
    KimFactory(village_id=KOTA_MALANG_VILLAGE, name="KIM Kota")
    kim = KimFactory(name="KIM Kabupaten")
    client.force_login(demo_users["kementerian"])
    response = client.get(reverse("registry:kim-list"))
    names = {k.name for k in response.context["page"].object_list}
    assert {"KIM Kota", "KIM Kabupaten"} <= names
    detail = client.get(reverse("registry:kim-detail", args=[kim.pk]))
    assert reverse("registry:kim-update", args=[kim.pk]) not in detail.text


# --- the list --------------------------------------------------------------------------


def test_kim_list_shows_own_region_with_counts_and_filters(kab_malang):
    KimFactory(name="KIM Mawar", status=KimStatus.DRAFT)
    KimFactory(name="KIM Melati", status=KimStatus.SUBMITTED)
    VerifiedKimFactory(name="KIM Anggrek")
    KimFactory(name="KIM Kota Lain", village_id=KOTA_MALANG_VILLAGE)

    response = kab_malang.get(reverse("registry:kim-list"))
    assert response.status_code == 200
    names = [k.name for k in response.context["page"].object_list]
    assert names == ["KIM Anggrek", "KIM Mawar", "KIM Melati"]
    counts = {link["value"]: link["count"] for link in response.context["status_links"]}
    assert counts[""] == 3 and counts["verified"] == 1 and counts["draft"] == 1

    response = kab_malang.get(reverse("registry:kim-list"), {"status": "submitted"})
    assert [k.name for k in response.context["page"].object_list] == ["KIM Melati"]
    # The status counts stay those of the whole filtered list, not only the status.
    counts = {link["value"]: link["count"] for link in response.context["status_links"]}
    assert counts[""] == 3

    response = kab_malang.get(reverse("registry:kim-list"), {"q": "mawar"})
    assert [k.name for k in response.context["page"].object_list] == ["KIM Mawar"]

    # The kecamatan filter offers the kab/kota's own kecamatan.
    choices = dict(response.context["form"].fields["region"].choices)
    assert "35.07.01" in choices and "35.73.01" not in choices


def test_kim_list_shows_the_open_partnership(kab_malang, demo_users):
    kim = VerifiedKimFactory(name="KIM Mitra")
    Partnership.objects.create(
        kim=kim,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        qualifications=Qualification.values,
        created_by=demo_users["kab-malang"],
    )
    response = kab_malang.get(reverse("registry:kim-list"), {"partnership": "active"})
    rows = list(response.context["page"].object_list)
    assert [k.name for k in rows] == ["KIM Mitra"]
    assert rows[0].open_partnership_status == PartnershipStatus.ACTIVE
    assert "Mitra aktif" in response.text


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("registry:kim-list"))
    assert response.status_code == 200
    return len(queries)


def test_kim_list_query_count_does_not_grow_with_rows(kab_malang, demo_users):
    def add(n):
        for i in range(n):
            kim = VerifiedKimFactory(name=f"KIM Baris {Kim.objects.count():03d}")
            if i % 2 == 0:
                Partnership.objects.create(
                    kim=kim,
                    starts_on=datetime.date(2026, 1, 1),
                    ends_on=datetime.date(2026, 12, 31),
                    qualifications=Qualification.values,
                    created_by=demo_users["kab-malang"],
                )

    add(1)
    one_row = _list_queries(kab_malang)
    add(24)
    full_page = _list_queries(kab_malang)
    add(25)
    two_pages = _list_queries(kab_malang)
    assert one_row == full_page == two_pages


def test_kim_list_links_exports_with_the_current_filter(kab_malang):
    response = kab_malang.get(reverse("registry:kim-list"), {"status": "draft"})
    exports = dict(response.context["exports"])
    assert exports == {
        "Excel (XLSX)": reverse("registry:kim-export", args=["xlsx"]) + "?status=draft",
        "CSV": reverse("registry:kim-export", args=["csv"]) + "?status=draft",
    }


# --- registration input ----------------------------------------------------------------


def test_bad_upload_is_refused_in_indonesian_and_keeps_the_other_values(kab_malang):
    data = with_documents(registration_data())
    data["sk_file"] = pdf_upload("sk.pdf", content=b"MZ\x90\x00 not a pdf at all")
    response = kab_malang.post(reverse("registry:kim-create"), data)

    assert response.status_code == 400
    assert "Isi berkas bukan PDF" in response.text
    assert 'value="KIM Tulungrejo Sejahtera"' in response.text
    assert 'value="141/05/35.07.01.2001/2026"' in response.text
    assert 'value="Budi Santoso"' in response.text
    assert f'<option value="{KAB_MALANG_VILLAGE}" selected>' in response.text
    assert "pilih ulang berkasnya" in response.text
    assert not Kim.objects.filter(name="KIM Tulungrejo Sejahtera").exists()


def test_picker_refuses_a_desa_outside_the_regency(kab_malang):
    data = registration_data(village=KOTA_MALANG_VILLAGE)
    response = kab_malang.post(reverse("registry:kim-create"), data)

    assert response.status_code == 400
    assert "di luar wilayah kabupaten/kota Anda" in response.text
    assert 'value="KIM Tulungrejo Sejahtera"' in response.text
    assert not Kim.objects.exists()


def test_service_errors_land_on_their_fields(kab_malang):
    response = kab_malang.post(
        reverse("registry:kim-create"), registration_data(whatsapp="0341-123456")
    )
    assert response.status_code == 400
    assert "nomor seluler" in response.text
    assert 'value="KIM Tulungrejo Sejahtera"' in response.text


def test_duplicate_check_shows_similar_kim_in_the_same_desa(kab_malang):
    existing = KimFactory(name="KIM Tulungrejo Sejahtera")
    KimFactory(name="KIM Tulungrejo Sejahtera", village_id=KOTA_MALANG_VILLAGE)
    response = kab_malang.get(
        reverse("registry:kim-duplicates"),
        {"name": "KIM Tulungrejo Sejahtra", "village": KAB_MALANG_VILLAGE},
    )
    assert response.status_code == 200
    assert existing.get_absolute_url() in response.text
    assert response.text.count("<li>") == 1

    response = kab_malang.get(
        reverse("registry:kim-duplicates"),
        {"name": "KIM Tulungrejo Sejahtera", "village": SECOND_KAB_MALANG_VILLAGE},
    )
    assert "duplikat" not in response.text


def test_saving_a_likely_duplicate_warns_but_saves(kab_malang):
    KimFactory(name="KIM Tulungrejo Sejahtera")
    response = kab_malang.post(
        reverse("registry:kim-create"), registration_data(), follow=True
    )
    assert Kim.objects.filter(name="KIM Tulungrejo Sejahtera").count() == 2
    assert "kemungkinan duplikat" in response.text


# --- other actions ---------------------------------------------------------------------


def test_detail_tabs_render_without_javascript(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"], verified=True)
    for tab in ("profile", "documents", "verification", "partnership", "reviews"):
        response = kab_malang.get(
            reverse("registry:kim-detail", args=[kim.pk]), {"tab": tab}
        )
        assert response.status_code == 200
        assert f'href="?tab={tab}" aria-current="page"' in response.text
    profile = kab_malang.get(kim.get_absolute_url()).text
    assert "Siti Aminah" in profile
    assert reverse("history", args=["registry", "kim", kim.pk]) in profile


def test_documents_tab_and_checklist_flag_an_expired_sk(kab_malang, demo_users):
    kim = KimFactory(status=KimStatus.SUBMITTED)
    KimDocumentFactory(
        kim=kim,
        uploaded_by=demo_users["kab-malang"],
        expires_on=datetime.date(2020, 1, 1),
        issued_on=datetime.date(2017, 1, 1),
    )
    response = kab_malang.get(reverse("registry:kim-verify", args=[kim.pk]))
    assert "SK sudah kedaluwarsa" in response.text
    response = kab_malang.get(kim.get_absolute_url(), {"tab": "documents"})
    assert "1 Jan 2020 — kedaluwarsa" in response.text


def test_document_add_and_deactivate(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"], verified=True)
    response = kab_malang.post(
        reverse("registry:kim-document-add", args=[kim.pk]),
        {
            "kind": DocumentKind.VILLAGE_HEAD_SK,
            "uploaded_file": pdf_upload("sk-baru.pdf"),
            "number": "141/99/2026",
            "issued_on": "2026-02-01",
            "expires_on": "2030-02-01",
        },
    )
    assert response.status_code == 302
    current = kim.documents.get(
        kind=DocumentKind.VILLAGE_HEAD_SK, superseded_at__isnull=True
    )
    assert current.number == "141/99/2026"

    response = kab_malang.post(
        reverse("registry:kim-deactivate", args=[kim.pk]), {"reason": "dissolved"}
    )
    assert response.status_code == 302
    kim.refresh_from_db()
    assert kim.status == KimStatus.INACTIVE and kim.nik


def test_invite_sends_the_chair_an_account(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"], verified=True)
    response = kab_malang.post(
        reverse("registry:kim-invite", args=[kim.pk]),
        {"email": "ketua@kim.example", "name": "Siti Aminah"},
        follow=True,
    )
    assert "Undangan dikirim ke ketua@kim.example" in response.text
    assert kim.members.get(active=True).user.email == "ketua@kim.example"


def test_regency_approves_a_kim_users_change_request(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"], verified=True, name="KIM Lama")
    from kimportal.accounts.models import Role

    member = UserFactory(username="ketua-kim", role=Role.KIM, kim=kim)
    change = ChangeRequest.objects.create(
        kim=kim,
        requested_by=member,
        changes={"name": {"old": "KIM Lama", "new": "KIM Baru"}},
    )
    assert (
        change
        in kab_malang.get(reverse("registry:change-request-list")).context["page"]
    )
    url = reverse("registry:change-request-detail", args=[change.pk])
    response = kab_malang.get(url)
    assert "KIM Lama" in response.text and "KIM Baru" in response.text

    response = kab_malang.post(url, {"decision": "reject"})
    assert response.status_code == 400
    assert "Alasan penolakan wajib diisi." in response.text

    response = kab_malang.post(url, {"decision": "approve"})
    assert response.status_code == 302
    kim.refresh_from_db()
    change.refresh_from_db()
    assert kim.name == "KIM Baru"
    assert change.status == ChangeRequestStatus.APPROVED


def test_stale_action_tells_the_officer_why(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"], verified=True)
    response = kab_malang.post(
        reverse("registry:kim-verify", args=[kim.pk]), checklist(), follow=True
    )
    assert "tidak dapat dilakukan" in response.text


# --- in a phone-sized browser ----------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_registers_on_a_phone_with_the_desa_picker(
    phone_page, live_server, log_in_on_phone
):
    page = phone_page
    users = log_in_on_phone()

    page.goto(f"{live_server.url}{reverse('registry:kim-create')}")
    assert_fits_phone_and_accessible(page)

    page.fill("#id_name", "KIM Tulungrejo Sejahtera")
    page.check("#id_kim_type_0")
    # Kecamatan → desa through htmx.
    page.select_option("#id_village_district", "35.07.01")
    page.wait_for_selector(
        f'#id_village option[value="{KAB_MALANG_VILLAGE}"]', state="attached"
    )
    page.select_option("#id_village", KAB_MALANG_VILLAGE)
    page.fill("#id_whatsapp", "081234567890")
    page.fill("#id_officers-0-name", "Siti Aminah")
    page.fill("#id_officers-0-position", "Ketua")
    page.click("button[value=draft]")
    page.wait_for_load_state()

    kim = Kim.objects.get(name="KIM Tulungrejo Sejahtera")
    assert kim.village_id == KAB_MALANG_VILLAGE
    assert "Data KIM tersimpan" in page.inner_text("main")
    # Checked again once the message is gone: base.html's message list is not ours.
    page.reload()
    assert_fits_phone_and_accessible(page)

    for url in (
        reverse("registry:kim-list"),
        reverse("registry:kim-detail", args=[kim.pk]),
        reverse("registry:kim-detail", args=[kim.pk]) + "?tab=documents",
        reverse("registry:review-list"),
    ):
        page.goto(f"{live_server.url}{url}")
        assert_fits_phone_and_accessible(page)

    verified = complete_kim(users["kab-malang"], verified=True, name="KIM Mitra")
    submitted = complete_kim(users["kab-malang"], status=KimStatus.SUBMITTED)
    page.goto(f"{live_server.url}{reverse('registry:kim-verify', args=[submitted.pk])}")
    assert_fits_phone_and_accessible(page)
    page.goto(
        f"{live_server.url}{reverse('registry:partnership-create', args=[verified.pk])}"
    )
    assert_fits_phone_and_accessible(page)
    page.goto(
        f"{live_server.url}{reverse('registry:review-create', args=[verified.pk])}"
    )
    assert_fits_phone_and_accessible(page)
    page.check("input[value=reputation]")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "/kim/reviews/" in page.url
    page.reload()
    assert_fits_phone_and_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_desa_search_box_fills_the_village_select(
    phone_page, live_server, log_in_on_phone
):
    page = phone_page
    log_in_on_phone()
    page.goto(f"{live_server.url}{reverse('registry:kim-create')}")
    page.fill("#id_village_search", "Tulungrejo")
    page.wait_for_selector("#id_village_results button[data-code]", timeout=5000)
    page.click(f'#id_village_results button[data-code="{KAB_MALANG_VILLAGE}"]')
    assert page.input_value("#id_village") == KAB_MALANG_VILLAGE
    # Picking a result clears the list.
    assert page.inner_text("#id_village_results") == ""


def test_detail_submit_button_submits_a_complete_draft(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"])
    detail = kab_malang.get(kim.get_absolute_url())
    assert reverse("registry:kim-submit", args=[kim.pk]) in detail.text

    response = kab_malang.post(reverse("registry:kim-submit", args=[kim.pk]))
    assert response.status_code == 302
    kim.refresh_from_db()
    assert kim.status == KimStatus.SUBMITTED
    detail = kab_malang.get(kim.get_absolute_url())
    assert reverse("registry:kim-verify", args=[kim.pk]) in detail.text
    assert reverse("registry:kim-submit", args=[kim.pk]) not in detail.text


def test_detail_submit_of_an_incomplete_draft_lists_what_is_missing(kab_malang):
    kim = KimFactory()
    response = kab_malang.post(
        reverse("registry:kim-submit", args=[kim.pk]), follow=True
    )
    kim.refresh_from_db()
    assert kim.status == KimStatus.DRAFT
    assert "Susunan pengurus belum diisi" in response.text


def test_review_evidence_refuses_a_fake_file_in_indonesian(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"], verified=True)
    kab_malang.post(
        reverse("registry:review-create", args=[kim.pk]), {"grounds": ["criminal"]}
    )
    case = ReviewCase.objects.get(kim=kim)
    response = kab_malang.post(
        reverse("registry:review-evidence", args=[case.pk]),
        {
            "uploaded_file": pdf_upload("bukti.pdf", content=b"GIF89a not allowed"),
            "description": "Foto kejadian",
        },
    )
    assert response.status_code == 400
    assert "Isi berkas bukan" in response.text
    assert 'value="Foto kejadian"' in response.text
    assert case.evidence.count() == 0

    response = kab_malang.post(
        reverse("registry:review-evidence", args=[case.pk]),
        {"uploaded_file": pdf_upload("bukti.pdf"), "description": "Surat polisi"},
    )
    assert response.status_code == 302
    assert case.evidence.get().description == "Surat polisi"


def test_pending_change_request_is_flagged_on_the_kim(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"], verified=True)
    from kimportal.accounts.models import Role

    member = UserFactory(username="pengurus", role=Role.KIM, kim=kim)
    change = ChangeRequest.objects.create(
        kim=kim, requested_by=member, changes={"kim_type": {"old": "A", "new": "B"}}
    )
    detail = kab_malang.get(kim.get_absolute_url())
    assert reverse("registry:change-request-detail", args=[change.pk]) in detail.text
    page = kab_malang.get(reverse("registry:change-request-detail", args=[change.pk]))
    assert "Tipe B" in page.text


# --- a KIM that moved from another kab/kota ----------------------------------------------


def moved_kim_in_kota_malang(demo_users) -> Kim:
    """A Kota Malang KIM that was verified, then closed as moved away."""
    from registry.services import kim_deactivate
    from registry.tests.factories import create_verified_kim

    officer = demo_users["kota-malang"]
    kim = create_verified_kim(
        user=officer,
        village_code=KOTA_MALANG_VILLAGE,
        name="KIM Lowokwaru Cerdas",
        chair_name="Rahmat Hidayat",
        street="Jl. Soekarno Hatta",
        whatsapp="0813-9999-8888",
        email="kim.lowokwaru@example.id",
    )
    return kim_deactivate(kim=kim, deactivated_by=officer, reason="moved")


def test_registration_links_a_moved_kim_to_its_old_record(kab_malang, demo_users):
    old = moved_kim_in_kota_malang(demo_users)
    response = kab_malang.post(
        reverse("registry:kim-create"),
        with_documents(registration_data(previous_nik=f" {old.nik} ")),
    )
    assert response.status_code == 302
    kim = Kim.objects.get(name="KIM Tulungrejo Sejahtera")
    assert kim.previous_record == old

    detail = kab_malang.get(kim.get_absolute_url()).text
    assert (
        f"Catatan sebelumnya: {old.nik} — KIM Lowokwaru Cerdas, Kota Malang" in detail
    )
    # Name and kab/kota only: no way into Kota Malang's record, none of its people.
    assert reverse("registry:kim-detail", args=[old.pk]) not in detail
    for personal in ("Rahmat Hidayat", "Soekarno Hatta", "9999", "kim.lowokwaru"):
        assert personal not in detail
    assert (
        kab_malang.get(reverse("registry:kim-detail", args=[old.pk])).status_code == 404
    )


def test_registration_refuses_the_nik_of_a_kim_that_did_not_move(
    kab_malang, demo_users
):
    from registry.tests.factories import create_verified_kim

    verified = create_verified_kim(
        user=demo_users["kota-malang"], village_code=KOTA_MALANG_VILLAGE
    )
    response = kab_malang.post(
        reverse("registry:kim-create"),
        registration_data(previous_nik=verified.nik),
    )
    assert response.status_code == 400
    assert (
        "NIK lama tidak ditemukan atau KIM tersebut belum dinyatakan pindah"
        in response.text
    )
    assert not Kim.objects.filter(name="KIM Tulungrejo Sejahtera").exists()


def test_registration_refuses_an_unknown_previous_nik(kab_malang):
    response = kab_malang.post(
        reverse("registry:kim-create"),
        registration_data(previous_nik="3573-2019-9999"),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["previous_nik"] == [
        "NIK lama tidak ditemukan atau KIM tersebut belum dinyatakan pindah."
    ]
    assert not Kim.objects.filter(name="KIM Tulungrejo Sejahtera").exists()


def test_linking_leaves_the_old_record_unchanged_with_its_nik(kab_malang, demo_users):
    from registry.services import kim_submit, kim_verify
    from registry.tests.factories import ALL_REQUIREMENTS_PASSED

    old = moved_kim_in_kota_malang(demo_users)
    before = Kim.objects.filter(pk=old.pk).values().get()
    history_before = old.events.count()

    kab_malang.post(
        reverse("registry:kim-create"),
        with_documents(registration_data(previous_nik=old.nik)),
    )
    new = Kim.objects.get(previous_record=old)
    officer = demo_users["kab-malang"]
    new = kim_verify(
        kim=kim_submit(kim=new, submitted_by=officer),
        verified_by=officer,
        items=ALL_REQUIREMENTS_PASSED,
    )

    assert Kim.objects.filter(pk=old.pk).values().get() == before
    assert old.nik.startswith("3573-")
    # The new kab/kota numbers the KIM afresh; the old NIK is never reused.
    assert new.nik.startswith("3507-") and new.nik != old.nik
    assert old.events.count() == history_before


def test_previous_record_lookup_only_finds_kim_closed_as_moved(demo_users):
    from registry.selectors import kim_previous_record_for
    from registry.services import kim_deactivate
    from registry.tests.factories import create_verified_kim

    officer = demo_users["kota-malang"]
    moved = moved_kim_in_kota_malang(demo_users)
    dissolved = kim_deactivate(
        kim=create_verified_kim(user=officer, village_code=KOTA_MALANG_VILLAGE),
        deactivated_by=officer,
        reason="dissolved",
    )
    assert kim_previous_record_for(nik=moved.nik) == moved
    assert kim_previous_record_for(nik=dissolved.nik) is None
    assert kim_previous_record_for(nik="") is None


def test_kim_create_refuses_a_previous_record_that_did_not_move(demo_users):
    from django.core.exceptions import ValidationError

    from registry.services import kim_create
    from registry.tests.factories import create_verified_kim, kim_profile

    verified = create_verified_kim(
        user=demo_users["kota-malang"], village_code=KOTA_MALANG_VILLAGE
    )
    with pytest.raises(ValidationError) as error:
        kim_create(
            created_by=demo_users["kab-malang"],
            village_code=KAB_MALANG_VILLAGE,
            data=kim_profile(),
            previous_record=verified,
        )
    assert "previous_record" in error.value.message_dict


def test_previous_nik_is_only_asked_when_registering(kab_malang, demo_users):
    create = kab_malang.get(reverse("registry:kim-create"))
    assert 'name="previous_nik"' in create.text
    assert "NIK lama (jika KIM pindah dari kabupaten/kota lain)" in create.text
    kim = complete_kim(demo_users["kab-malang"])
    update = kab_malang.get(reverse("registry:kim-update", args=[kim.pk]))
    assert 'name="previous_nik"' not in update.text


# --- review pages after the decision, change requests, lists by status -------------------


def _member_of(kim, username="ketua-kim"):
    from kimportal.accounts.models import Role

    return UserFactory(username=username, role=Role.KIM, kim=kim)


def test_documents_tab_shows_a_kims_own_upload_as_waiting_not_replaced(
    kab_malang, demo_users
):
    from registry.services import change_request_approve, kim_self_document_add

    kim = complete_kim(demo_users["kab-malang"], verified=True)
    member = _member_of(kim)
    change = kim_self_document_add(
        kim=kim,
        user=member,
        kind=DocumentKind.OFFICERS_LIST,
        uploaded_file=pdf_upload("pengurus-baru.pdf"),
    )
    url = reverse("registry:kim-detail", args=[kim.pk])
    documents = kab_malang.get(url, {"tab": "documents"}).context["documents"]
    waiting = [d for d in documents if d.awaits_approval]
    assert [d.pk for d in waiting] == [change.document_id]
    assert "menunggu persetujuan" in kab_malang.get(url, {"tab": "documents"}).text

    change_request_approve(change_request=change, decided_by=demo_users["kab-malang"])
    response = kab_malang.get(url, {"tab": "documents"})
    assert not any(d.awaits_approval for d in response.context["documents"])
    assert "menunggu persetujuan" not in response.text


def test_closed_review_offers_no_comment_or_evidence_form(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"], verified=True)
    kab_malang.post(
        reverse("registry:review-create", args=[kim.pk]), {"grounds": ["reputation"]}
    )
    case = ReviewCase.objects.get(kim=kim)
    url = reverse("registry:review-detail", args=[case.pk])
    open_page = kab_malang.get(url)
    assert open_page.context["comment_form"] is not None
    assert open_page.context["evidence_form"] is not None

    kab_malang.post(
        reverse("registry:review-decide", args=[case.pk]),
        {"outcome": "continue", "note": "Tidak terbukti."},
    )
    closed_page = kab_malang.get(url)
    assert closed_page.context["comment_form"] is None
    assert closed_page.context["evidence_form"] is None
    assert closed_page.context["decision_form"] is None
    # A stale form posted anyway is refused by the service, with its reason.
    response = kab_malang.post(
        reverse("registry:review-comment", args=[case.pk]),
        {"body": "Terlambat."},
        follow=True,
    )
    assert not case.comments.exists()
    assert "Terlambat." not in response.text


def test_decided_change_request_offers_no_form_and_refuses_a_second_decision(
    kab_malang, demo_users
):
    kim = complete_kim(demo_users["kab-malang"], verified=True, name="KIM Lama")
    change = ChangeRequest.objects.create(
        kim=kim,
        requested_by=_member_of(kim),
        changes={"name": {"old": "KIM Lama", "new": "KIM Baru"}},
    )
    url = reverse("registry:change-request-detail", args=[change.pk])
    response = kab_malang.post(url, {"decision": "reject", "note": "Tidak sesuai SK."})
    assert response.status_code == 302

    assert kab_malang.get(url).context["form"] is None
    response = kab_malang.post(url, {"decision": "approve"}, follow=True)
    assert response.redirect_chain[-1][0] == url
    assert "Permohonan perubahan ini sudah diputuskan." in response.text
    change.refresh_from_db()
    kim.refresh_from_db()
    assert change.status == ChangeRequestStatus.REJECTED
    assert kim.name == "KIM Lama"


def test_province_cannot_decide_a_change_request(client, demo_users):
    kim = complete_kim(demo_users["kab-malang"], verified=True, name="KIM Lama")
    change = ChangeRequest.objects.create(
        kim=kim,
        requested_by=_member_of(kim),
        changes={"name": {"old": "KIM Lama", "new": "KIM Baru"}},
    )
    client.force_login(demo_users["prov-jatim"])
    url = reverse("registry:change-request-detail", args=[change.pk])
    page = client.get(url)
    assert page.status_code == 200 and page.context["form"] is None
    assert client.post(url, {"decision": "approve"}).status_code == 403
    change.refresh_from_db()
    assert change.status == ChangeRequestStatus.PENDING


def test_change_request_list_filters_by_status(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"], verified=True)
    member = _member_of(kim)
    pending = ChangeRequest.objects.create(
        kim=kim, requested_by=member, changes={"kim_type": {"old": "A", "new": "B"}}
    )
    rejected = ChangeRequest.objects.create(
        kim=kim,
        requested_by=member,
        changes={"kim_type": {"old": "A", "new": "B"}},
        status=ChangeRequestStatus.REJECTED,
    )
    url = reverse("registry:change-request-list")

    def listed(**params):
        return list(kab_malang.get(url, params).context["page"].object_list)

    assert listed() == [pending, rejected]
    assert listed(status="pending") == [pending]
    assert listed(status="rejected") == [rejected]
    assert listed(status="nonsense") == [pending, rejected]


def test_review_list_filters_by_status(kab_malang, demo_users):
    first = complete_kim(demo_users["kab-malang"], verified=True)
    second = complete_kim(demo_users["kab-malang"], verified=True)
    for kim in (first, second):
        kab_malang.post(
            reverse("registry:review-create", args=[kim.pk]), {"grounds": ["moved"]}
        )
    closed = ReviewCase.objects.get(kim=first)
    kab_malang.post(
        reverse("registry:review-decide", args=[closed.pk]),
        {"outcome": "continue", "note": "Tidak terbukti."},
    )
    still_open = ReviewCase.objects.get(kim=second)
    url = reverse("registry:review-list")

    def listed(**params):
        return list(kab_malang.get(url, params).context["page"].object_list)

    assert listed() == [still_open, closed]
    assert listed(status=ReviewStatus.OPEN) == [still_open]
    assert listed(status=ReviewStatus.CONTINUED) == [closed]


def test_saving_a_verified_kim_returns_to_its_page_and_a_draft_to_its_form(
    kab_malang, demo_users
):
    verified = complete_kim(demo_users["kab-malang"], verified=True)
    response = kab_malang.post(
        reverse("registry:kim-update", args=[verified.pk]),
        update_data(verified, name=verified.name, chair_name="Ahmad Fauzi"),
    )
    assert response.status_code == 302
    assert response.url == verified.get_absolute_url()

    draft = complete_kim(demo_users["kab-malang"])
    response = kab_malang.post(
        reverse("registry:kim-update", args=[draft.pk]),
        update_data(draft, name=draft.name),
    )
    assert response.status_code == 302
    assert response.url == reverse("registry:kim-update", args=[draft.pk])


def test_verify_page_tells_the_actor_rule_from_the_state_rule(client, demo_users):
    """On the same submitted KIM (the state that allows verification) the kab/kota
    verifies and its province is refused: the refusal is the actor rule's."""
    kim = complete_kim(demo_users["kab-malang"], status=KimStatus.SUBMITTED)
    url = reverse("registry:kim-verify", args=[kim.pk])

    client.force_login(demo_users["prov-jatim"])
    assert client.get(url).status_code in (403, 404)
    assert client.post(url, checklist()).status_code in (403, 404)
    kim.refresh_from_db()
    assert kim.status == KimStatus.SUBMITTED and not kim.nik

    client.force_login(demo_users["kab-malang"])
    assert client.get(url).status_code == 200
    response = client.post(url, checklist())
    assert response.status_code == 302
    kim.refresh_from_db()
    assert kim.status == KimStatus.VERIFIED and kim.nik

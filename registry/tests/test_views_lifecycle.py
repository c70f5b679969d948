"""The lifecycle of a KIM through the staff pages: registration, verification, partnership, review."""

import datetime

import pytest
from django.urls import reverse

from registry.choices import (
    KimStatus,
    PartnershipStatus,
    Qualification,
    Requirement,
    ReviewStatus,
)
from registry.models import Kim, Partnership, ReviewCase
from registry.tests.factories import (
    KAB_MALANG_VILLAGE,
    pdf_upload,
)
from registry.tests.view_helpers import (
    checklist,
    complete_kim,
    registration_data,
    update_data,
    with_documents,
)

pytestmark = pytest.mark.django_db


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

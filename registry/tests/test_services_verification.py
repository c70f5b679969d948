"""Submission, verification, rejection and the NIK (services.verification)."""

import datetime

import pghistory
import pytest
from django.core.exceptions import ValidationError

from kimportal.core.errors import TransitionError
from registry import services
from registry.choices import (
    DocumentKind,
    InactiveReason,
    KimStatus,
    Requirement,
    ReviewGround,
)
from registry.models import (
    NikSequence,
    Verification,
)
from registry.tests.factories import (
    ALL_REQUIREMENTS_PASSED,
    KAB_MALANG_VILLAGE,
    KOTA_MALANG_VILLAGE,
    create_complete_kim,
    create_submitted_kim,
    create_verified_kim,
    pdf_upload,
)
from registry.tests.helpers import (
    OTHER_KAB_MALANG_VILLAGE,
    failed,
    letter,
    year_now,
)

# --- submission, verification, rejection ---------------------------------------------


def test_submit_lists_everything_that_is_missing(officer):
    kim = services.kim_create(
        created_by=officer, village_code=KAB_MALANG_VILLAGE, data={"name": "KIM Kosong"}
    )
    with pytest.raises(ValidationError) as exc:
        services.kim_submit(kim=kim, submitted_by=officer)
    assert exc.value.messages == [
        "Tipe KIM (A atau B) belum dipilih.",
        "Nama ketua/narahubung belum diisi.",
        "Nomor WhatsApp atau telepon belum diisi.",
        "Susunan pengurus belum diisi (minimal satu pengurus).",
        "Dokumen SK Kepala Desa/Lurah belum diunggah.",
        "Dokumen Susunan pengurus belum diunggah.",
        "Dokumen Surat pernyataan belum diunggah.",
    ]
    kim.refresh_from_db()
    assert kim.status == KimStatus.DRAFT


def test_submit_moves_a_complete_draft_to_submitted_once(officer):
    kim = create_complete_kim(user=officer)
    kim = services.kim_submit(kim=kim, submitted_by=officer)
    assert kim.status == KimStatus.SUBMITTED
    assert kim.submitted_at is not None
    with pytest.raises(TransitionError, match="draf atau ditolak yang dapat diajukan"):
        services.kim_submit(kim=kim, submitted_by=officer)


def test_verify_issues_nik_and_records_the_checklist(officer):
    kim = create_submitted_kim(user=officer)
    notes = {
        **ALL_REQUIREMENTS_PASSED,
        Requirement.NOT_ASN: (True, "Dicek dengan data BKD"),
    }

    kim = services.kim_verify(kim=kim, verified_by=officer, items=notes, note="Lengkap")

    kim.refresh_from_db()
    assert kim.status == KimStatus.VERIFIED
    assert kim.nik == f"3507-{year_now()}-0001"
    assert kim.verified_at is not None
    verification = Verification.objects.get(kim=kim)
    assert verification.approved and verification.nik_issued == kim.nik
    assert verification.verified_by == officer and verification.note == "Lengkap"
    assert verification.items.count() == len(Requirement.values)
    assert (
        verification.items.get(requirement=Requirement.NOT_ASN).note
        == "Dicek dengan data BKD"
    )


def test_verify_requires_every_requirement_checked(officer):
    kim = create_submitted_kim(user=officer)
    items = dict(ALL_REQUIREMENTS_PASSED)
    del items[Requirement.NO_NGO]
    with pytest.raises(ValidationError) as exc:
        services.kim_verify(kim=kim, verified_by=officer, items=items)
    assert exc.value.messages == [
        "Syarat «Tidak berafiliasi dengan LSM» belum diperiksa."
    ]
    assert not NikSequence.objects.exists()


def test_verify_refuses_a_failed_requirement(officer):
    kim = create_submitted_kim(user=officer)
    with pytest.raises(ValidationError, match="Tolak pengajuan"):
        services.kim_verify(
            kim=kim, verified_by=officer, items=failed(Requirement.NO_POLITICAL_PARTY)
        )
    kim.refresh_from_db()
    assert kim.status == KimStatus.SUBMITTED and kim.nik is None


def test_verify_refuses_an_expired_sk(officer):
    kim = create_submitted_kim(user=officer, sk_expires_on=datetime.date(2025, 6, 1))
    with pytest.raises(ValidationError) as exc:
        services.kim_verify(kim=kim, verified_by=officer, items=ALL_REQUIREMENTS_PASSED)
    assert exc.value.messages == [
        "SK Kepala Desa/Lurah sudah tidak berlaku sejak 01-06-2025."
    ]


@pytest.mark.parametrize(
    "status", [KimStatus.DRAFT, KimStatus.VERIFIED, KimStatus.REJECTED]
)
def test_verify_and_reject_only_a_submitted_kim(officer, status):
    kim = create_submitted_kim(user=officer)
    if status == KimStatus.DRAFT:
        kim = create_complete_kim(user=officer, name="KIM Draf")
    elif status == KimStatus.VERIFIED:
        services.kim_verify(kim=kim, verified_by=officer, items=ALL_REQUIREMENTS_PASSED)
    else:
        services.kim_reject(
            kim=kim, verified_by=officer, items=failed(Requirement.NO_NGO)
        )
    with pytest.raises(TransitionError, match="Hanya KIM yang sudah diajukan"):
        services.kim_verify(kim=kim, verified_by=officer, items=ALL_REQUIREMENTS_PASSED)
    with pytest.raises(TransitionError, match="Hanya KIM yang sudah diajukan"):
        services.kim_reject(
            kim=kim, verified_by=officer, items=failed(Requirement.NO_NGO)
        )


def test_reject_needs_a_failed_item_with_a_reason(officer):
    kim = create_submitted_kim(user=officer)
    with pytest.raises(ValidationError, match="minimal satu syarat"):
        services.kim_reject(kim=kim, verified_by=officer, items=ALL_REQUIREMENTS_PASSED)
    with pytest.raises(ValidationError) as exc:
        services.kim_reject(
            kim=kim, verified_by=officer, items={Requirement.SK_VALID: (False, "  ")}
        )
    assert exc.value.messages == [
        "Isi alasan untuk syarat «SK Kepala Desa/Lurah ada dan masih berlaku» yang tidak "
        "terpenuhi."
    ]
    with pytest.raises(ValidationError, match="Syarat tidak dikenal: punya_kantor"):
        services.kim_reject(
            kim=kim, verified_by=officer, items={"punya_kantor": (False, "x")}
        )


def test_rejected_kim_can_be_corrected_resubmitted_and_verified(officer):
    kim = create_submitted_kim(user=officer)
    kim = services.kim_reject(
        kim=kim,
        verified_by=officer,
        items={
            Requirement.OFFICERS_ACKNOWLEDGED: (
                False,
                "Belum ditandatangani kepala desa",
            )
        },
        note="Perbaiki susunan pengurus",
    )
    assert kim.status == KimStatus.REJECTED
    rejection = Verification.objects.get(kim=kim)
    assert not rejection.approved and rejection.nik_issued == ""
    assert rejection.items.get().passed is False

    services.kim_document_add(
        kim=kim,
        uploaded_by=officer,
        kind=DocumentKind.OFFICERS_LIST,
        uploaded_file=pdf_upload("pengurus-ttd.pdf"),
    )
    services.kim_submit(kim=kim, submitted_by=officer)
    kim = services.kim_verify(
        kim=kim, verified_by=officer, items=ALL_REQUIREMENTS_PASSED
    )

    assert kim.status == KimStatus.VERIFIED
    assert kim.verifications.count() == 2


def test_verify_emails_the_kim_and_its_accounts_with_the_nik(
    officer, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        kim = create_verified_kim(user=officer)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["kim.tulungrejo@example.id"]
    assert kim.nik in message.subject and kim.nik in message.body
    assert message.alternatives[0][1] == "text/html"


def test_reject_email_lists_the_failed_items_and_reasons(
    officer, django_capture_on_commit_callbacks, mailoutbox
):
    kim = create_submitted_kim(user=officer)
    with django_capture_on_commit_callbacks(execute=True):
        services.kim_reject(
            kim=kim,
            verified_by=officer,
            items={
                Requirement.SK_VALID: (False, "SK sudah habis masa berlakunya"),
                Requirement.NOT_ASN: (True, ""),
            },
        )
    (message,) = mailoutbox
    assert message.to == [kim.email]
    assert (
        "SK Kepala Desa/Lurah ada dan masih berlaku: SK sudah habis masa berlakunya"
        in (message.body)
    )
    assert "Pengurus bukan Aparatur Sipil Negara" not in message.body


def test_nothing_is_mailed_when_the_transaction_rolls_back(
    officer, django_capture_on_commit_callbacks, mailoutbox
):
    kim = create_submitted_kim(user=officer)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(ValidationError):
            services.kim_verify(kim=kim, verified_by=officer, items={})
    assert callbacks == [] and mailoutbox == []


def test_verifying_inside_a_history_context_records_the_acting_user(officer):
    kim = create_submitted_kim(user=officer)
    with pghistory.context(user=officer.pk, url="/kim/1/verifikasi/"):
        services.kim_verify(kim=kim, verified_by=officer, items=ALL_REQUIREMENTS_PASSED)

    event = kim.events.filter(status=KimStatus.VERIFIED).get()
    assert event.nik == f"3507-{year_now()}-0001"
    assert event.pgh_context.metadata["user"] == officer.pk
    verification_event = Verification.objects.get(kim=kim).events.get()
    assert verification_event.pgh_context_id == event.pgh_context_id


# --- NIK ------------------------------------------------------------------------------


def test_nik_is_consecutive_per_kab_kota_when_regencies_interleave(demo_users):
    malang, kota = demo_users["kab-malang"], demo_users["kota-malang"]
    order = [
        (malang, KAB_MALANG_VILLAGE),
        (kota, KOTA_MALANG_VILLAGE),
        (malang, OTHER_KAB_MALANG_VILLAGE),
        (kota, KOTA_MALANG_VILLAGE),
        (malang, KAB_MALANG_VILLAGE),
    ]
    niks = [
        create_verified_kim(user=user, village_code=village, name=f"KIM Urut {n}").nik
        for n, (user, village) in enumerate(order)
    ]
    year = year_now()
    assert niks == [
        f"3507-{year}-0001",
        f"3573-{year}-0001",
        f"3507-{year}-0002",
        f"3573-{year}-0002",
        f"3507-{year}-0003",
    ]


def test_nik_year_is_the_verification_year_in_jakarta(officer, django_db_blocker):
    new_year_in_jakarta = datetime.datetime(2025, 12, 31, 17, 30, tzinfo=datetime.UTC)
    still_2025 = datetime.datetime(2025, 12, 31, 16, 30, tzinfo=datetime.UTC)
    assert (
        services.nik_allocate(regency_code="35.07", at=still_2025) == "3507-2025-0001"
    )
    assert services.nik_allocate(regency_code="35.07", at=new_year_in_jakarta) == (
        "3507-2026-0001"
    )
    assert services.nik_allocate(regency_code="33.22", at=new_year_in_jakarta) == (
        "3322-2026-0001"
    )
    assert (
        services.nik_allocate(regency_code="35.07", at=still_2025) == "3507-2025-0002"
    )


def test_nik_is_never_reused_after_deactivation_or_termination(officer, partner_kim):
    first_nik = partner_kim.nik
    services.kim_deactivate(
        kim=partner_kim, deactivated_by=officer, reason=InactiveReason.MOVED
    )
    second = create_verified_kim(user=officer, name="KIM Kedua")
    case = services.review_open(
        kim=second, opened_by=officer, grounds=[ReviewGround.DISSOLVED]
    )
    services.review_terminate(
        case=case,
        decided_by=officer,
        decision_date=datetime.date(2026, 3, 1),
        decision_number="480/12/2026",
        decision_letter=letter(),
    )
    third = create_verified_kim(user=officer, name="KIM Ketiga")

    partner_kim.refresh_from_db()
    second.refresh_from_db()
    year = year_now()
    assert (partner_kim.status, partner_kim.nik) == (KimStatus.INACTIVE, first_nik)
    assert (second.status, second.nik) == (KimStatus.INACTIVE, f"3507-{year}-0002")
    assert third.nik == f"3507-{year}-0003"


def _kim_in(status, officer):
    """A KIM brought to `status` through the services, as in real life."""
    if status == KimStatus.SUBMITTED:
        return create_submitted_kim(user=officer)
    kim = create_verified_kim(user=officer)
    if status == KimStatus.INACTIVE:
        kim = services.kim_deactivate(
            kim=kim, deactivated_by=officer, reason=InactiveReason.DISSOLVED
        )
    return kim


@pytest.mark.parametrize(
    "status", [KimStatus.SUBMITTED, KimStatus.VERIFIED, KimStatus.INACTIVE]
)
def test_submit_refuses_every_state_but_draft_and_rejected(officer, status):
    kim = _kim_in(status, officer)
    submitted_at = kim.submitted_at
    with pytest.raises(TransitionError, match="draf atau ditolak"):
        services.kim_submit(kim=kim, submitted_by=officer)
    kim.refresh_from_db()
    assert kim.status == status
    assert kim.submitted_at == submitted_at

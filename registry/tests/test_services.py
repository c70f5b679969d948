import datetime
from zoneinfo import ZoneInfo

import pghistory
import pytest
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kimportal.accounts.models import Role
from kimportal.core.contributions import kim_id_of
from kimportal.core.errors import TransitionError
from registry import services
from registry.choices import (
    ChangeRequestStatus,
    DocumentKind,
    InactiveReason,
    KimStatus,
    PartnershipStatus,
    Qualification,
    Requirement,
    ReviewGround,
    ReviewOpener,
    ReviewStatus,
)
from registry.models import (
    ChangeRequest,
    Kim,
    KimDocument,
    NikSequence,
    Partnership,
    ReviewCase,
    Verification,
)
from registry.selectors import kim_possible_duplicates
from registry.tests.factories import (
    ALL_QUALIFICATIONS,
    ALL_REQUIREMENTS_PASSED,
    KAB_MALANG_VILLAGE,
    KAB_SEMARANG_VILLAGE,
    KOTA_MALANG_VILLAGE,
    PNG_BYTES,
    create_complete_kim,
    create_submitted_kim,
    create_verified_kim,
    kim_profile,
    pdf_upload,
)

OTHER_KAB_MALANG_VILLAGE = "35.07.01.2002"  # Banjarejo, Donomulyo
KAB_MALANG_DISTRICT = "35.07.01"


@pytest.fixture
def verified_kim(officer):
    return create_verified_kim(user=officer)


@pytest.fixture
def partner_kim(officer, verified_kim):
    services.partnership_start(
        kim=verified_kim,
        started_by=officer,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2031, 12, 31),
        qualifications=ALL_QUALIFICATIONS,
    )
    return verified_kim


def year_now() -> int:
    return timezone.localtime(timezone.now(), ZoneInfo("Asia/Jakarta")).year


def messages_of(exc_info) -> str:
    return " ".join(exc_info.value.messages)


def failed(requirement, note="Tidak ada"):
    return {**ALL_REQUIREMENTS_PASSED, requirement: (False, note)}


def letter(name="keputusan.pdf"):
    return pdf_upload(name)


# --- registration ---------------------------------------------------------------------


def test_create_starts_as_draft_with_phones_in_plus62_form(officer):
    kim = services.kim_create(
        created_by=officer,
        village_code=KAB_MALANG_VILLAGE,
        data=kim_profile(whatsapp="0812-3456-7890", phone="(0341) 123456"),
        coverage_codes=[KAB_MALANG_VILLAGE, OTHER_KAB_MALANG_VILLAGE],
        officers=[{"name": "Siti", "position": "Ketua", "phone": "0813 1111 2222"}],
        channels=[{"platform": "facebook", "address": "fb.com/kim", "followers": "35"}],
    )

    kim.refresh_from_db()
    assert kim.status == KimStatus.DRAFT
    assert kim.nik is None
    assert kim.registered_by == officer
    assert kim.whatsapp == "+6281234567890"
    assert kim.phone == "+62341123456"
    assert set(kim.coverage_villages.values_list("code", flat=True)) == {
        KAB_MALANG_VILLAGE,
        OTHER_KAB_MALANG_VILLAGE,
    }
    assert kim.officers.get().phone == "+6281311112222"
    assert kim.channels.get().followers == 35


def test_create_refuses_desa_outside_the_officers_kab_kota(officer):
    with pytest.raises(ValidationError) as exc:
        services.kim_create(
            created_by=officer, village_code=KOTA_MALANG_VILLAGE, data=kim_profile()
        )
    assert "di luar wilayah kerja Anda" in exc.value.message_dict["village"][0]
    assert not Kim.objects.exists()


def test_create_refuses_a_kecamatan_code_as_seat(officer):
    with pytest.raises(ValidationError) as exc:
        services.kim_create(
            created_by=officer, village_code=KAB_MALANG_DISTRICT, data=kim_profile()
        )
    assert exc.value.message_dict["village"] == ["Pilih desa/kelurahan yang terdaftar."]


def test_create_reports_bad_numbers_and_missing_name_in_indonesian(officer):
    with pytest.raises(ValidationError) as exc:
        services.kim_create(
            created_by=officer,
            village_code=KAB_MALANG_VILLAGE,
            data=kim_profile(name="  ", whatsapp="0341 123456", phone="12"),
            officers=[{"name": "", "position": "Ketua"}],
        )
    errors = exc.value.message_dict
    assert errors["whatsapp"] == [
        "Nomor WhatsApp harus nomor seluler (diawali 08 atau +628)."
    ]
    assert errors["phone"][0].startswith(
        "Nomor telepon tidak valid: Nomor harus diawali 0"
    )
    assert errors["name"]
    assert errors["officers"] == ["Pengurus ke-1: nama dan jabatan wajib diisi."]


def test_create_allows_a_draft_without_type_but_not_an_unknown_field(officer):
    kim = services.kim_create(
        created_by=officer, village_code=KAB_MALANG_VILLAGE, data={"name": "KIM Baru"}
    )
    assert kim.kim_type == ""

    with pytest.raises(TypeError, match="village"):
        services.kim_create(
            created_by=officer,
            village_code=KAB_MALANG_VILLAGE,
            data={"name": "KIM Lain", "village": KAB_MALANG_VILLAGE},
        )


def test_create_from_old_list_enters_as_submitted(officer):
    kim = services.kim_create(
        created_by=officer,
        village_code=KAB_MALANG_VILLAGE,
        data=kim_profile(),
        from_old_list=True,
    )
    assert kim.status == KimStatus.SUBMITTED
    assert kim.from_old_list
    assert kim.submitted_at is not None


def test_old_list_kim_must_bring_its_documents_before_verification(officer):
    kim = services.kim_create(
        created_by=officer,
        village_code=KAB_MALANG_VILLAGE,
        data=kim_profile(),
        officers=[{"name": "Siti", "position": "Ketua"}],
        from_old_list=True,
    )
    with pytest.raises(ValidationError) as exc:
        services.kim_verify(kim=kim, verified_by=officer, items=ALL_REQUIREMENTS_PASSED)
    assert "Dokumen SK Kepala Desa/Lurah belum diunggah." in exc.value.messages
    kim.refresh_from_db()
    assert kim.status == KimStatus.SUBMITTED and kim.nik is None


def test_duplicates_finds_same_or_similar_name_in_the_same_desa_only(officer):
    existing = services.kim_create(
        created_by=officer,
        village_code=KAB_MALANG_VILLAGE,
        data={"name": "KIM Tulungrejo Mandiri"},
    )
    services.kim_create(
        created_by=officer,
        village_code=OTHER_KAB_MALANG_VILLAGE,
        data={"name": "KIM Tulungrejo Mandiri"},
    )
    services.kim_create(
        created_by=officer,
        village_code=KAB_MALANG_VILLAGE,
        data={"name": "Radio Warga"},
    )

    found = kim_possible_duplicates(
        user=officer, name="Kim Tulungrejo Mandri", village_code=KAB_MALANG_VILLAGE
    )
    assert list(found) == [existing]
    assert not kim_possible_duplicates(
        user=officer,
        name="KIM Tulungrejo Mandiri",
        village_code=KAB_MALANG_VILLAGE,
        exclude_id=existing.pk,
    ).exists()


def test_staff_update_replaces_board_and_keeps_former_officers_inactive(officer):
    kim = create_complete_kim(user=officer)
    services.kim_update(
        kim=kim,
        updated_by=officer,
        data={"chair_name": "Budi Santoso"},
        officers=[
            {"name": "Budi Santoso", "position": "Ketua", "phone": ""},
            {"name": "Rina Wati", "position": "Bendahara", "phone": ""},
        ],
        channels=[],
    )

    kim.refresh_from_db()
    assert kim.chair_name == "Budi Santoso"
    active = kim.officers.filter(active=True)
    assert sorted(active.values_list("name", "position")) == [
        ("Budi Santoso", "Ketua"),
        ("Rina Wati", "Bendahara"),
    ]
    assert kim.officers.get(name="Siti Aminah").active is False
    assert not kim.channels.filter(active=True).exists()


def test_staff_rename_of_a_verified_kim_is_marked_in_the_audit_trail(
    officer, verified_kim
):
    services.kim_update(
        kim=verified_kim, updated_by=officer, data={"name": "KIM Tulungrejo Maju"}
    )

    event = verified_kim.events.order_by("pgh_id").last()
    assert event.name == "KIM Tulungrejo Maju"
    assert event.pgh_context.metadata["legal_change_by_staff"] == ["name"]


def test_staff_cannot_move_a_numbered_kim_to_another_kab_kota(demo_users, verified_kim):
    with pytest.raises(ValidationError) as exc:
        services.kim_update(
            kim=verified_kim,
            updated_by=demo_users["kementerian"],
            data={},
            village_code=KOTA_MALANG_VILLAGE,
        )
    assert "didaftarkan ulang" in exc.value.message_dict["village"][0]


def test_update_of_an_inactive_kim_is_a_transition_error(officer, verified_kim):
    services.kim_deactivate(
        kim=verified_kim, deactivated_by=officer, reason=InactiveReason.DISSOLVED
    )
    with pytest.raises(TransitionError, match="Tidak aktif tidak dapat diubah"):
        services.kim_update(kim=verified_kim, updated_by=officer, data={"rt": "003"})


def test_officer_of_another_kab_kota_cannot_act_on_the_kim(demo_users):
    kim = create_complete_kim(user=demo_users["kab-malang"])
    with pytest.raises(PermissionDenied):
        services.kim_submit(kim=kim, submitted_by=demo_users["kota-malang"])
    with pytest.raises(PermissionDenied):
        services.kim_update(kim=kim, updated_by=demo_users["kab-semarang"], data={})


# --- documents ------------------------------------------------------------------------


def test_new_document_supersedes_the_current_one_without_deleting_it(officer):
    kim = create_complete_kim(user=officer)
    old = kim.documents.get(kind=DocumentKind.VILLAGE_HEAD_SK)

    new = services.kim_document_add(
        kim=kim,
        uploaded_by=officer,
        kind=DocumentKind.VILLAGE_HEAD_SK,
        uploaded_file=SimpleUploadedFile("sk-baru.png", PNG_BYTES),
        number="141/2/2026",
        issued_on=datetime.date(2026, 2, 1),
    )

    old.refresh_from_db()
    assert old.superseded_at is not None
    assert new.superseded_at is None
    assert new.content_type == "image/png"
    assert new.original_name == "sk-baru.png"
    assert new.file.name.startswith(f"kim/{kim.pk}/") and new.file.name.endswith(".png")
    assert "sk-baru" not in new.file.name
    assert kim.documents.filter(kind=DocumentKind.VILLAGE_HEAD_SK).count() == 2


def test_document_whose_content_is_not_pdf_or_image_is_refused(officer):
    kim = create_complete_kim(user=officer)
    with pytest.raises(ValidationError) as exc:
        services.kim_document_add(
            kim=kim,
            uploaded_by=officer,
            kind=DocumentKind.DECLARATION,
            uploaded_file=SimpleUploadedFile(
                "pernyataan.pdf", b"Surat pernyataan biasa"
            ),
        )
    assert exc.value.message_dict["file"] == [
        "Isi berkas bukan PDF, JPEG, PNG. Unggah dokumen asli dalam format PDF, JPEG, PNG."
    ]


def test_renamed_executable_is_refused(officer):
    kim = create_complete_kim(user=officer)
    executable = SimpleUploadedFile(
        "sk.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100
    )
    with pytest.raises(ValidationError) as exc:
        services.kim_document_add(
            kim=kim,
            uploaded_by=officer,
            kind=DocumentKind.VILLAGE_HEAD_SK,
            uploaded_file=executable,
            number="1",
            issued_on=datetime.date(2026, 1, 1),
        )
    assert "Isi berkas bukan" in exc.value.message_dict["file"][0]
    assert kim.documents.filter(kind=DocumentKind.VILLAGE_HEAD_SK).count() == 1


def test_document_over_five_megabytes_is_refused(officer):
    kim = create_complete_kim(user=officer)
    big = SimpleUploadedFile("besar.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError) as exc:
        services.kim_document_add(
            kim=kim,
            uploaded_by=officer,
            kind=DocumentKind.OFFICERS_LIST,
            uploaded_file=big,
        )
    assert exc.value.message_dict["file"][0].startswith("Berkas terlalu besar")


def test_sk_needs_number_date_and_a_later_expiry(officer):
    kim = create_complete_kim(user=officer)
    with pytest.raises(ValidationError) as exc:
        services.kim_document_add(
            kim=kim,
            uploaded_by=officer,
            kind=DocumentKind.VILLAGE_HEAD_SK,
            uploaded_file=pdf_upload(),
            expires_on=datetime.date(2020, 1, 1),
        )
    assert set(exc.value.message_dict) == {"number", "issued_on"}
    with pytest.raises(ValidationError) as exc:
        services.kim_document_add(
            kim=kim,
            uploaded_by=officer,
            kind=DocumentKind.VILLAGE_HEAD_SK,
            uploaded_file=pdf_upload(),
            number="1",
            issued_on=datetime.date(2026, 1, 1),
            expires_on=datetime.date(2025, 1, 1),
        )
    assert set(exc.value.message_dict) == {"expires_on"}


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
    with pytest.raises(
        TransitionError, match="berstatus Diajukan tidak dapat diajukan"
    ):
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


# --- deactivation ---------------------------------------------------------------------


def test_deactivate_keeps_nik_and_terminates_the_open_partnership(officer, partner_kim):
    kim = services.kim_deactivate(
        kim=partner_kim, deactivated_by=officer, reason=InactiveReason.DISSOLVED
    )
    assert kim.status == KimStatus.INACTIVE
    assert kim.inactive_reason == InactiveReason.DISSOLVED
    assert kim.nik is not None
    partnership = Partnership.objects.get(kim=kim)
    assert partnership.status == PartnershipStatus.TERMINATED
    assert partnership.closed_on is not None


def test_deactivate_needs_a_known_reason_and_a_verified_kim(officer):
    kim = create_submitted_kim(user=officer)
    with pytest.raises(ValidationError) as exc:
        services.kim_deactivate(kim=kim, deactivated_by=officer, reason="bosan")
    assert exc.value.message_dict["reason"] == ["Pilih alasan KIM tidak aktif."]
    with pytest.raises(TransitionError, match="Hanya KIM terverifikasi"):
        services.kim_deactivate(
            kim=kim, deactivated_by=officer, reason=InactiveReason.MOVED
        )


def test_deactivate_waits_for_an_open_review(officer, partner_kim):
    services.review_open(
        kim=partner_kim, opened_by=officer, grounds=[ReviewGround.CRIMINAL]
    )
    with pytest.raises(TransitionError, match="sedang dalam peninjauan"):
        services.kim_deactivate(
            kim=partner_kim, deactivated_by=officer, reason=InactiveReason.DISSOLVED
        )


# --- KIM accounts and change requests -------------------------------------------------


def test_invite_creates_a_kim_account_and_mails_a_set_password_link(
    officer, verified_kim, settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.SITE_URL = "https://kim.example.go.id"
    with django_capture_on_commit_callbacks(execute=True):
        user = services.kim_invite_user(
            kim=verified_kim,
            invited_by=officer,
            email=" Ketua@KIM.example.id ",
            name="Siti",
        )

    assert (user.role, kim_id_of(user), user.is_active) == (
        Role.KIM,
        verified_kim.pk,
        True,
    )
    assert user.username == user.email == "ketua@kim.example.id"
    # Nobody knows the password yet, but "forgot password" still reaches the account.
    assert list(PasswordResetForm().get_users("ketua@kim.example.id")) == [user]
    (message,) = mailoutbox
    assert message.to == ["ketua@kim.example.id"]
    link = next(
        line for line in message.body.splitlines() if line.startswith("https://")
    )
    assert link.startswith("https://kim.example.go.id/")
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert default_token_generator.check_token(user, token)


def test_invite_again_reuses_the_account_and_refuses_someone_elses_email(
    officer, demo_users, verified_kim, django_capture_on_commit_callbacks, mailoutbox
):
    first = services.kim_invite_user(
        kim=verified_kim, invited_by=officer, email="ketua@kim.example.id"
    )
    with django_capture_on_commit_callbacks(execute=True):
        again = services.kim_invite_user(
            kim=verified_kim, invited_by=officer, email="KETUA@kim.example.id"
        )
    assert again.pk == first.pk and len(mailoutbox) == 1

    with pytest.raises(ValidationError) as exc:
        services.kim_invite_user(
            kim=verified_kim, invited_by=officer, email=demo_users["kota-malang"].email
        )
    assert exc.value.message_dict["email"] == [
        "Email ini sudah dipakai oleh akun lain."
    ]


def test_invite_only_for_a_verified_kim(officer):
    kim = create_submitted_kim(user=officer)
    with pytest.raises(TransitionError, match="sudah terverifikasi"):
        services.kim_invite_user(kim=kim, invited_by=officer, email="a@kim.example.id")


@pytest.fixture
def kim_user(officer, verified_kim):
    return services.kim_invite_user(
        kim=verified_kim, invited_by=officer, email="ketua@kim.example.id"
    )


def test_self_update_applies_contact_and_channels_at_once(verified_kim, kim_user):
    kim, change = services.kim_self_update(
        kim=verified_kim,
        user=kim_user,
        data={
            "chair_name": "Rina Wati",
            "whatsapp": "0857 1234 5678",
            "power_reach": 900,
        },
        channels=[
            {"platform": "youtube", "address": "youtube.com/@kimuji", "followers": 40}
        ],
    )
    assert change is None
    kim.refresh_from_db()
    assert (kim.chair_name, kim.whatsapp, kim.power_reach) == (
        "Rina Wati",
        "+6285712345678",
        900,
    )
    assert list(
        kim.channels.filter(active=True).values_list("platform", flat=True)
    ) == ["youtube"]
    assert not ChangeRequest.objects.exists()


def test_self_update_turns_legal_changes_into_one_pending_request(
    verified_kim, kim_user
):
    kim, change = services.kim_self_update(
        kim=verified_kim,
        user=kim_user,
        data={
            "name": "KIM Tulungrejo Berdaya",
            "village": OTHER_KAB_MALANG_VILLAGE,
            "rt": "009",
        },
        officers=[{"name": "Rina Wati", "position": "Ketua", "phone": ""}],
    )
    kim.refresh_from_db()
    assert kim.name == "KIM Tulungrejo Mandiri"
    assert kim.village_id == KAB_MALANG_VILLAGE
    assert kim.rt == "009"
    assert kim.officers.filter(active=True).count() == 2
    assert change.status == ChangeRequestStatus.PENDING
    assert change.requested_by == kim_user
    assert change.changes["name"] == {
        "old": "KIM Tulungrejo Mandiri",
        "new": "KIM Tulungrejo Berdaya",
    }
    assert change.changes["village"]["new"] == OTHER_KAB_MALANG_VILLAGE
    assert change.changes["officers"]["new"] == [
        {"name": "Rina Wati", "position": "Ketua", "phone": ""}
    ]


def test_self_update_is_only_for_the_kims_own_account(officer, verified_kim, kim_user):
    other = create_verified_kim(user=officer, name="KIM Lain")
    with pytest.raises(PermissionDenied):
        services.kim_self_update(kim=other, user=kim_user, data={"rt": "001"})
    with pytest.raises(PermissionDenied):
        services.kim_self_update(kim=verified_kim, user=officer, data={"rt": "001"})
    with pytest.raises(TypeError):
        services.kim_self_update(kim=verified_kim, user=kim_user, data={"nik": "1"})


def test_approved_change_request_applies_the_changes_and_mails_the_kim(
    officer, verified_kim, kim_user, django_capture_on_commit_callbacks, mailoutbox
):
    _kim, change = services.kim_self_update(
        kim=verified_kim,
        user=kim_user,
        data={"name": "KIM Tulungrejo Berdaya", "village": OTHER_KAB_MALANG_VILLAGE},
        officers=[
            {"name": "Siti Aminah", "position": "Ketua", "phone": "081234567890"},
            {"name": "Rina Wati", "position": "Bendahara", "phone": ""},
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        kim = services.change_request_approve(
            change_request=change, decided_by=officer, note="Sesuai SK baru"
        )

    kim.refresh_from_db()
    assert (kim.name, kim.village_id, kim.nik) == (
        "KIM Tulungrejo Berdaya",
        OTHER_KAB_MALANG_VILLAGE,
        verified_kim.nik,
    )
    assert sorted(kim.officers.filter(active=True).values_list("name", flat=True)) == [
        "Rina Wati",
        "Siti Aminah",
    ]
    change.refresh_from_db()
    assert (change.status, change.decided_by) == (ChangeRequestStatus.APPROVED, officer)
    (message,) = mailoutbox
    assert set(message.to) == {kim.email, kim_user.email}
    assert "disetujui" in message.body and "KIM Tulungrejo Berdaya" in message.body
    with pytest.raises(TransitionError, match="sudah diputuskan"):
        services.change_request_reject(
            change_request=change, decided_by=officer, note="x"
        )


def test_kim_uploaded_document_counts_only_after_approval(
    officer, verified_kim, kim_user
):
    current = verified_kim.documents.get(kind=DocumentKind.VILLAGE_HEAD_SK)
    change = services.kim_self_document_add(
        kim=verified_kim,
        user=kim_user,
        kind=DocumentKind.VILLAGE_HEAD_SK,
        uploaded_file=pdf_upload("sk-2027.pdf"),
        number="141/5/2027",
        issued_on=datetime.date(2026, 6, 1),
        expires_on=datetime.date(2032, 6, 1),
    )
    pending = change.document
    current_sk = KimDocument.objects.get(
        kim=verified_kim, kind=DocumentKind.VILLAGE_HEAD_SK, superseded_at__isnull=True
    )
    assert current_sk == current
    assert pending.superseded_at is not None
    assert change.changes["document"]["number"] == "141/5/2027"

    services.change_request_approve(change_request=change, decided_by=officer)

    current.refresh_from_db()
    pending.refresh_from_db()
    assert current.superseded_at is not None
    assert pending.superseded_at is None


def test_rejected_change_request_needs_a_reason_and_changes_nothing(
    officer, verified_kim, kim_user, django_capture_on_commit_callbacks, mailoutbox
):
    _kim, change = services.kim_self_update(
        kim=verified_kim, user=kim_user, data={"name": "Nama Baru"}
    )
    with pytest.raises(ValidationError) as exc:
        services.change_request_reject(
            change_request=change, decided_by=officer, note=" "
        )
    assert exc.value.message_dict["note"] == ["Alasan penolakan wajib diisi."]
    with django_capture_on_commit_callbacks(execute=True):
        services.change_request_reject(
            change_request=change,
            decided_by=officer,
            note="Belum ada SK perubahan nama",
        )
    verified_kim.refresh_from_db()
    assert verified_kim.name == "KIM Tulungrejo Mandiri"
    assert ChangeRequest.objects.get().status == ChangeRequestStatus.REJECTED
    assert "Belum ada SK perubahan nama" in mailoutbox[0].body


# --- partnership ----------------------------------------------------------------------


def test_partnership_start_names_the_missing_qualifications(officer, verified_kim):
    with pytest.raises(ValidationError) as exc:
        services.partnership_start(
            kim=verified_kim,
            started_by=officer,
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2026, 12, 31),
            qualifications=ALL_QUALIFICATIONS[:5],
        )
    (message,) = exc.value.message_dict["qualifications"]
    assert "f. Memiliki media diseminasi" in message
    assert "g. Memiliki sumber daya untuk diseminasi" in message
    assert "a. Keberadaan jelas" not in message


def test_partnership_start_records_an_active_partnership(officer, verified_kim):
    partnership = services.partnership_start(
        kim=verified_kim,
        started_by=officer,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        qualifications=list(reversed(ALL_QUALIFICATIONS)),
        note="Aktif tiap pekan",
    )
    assert partnership.status == PartnershipStatus.ACTIVE
    assert partnership.qualifications == list(Qualification.values)
    assert partnership.created_by == officer


def test_partnership_start_refuses_bad_period_unverified_kim_and_a_second_one(
    officer, partner_kim
):
    period = {
        "starts_on": datetime.date(2026, 1, 1),
        "qualifications": ALL_QUALIFICATIONS,
    }
    with pytest.raises(TransitionError, match="sudah memiliki kemitraan"):
        services.partnership_start(
            kim=partner_kim,
            started_by=officer,
            ends_on=datetime.date(2027, 1, 1),
            **period,
        )
    other = create_verified_kim(user=officer, name="KIM Lain")
    with pytest.raises(ValidationError) as exc:
        services.partnership_start(
            kim=other, started_by=officer, ends_on=datetime.date(2026, 1, 1), **period
        )
    assert exc.value.message_dict["ends_on"] == [
        "Tanggal berakhir harus setelah tanggal mulai."
    ]
    draft = create_complete_kim(user=officer, name="KIM Draf")
    with pytest.raises(TransitionError, match="KIM terverifikasi"):
        services.partnership_start(
            kim=draft, started_by=officer, ends_on=datetime.date(2027, 1, 1), **period
        )


def test_expired_partnerships_end_on_their_last_day_but_not_under_review(officer):
    kims = [create_verified_kim(user=officer, name=f"KIM Mitra {n}") for n in range(3)]
    periods = [
        (datetime.date(2025, 1, 1), datetime.date(2026, 3, 31)),
        (datetime.date(2025, 1, 1), datetime.date(2026, 4, 1)),
        (datetime.date(2025, 1, 1), datetime.date(2026, 3, 31)),
    ]
    for kim, (start, end) in zip(kims, periods, strict=True):
        services.partnership_start(
            kim=kim,
            started_by=officer,
            starts_on=start,
            ends_on=end,
            qualifications=ALL_QUALIFICATIONS,
        )
    services.review_open(
        kim=kims[2], opened_by=officer, grounds=[ReviewGround.REPUTATION]
    )

    assert services.partnerships_end_expired(today=datetime.date(2026, 4, 1)) == 1
    assert services.partnerships_end_expired(today=datetime.date(2026, 4, 1)) == 0

    statuses = {p.kim_id: (p.status, p.closed_on) for p in Partnership.objects.all()}
    assert statuses[kims[0].pk] == (PartnershipStatus.ENDED, datetime.date(2026, 3, 31))
    assert statuses[kims[1].pk] == (PartnershipStatus.ACTIVE, None)
    assert statuses[kims[2].pk] == (PartnershipStatus.UNDER_REVIEW, None)


# --- review and termination -----------------------------------------------------------


def test_province_opens_a_review_and_the_partnership_goes_under_review(
    demo_users, partner_kim, django_capture_on_commit_callbacks, mailoutbox
):
    province = demo_users["prov-jatim"]
    with django_capture_on_commit_callbacks(execute=True):
        case = services.review_open(
            kim=partner_kim,
            opened_by=province,
            grounds=[ReviewGround.PARTY_OR_NGO, ReviewGround.REPUTATION],
            notes="Unggahan kampanye partai di akun KIM",
            evidence=[
                (SimpleUploadedFile("tangkapan.png", PNG_BYTES), "Tangkapan layar")
            ],
        )

    assert case.opened_by_level == ReviewOpener.PROVINCE
    assert case.status == ReviewStatus.OPEN
    assert case.partnership.status == PartnershipStatus.UNDER_REVIEW
    evidence = case.evidence.get()
    assert (evidence.content_type, evidence.description) == (
        "image/png",
        "Tangkapan layar",
    )
    recipients = sorted(tuple(m.to) for m in mailoutbox)
    assert recipients == [("kab-malang@kominfo.example",), (partner_kim.email,)]
    office_mail = next(m for m in mailoutbox if m.to == ["kab-malang@kominfo.example"])
    assert "Berafiliasi dengan partai politik atau LSM" in office_mail.body


def test_only_one_open_review_per_kim_and_it_needs_a_ground(
    officer, demo_users, partner_kim
):
    with pytest.raises(ValidationError) as exc:
        services.review_open(kim=partner_kim, opened_by=officer, grounds=[])
    assert exc.value.message_dict["grounds"] == ["Pilih minimal satu dasar peninjauan."]
    services.review_open(
        kim=partner_kim, opened_by=officer, grounds=[ReviewGround.CRIMINAL]
    )
    with pytest.raises(TransitionError, match="sudah memiliki kasus peninjauan"):
        services.review_open(
            kim=partner_kim,
            opened_by=demo_users["prov-jatim"],
            grounds=[ReviewGround.MOVED],
        )


def test_review_cannot_be_opened_by_another_province_or_the_ministry(
    demo_users, partner_kim
):
    with pytest.raises(PermissionDenied):
        services.review_open(
            kim=partner_kim,
            opened_by=demo_users["prov-jateng"],
            grounds=[ReviewGround.MOVED],
        )
    with pytest.raises(PermissionDenied):
        services.review_open(
            kim=partner_kim,
            opened_by=demo_users["kementerian"],
            grounds=[ReviewGround.MOVED],
        )


def test_province_comments_on_an_open_case_only(officer, demo_users, partner_kim):
    province = demo_users["prov-jatim"]
    case = services.review_open(
        kim=partner_kim, opened_by=officer, grounds=[ReviewGround.REPUTATION]
    )
    comment = services.review_comment_add(
        case=case, author=province, body="Mohon lampirkan klarifikasi ketua KIM."
    )
    assert comment.author == province
    with pytest.raises(ValidationError):
        services.review_comment_add(case=case, author=province, body="  ")
    with pytest.raises(PermissionDenied):
        services.review_comment_add(
            case=case, author=demo_users["prov-jateng"], body="Hai"
        )

    services.review_continue(case=case, decided_by=officer, note="Tidak terbukti")
    with pytest.raises(TransitionError, match="sudah ditutup"):
        services.review_comment_add(case=case, author=province, body="Terlambat")
    with pytest.raises(TransitionError, match="sudah ditutup"):
        services.review_evidence_add(
            case=case, uploaded_by=officer, uploaded_file=letter()
        )


def test_review_evidence_is_checked_by_content(officer, partner_kim):
    case = services.review_open(
        kim=partner_kim, opened_by=officer, grounds=[ReviewGround.REPUTATION]
    )
    with pytest.raises(ValidationError):
        services.review_evidence_add(
            case=case,
            uploaded_by=officer,
            uploaded_file=SimpleUploadedFile("bukti.jpg", b"<html>bukan gambar</html>"),
        )
    evidence = services.review_evidence_add(
        case=case,
        uploaded_by=officer,
        uploaded_file=letter("bukti.pdf"),
        description="BAP",
    )
    assert evidence.file.name.startswith(f"review/{case.pk}/")


def test_continue_restores_the_partnership_or_ends_it_if_its_period_passed(officer):
    running = create_verified_kim(user=officer, name="KIM Berjalan")
    lapsed = create_verified_kim(user=officer, name="KIM Lewat Masa")
    for kim, ends_on in (
        (running, datetime.date(2031, 1, 1)),
        (lapsed, datetime.date(2026, 2, 1)),
    ):
        services.partnership_start(
            kim=kim,
            started_by=officer,
            starts_on=datetime.date(2025, 1, 1),
            ends_on=ends_on,
            qualifications=ALL_QUALIFICATIONS,
        )
    cases = [
        services.review_open(
            kim=kim, opened_by=officer, grounds=[ReviewGround.REPUTATION]
        )
        for kim in (running, lapsed)
    ]
    with pytest.raises(ValidationError):
        services.review_continue(case=cases[0], decided_by=officer, note="")
    for case in cases:
        case = services.review_continue(
            case=case, decided_by=officer, note="Tidak terbukti"
        )
        assert (case.status, case.decided_by) == (ReviewStatus.CONTINUED, officer)

    assert running.partnerships.get().status == PartnershipStatus.ACTIVE
    ended = lapsed.partnerships.get()
    assert (ended.status, ended.closed_on) == (
        PartnershipStatus.ENDED,
        datetime.date(2026, 2, 1),
    )
    with pytest.raises(TransitionError, match="sudah ditutup"):
        services.review_continue(case=cases[0], decided_by=officer, note="Lagi")


def test_termination_needs_a_pdf_decision_letter_number_and_past_date(
    officer, partner_kim
):
    case = services.review_open(
        kim=partner_kim, opened_by=officer, grounds=[ReviewGround.REPUTATION]
    )
    decision = {
        "decision_date": datetime.date(2026, 3, 1),
        "decision_number": "480/1/2026",
    }
    with pytest.raises(ValidationError) as exc:
        services.review_terminate(
            case=case,
            decided_by=officer,
            decision_letter=SimpleUploadedFile("sk.png", PNG_BYTES),
            **decision,
        )
    assert exc.value.message_dict["decision_letter"] == [
        "Isi berkas bukan PDF. Unggah dokumen asli dalam format PDF."
    ]
    with pytest.raises(ValidationError) as exc:
        services.review_terminate(
            case=case,
            decided_by=officer,
            decision_date=datetime.date(2099, 1, 1),
            decision_number="",
            decision_letter=None,
        )
    assert set(exc.value.message_dict) == {
        "decision_date",
        "decision_number",
        "decision_letter",
    }
    case.refresh_from_db()
    assert case.status == ReviewStatus.OPEN


def test_termination_on_reputation_ends_the_partnership_but_keeps_the_kim(
    officer, partner_kim, django_capture_on_commit_callbacks, mailoutbox
):
    case = services.review_open(
        kim=partner_kim, opened_by=officer, grounds=[ReviewGround.REPUTATION]
    )
    with django_capture_on_commit_callbacks(execute=True):
        case = services.review_terminate(
            case=case,
            decided_by=officer,
            decision_date=datetime.date(2026, 3, 1),
            decision_number="480/1/2026",
            decision_letter=letter(),
            note="Terbukti menyebarkan hoaks",
        )
    assert case.status == ReviewStatus.TERMINATED
    assert case.decision_letter.name.startswith(f"review/{case.pk}/")
    partnership = partner_kim.partnerships.get()
    assert (partnership.status, partnership.closed_on) == (
        PartnershipStatus.TERMINATED,
        datetime.date(2026, 3, 1),
    )
    partner_kim.refresh_from_db()
    assert partner_kim.status == KimStatus.VERIFIED
    (message,) = mailoutbox
    assert message.to == [partner_kim.email]
    assert "480/1/2026" in message.body and partner_kim.nik in message.body


@pytest.mark.parametrize(
    ("ground", "reason"),
    [
        (ReviewGround.DISSOLVED, InactiveReason.DISSOLVED),
        (ReviewGround.MOVED, InactiveReason.MOVED),
    ],
)
def test_termination_of_a_dissolved_or_moved_kim_makes_it_inactive(
    officer, partner_kim, ground, reason
):
    case = services.review_open(kim=partner_kim, opened_by=officer, grounds=[ground])
    services.review_terminate(
        case=case,
        decided_by=officer,
        decision_date=datetime.date(2026, 3, 1),
        decision_number="480/2/2026",
        decision_letter=letter(),
    )
    partner_kim.refresh_from_db()
    assert (partner_kim.status, partner_kim.inactive_reason) == (
        KimStatus.INACTIVE,
        reason,
    )
    assert partner_kim.nik is not None
    partnership = partner_kim.partnerships.get()
    assert (partnership.status, partnership.closed_on) == (
        PartnershipStatus.TERMINATED,
        datetime.date(2026, 3, 1),
    )
    with pytest.raises(TransitionError, match="sudah ditutup"):
        services.review_terminate(
            case=case,
            decided_by=officer,
            decision_date=datetime.date(2026, 3, 1),
            decision_number="480/2/2026",
            decision_letter=letter(),
        )


@pytest.mark.parametrize("username", ["prov-jatim", "kementerian"])
def test_only_the_kab_kota_decides_a_review_even_when_the_case_is_in_scope(
    officer, demo_users, partner_kim, username
):
    case = services.review_open(
        kim=partner_kim, opened_by=officer, grounds=[ReviewGround.REPUTATION]
    )
    other = demo_users[username]
    with pytest.raises(PermissionDenied):
        services.review_continue(case=case, decided_by=other, note="Tidak terbukti")
    with pytest.raises(PermissionDenied):
        services.review_terminate(
            case=case,
            decided_by=other,
            decision_date=datetime.date(2026, 3, 1),
            decision_number="480/3/2026",
            decision_letter=letter(),
        )
    case.refresh_from_db()
    assert case.status == ReviewStatus.OPEN


def test_the_ministry_reads_review_cases_but_does_not_comment(
    officer, demo_users, partner_kim
):
    case = services.review_open(
        kim=partner_kim, opened_by=officer, grounds=[ReviewGround.REPUTATION]
    )
    with pytest.raises(PermissionDenied):
        services.review_comment_add(
            case=case, author=demo_users["kementerian"], body="Catatan pusat"
        )
    with pytest.raises(PermissionDenied):
        services.review_evidence_add(
            case=case,
            uploaded_by=demo_users["kementerian"],
            uploaded_file=pdf_upload("bukti.pdf"),
        )
    assert not case.comments.exists()
    assert not case.evidence.exists()
    province_evidence = services.review_evidence_add(
        case=case, uploaded_by=demo_users["prov-jatim"], uploaded_file=pdf_upload()
    )
    assert province_evidence.case == case


@pytest.mark.parametrize("username", ["prov-jatim", "kementerian"])
def test_only_the_kab_kota_starts_a_partnership(demo_users, verified_kim, username):
    with pytest.raises(PermissionDenied):
        services.partnership_start(
            kim=verified_kim,
            started_by=demo_users[username],
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2026, 12, 31),
            qualifications=ALL_QUALIFICATIONS,
        )
    assert not verified_kim.partnerships.exists()


def test_no_partnership_starts_while_a_review_is_open(officer, verified_kim):
    services.review_open(
        kim=verified_kim, opened_by=officer, grounds=[ReviewGround.CRIMINAL]
    )
    with pytest.raises(TransitionError, match="sedang dalam peninjauan"):
        services.partnership_start(
            kim=verified_kim,
            started_by=officer,
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2027, 1, 1),
            qualifications=ALL_QUALIFICATIONS,
        )
    assert ReviewCase.objects.get().partnership is None


def test_semarang_officer_runs_the_whole_flow_in_its_own_numbering(demo_users):
    officer = demo_users["kab-semarang"]
    kim = create_verified_kim(user=officer, village_code=KAB_SEMARANG_VILLAGE)
    assert kim.nik == f"3322-{year_now()}-0001"

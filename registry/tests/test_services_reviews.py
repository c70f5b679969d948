"""Review and termination (services.reviews)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kimportal.core.errors import TransitionError
from registry import services
from registry.choices import (
    InactiveReason,
    KimStatus,
    PartnershipStatus,
    ReviewGround,
    ReviewOpener,
    ReviewStatus,
)
from registry.models import (
    ReviewCase,
)
from registry.tests.factories import (
    ALL_QUALIFICATIONS,
    KAB_SEMARANG_VILLAGE,
    PNG_BYTES,
    create_verified_kim,
    pdf_upload,
)
from registry.tests.helpers import (
    letter,
    year_now,
)

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

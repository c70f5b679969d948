import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages
from django.db import DatabaseError, transaction
from pghistory.models import Events

from kimportal.accounts.models import (
    ApplicationStatus,
    Office,
    OfficeKind,
    Role,
    SiteAdminApplication,
    User,
)
from kimportal.accounts.services import (
    application_approve,
    application_reject,
    application_submit,
)
from kimportal.accounts.tests.factories import PNG_BYTES, UserFactory
from kimportal.core.errors import TransitionError

from .conftest import application_data, letter_pdf


def test_submit_stores_pending_application_with_letter_under_server_name(
    submit_application, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit_application()

    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.region_id == "35.07"
    assert application.letter_original_name == "surat-permohonan.pdf"
    assert application.letter.name.startswith("site-admin-letters/")
    assert "surat-permohonan" not in application.letter.name
    with storages["private"].open(application.letter.name) as stored:
        assert stored.read().startswith(b"%PDF-")


def test_submit_acknowledges_applicant_and_tells_ministry(
    demo_users, submit_application, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit_application()

    by_recipient = {message.to[0]: message for message in mailoutbox}
    assert "diterima" in by_recipient["dewi.lestari@malangkab.go.id"].subject
    ministry_mail = by_recipient[demo_users["kementerian"].email]
    assert "Kabupaten Malang" in ministry_mail.subject
    assert "/accounts/applications/" in ministry_mail.body


def test_emails_wait_until_the_transaction_commits(
    submit_application, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit_application()

    assert mailoutbox == []
    assert len(callbacks) == 1


@pytest.mark.parametrize(
    "content",
    [PNG_BYTES, b"MZ\x90\x00" + b"\x00" * 200],
    ids=["png-renamed-to-pdf", "exe-renamed-to-pdf"],
)
def test_submit_refuses_letter_that_is_not_really_a_pdf(regions, content):
    with pytest.raises(ValidationError) as exc_info:
        application_submit(
            data=application_data(), letter=letter_pdf("surat.pdf", content)
        )

    assert "bukan PDF" in exc_info.value.message_dict["letter"][0]
    assert not SiteAdminApplication.objects.exists()


def test_submit_refuses_letter_over_five_megabytes(regions):
    big = b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024)

    with pytest.raises(ValidationError) as exc_info:
        application_submit(data=application_data(), letter=letter_pdf(content=big))

    assert "terlalu besar" in exc_info.value.message_dict["letter"][0]


def test_submit_refuses_second_pending_application_for_same_email(submit_application):
    submit_application()

    with pytest.raises(ValidationError) as exc_info:
        submit_application(email="Dewi.Lestari@MALANGKAB.go.id")

    assert "menunggu keputusan" in exc_info.value.message_dict["email"][0]
    assert SiteAdminApplication.objects.count() == 1


def test_database_refuses_second_pending_application_for_same_email(
    submit_application,
):
    first = submit_application()
    duplicate = SiteAdminApplication(
        office_kind="regency",
        region_id="35.07",
        full_name="X",
        nip="198501012010012001",
        position="X",
        email=first.email.upper(),
        phone="0341",
        letter="x.pdf",
    )

    with pytest.raises(DatabaseError), transaction.atomic():
        duplicate.save()


def test_applicant_may_apply_again_after_rejection(demo_users, submit_application):
    first = submit_application()
    application_reject(
        application=first, decided_by=demo_users["kementerian"], reason="Surat kurang"
    )

    second = submit_application()

    assert second.pk != first.pk
    assert second.status == ApplicationStatus.SUBMITTED


def test_submit_refuses_region_that_does_not_match_office_level(regions):
    with pytest.raises(ValidationError) as exc_info:
        application_submit(
            data=application_data(office_kind="province", region="35.07"),
            letter=letter_pdf(),
        )

    assert "provinsi" in exc_info.value.message_dict["region"][0]


def test_submit_refuses_nip_that_is_not_18_digits(regions):
    with pytest.raises(ValidationError) as exc_info:
        application_submit(data=application_data(nip="12345"), letter=letter_pdf())

    assert exc_info.value.message_dict["nip"] == ["NIP terdiri dari 18 angka."]


def test_submit_stores_phone_in_plus_62_form_and_the_account_inherits_it(
    demo_users, submit_application
):
    application = submit_application(phone="(0341) 551234")

    assert application.phone == "+62341551234"
    user = application_approve(
        application=application, decided_by=demo_users["kementerian"]
    )
    assert user.phone == "+62341551234"


def test_submit_refuses_phone_that_is_not_an_indonesian_number(regions):
    with pytest.raises(ValidationError) as exc_info:
        application_submit(data=application_data(phone="1234567"), letter=letter_pdf())

    [message] = exc_info.value.message_dict["phone"]
    assert message.startswith("Nomor telepon tidak valid")
    assert not SiteAdminApplication.objects.exists()


def test_approve_creates_active_regency_officer_in_existing_dinas_office(
    demo_users, submit_application
):
    application = submit_application()

    user = application_approve(
        application=application, decided_by=demo_users["kementerian"]
    )

    demo_office = demo_users["kab-malang"].office
    assert user.office == demo_office
    assert user.role == Role.REGENCY
    assert user.is_active
    assert user.username == "dewi.lestari"
    assert user.scope_code == "35.07"
    assert (user.first_name, user.last_name) == ("Dewi", "Lestari")
    assert user.nip == "198501012010012001"
    assert application.status == ApplicationStatus.APPROVED
    assert application.user == user
    assert application.decided_by == demo_users["kementerian"]
    assert application.decided_at is not None


def test_approve_creates_province_office_when_none_exists(demo_users, regions):
    application = application_submit(
        data=application_data(
            office_kind="province", region="11", email="admin@acehprov.go.id"
        ),
        letter=letter_pdf(),
    )

    user = application_approve(
        application=application, decided_by=demo_users["kementerian"]
    )

    office = Office.objects.get(kind=OfficeKind.PROVINCE, region_id="11")
    assert office.name == "Dinas Kominfo Provinsi Aceh"
    assert user.office == office
    assert user.role == Role.PROVINCE
    assert user.scope_code == "11"


def test_approve_makes_username_unique(demo_users, submit_application):
    UserFactory(username="dewi.lestari")
    UserFactory(username="dewi.lestari2")
    application = submit_application()

    user = application_approve(
        application=application, decided_by=demo_users["kementerian"]
    )

    assert user.username == "dewi.lestari3"


def test_approve_emails_link_to_set_password(
    demo_users, submit_application, mailoutbox, django_capture_on_commit_callbacks
):
    application = submit_application()
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        user = application_approve(
            application=application, decided_by=demo_users["kementerian"]
        )

    [message] = mailoutbox
    assert message.to == ["dewi.lestari@malangkab.go.id"]
    assert "disetujui" in message.subject
    assert user.username in message.body
    assert "/accounts/password/reset/" in message.body


def test_approving_twice_is_an_illegal_transition(demo_users, submit_application):
    application = submit_application()
    application_approve(application=application, decided_by=demo_users["kementerian"])

    with pytest.raises(TransitionError, match="sudah disetujui"):
        application_approve(
            application=application, decided_by=demo_users["kementerian"]
        )
    assert User.objects.filter(email__iexact=application.email).count() == 1


def test_rejecting_an_approved_application_is_an_illegal_transition(
    demo_users, submit_application
):
    application = submit_application()
    application_approve(application=application, decided_by=demo_users["kementerian"])

    with pytest.raises(TransitionError, match="tidak dapat ditolak"):
        application_reject(
            application=application,
            decided_by=demo_users["kementerian"],
            reason="Salah kantor",
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_approving_a_rejected_application_is_an_illegal_transition(
    demo_users, submit_application
):
    application = submit_application()
    application_reject(
        application=application, decided_by=demo_users["kementerian"], reason="Surat"
    )

    with pytest.raises(TransitionError, match="tidak dapat disetujui"):
        application_approve(
            application=application, decided_by=demo_users["kementerian"]
        )
    assert not User.objects.filter(email__iexact=application.email).exists()


def test_reject_requires_a_reason(demo_users, submit_application):
    application = submit_application()

    with pytest.raises(ValidationError) as exc_info:
        application_reject(
            application=application, decided_by=demo_users["kementerian"], reason="  "
        )

    assert exc_info.value.message_dict["reason"] == ["Alasan penolakan wajib diisi."]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_reject_records_reason_and_emails_applicant(
    demo_users, submit_application, mailoutbox, django_capture_on_commit_callbacks
):
    application = submit_application()
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        application_reject(
            application=application,
            decided_by=demo_users["kementerian"],
            reason="Surat permohonan belum ditandatangani kepala dinas.",
        )

    assert application.status == ApplicationStatus.REJECTED
    assert application.reason == "Surat permohonan belum ditandatangani kepala dinas."
    [message] = mailoutbox
    assert message.to == [application.email]
    assert "ditolak" in message.subject
    assert "belum ditandatangani kepala dinas" in message.body


def test_approve_refuses_email_that_already_has_an_account(
    demo_users, submit_application
):
    UserFactory(email="dewi.lestari@malangkab.go.id")
    application = submit_application()

    with pytest.raises(ValidationError, match="Sudah ada akun"):
        application_approve(
            application=application, decided_by=demo_users["kementerian"]
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


@pytest.mark.parametrize("username", ["prov-jatim", "kab-malang", "kl-demo"])
def test_only_the_ministry_may_decide(demo_users, submit_application, username):
    application = submit_application()

    with pytest.raises(PermissionDenied):
        application_approve(application=application, decided_by=demo_users[username])
    with pytest.raises(PermissionDenied):
        application_reject(
            application=application, decided_by=demo_users[username], reason="x"
        )


def test_database_refuses_to_delete_an_application(submit_application):
    application = submit_application()

    with pytest.raises(DatabaseError), transaction.atomic():
        application.delete()
    assert SiteAdminApplication.objects.filter(pk=application.pk).exists()


def test_approval_is_in_the_audit_trail_with_the_acting_user(
    demo_users, submit_application
):
    application = submit_application()
    ministry = demo_users["kementerian"]

    application_approve(application=application, decided_by=ministry)

    events = list(Events.objects.tracks(application).order_by("pgh_id"))
    assert [e.pgh_label for e in events] == ["insert", "update"]
    approval = events[-1]
    assert approval.pgh_diff["status"] == ["submitted", "approved"]
    assert approval.pgh_context["user"] == ministry.pk

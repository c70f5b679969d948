import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection

from kimportal.core.errors import TransitionError
from registry.tests.factories import PDF_BYTES, VerifiedKimFactory

from ...choices_events import CheckInMethod, EventStatus, Rsvp
from ...models import Attendance, Event, Invitation
from ...services.attendance import attendance_record
from ...services.events import event_create, event_finish, speaker_add
from ...services.invitations import (
    invitation_add_person,
    invitation_rsvp,
    invitations_send,
)
from .conftest import event_data, make_kim_user

pytestmark = pytest.mark.django_db


def test_event_is_held_by_the_officers_region(event):
    assert event.held_by_id == "35.07"
    assert event.status == EventStatus.PLANNED


def test_event_needs_a_venue_and_ordered_dates(officer):
    with pytest.raises(ValidationError) as exc:
        event_create(actor=officer, data=event_data(venue_address=""))
    assert "venue_address" in exc.value.message_dict
    with pytest.raises(ValidationError):
        event_create(
            actor=officer,
            data=event_data(ends_on=datetime.date(2020, 1, 1)),
        )


def test_kim_member_cannot_create_event(malang_kim, demo_users):
    with pytest.raises(PermissionDenied):
        event_create(actor=make_kim_user(malang_kim), data=event_data())


def test_invitations_only_reach_kim_in_the_officers_scope(
    event, officer, malang_kim, kota_kim
):
    with pytest.raises(ValidationError):
        invitations_send(actor=officer, event=event, kim_ids=[kota_kim.pk])
    assert invitations_send(actor=officer, event=event, kim_ids=[malang_kim.pk]) == 1
    # Inviting again adds nothing.
    assert invitations_send(actor=officer, event=event, kim_ids=[malang_kim.pk]) == 0
    invitation = Invitation.objects.get(event=event, kim=malang_kim)
    assert invitation.role == "peserta" and len(invitation.code) >= 20


def test_another_office_cannot_invite_to_the_event(event, demo_users, malang_kim):
    with pytest.raises(PermissionDenied):
        invitations_send(
            actor=demo_users["kota-malang"], event=event, kim_ids=[malang_kim.pk]
        )


def test_kim_answers_its_own_invitation_only(event, officer, malang_kim, demo_users):
    invitations_send(actor=officer, event=event, kim_ids=[malang_kim.pk])
    invitation = Invitation.objects.get(kim=malang_kim)
    user = make_kim_user(malang_kim)
    invitation_rsvp(actor=user, invitation=invitation, attending=True)
    invitation.refresh_from_db()
    assert invitation.rsvp == Rsvp.YES and invitation.rsvp_at is not None
    other = make_kim_user(VerifiedKimFactory(), username="kim-lain")
    with pytest.raises(PermissionDenied):
        invitation_rsvp(actor=other, invitation=invitation, attending=False)


def test_speaker_gets_an_invitation_and_cv_must_be_pdf(event, officer):
    with pytest.raises(ValidationError):
        speaker_add(
            actor=officer,
            event=event,
            data={"name": "Dr. Sari", "competence": "Jurnalistik"},
            cv_file=SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 not a pdf"),
        )
    speaker = speaker_add(
        actor=officer,
        event=event,
        data={"name": "Dr. Sari", "competence": "Jurnalistik"},
        cv_file=SimpleUploadedFile("cv.pdf", PDF_BYTES),
    )
    assert speaker.cv.name.startswith("collaboration/cv/")
    assert speaker.invitation.role == "narasumber"


def test_check_in_twice_the_same_day_is_one_row(event, officer):
    person = invitation_add_person(
        actor=officer, event=event, name="Budi", role="peserta"
    )
    first = attendance_record(actor=officer, event=event, code=person.code)
    again = attendance_record(actor=officer, event=event, code=person.code)
    assert first.created and not again.created
    assert again.attendance.pk == first.attendance.pk
    assert Attendance.objects.filter(invitation=person).count() == 1


def test_database_refuses_a_second_row_per_day(event, officer):
    person = invitation_add_person(
        actor=officer, event=event, name="Budi", role="peserta"
    )
    check_in = attendance_record(actor=officer, event=event, code=person.code)
    with pytest.raises(IntegrityError):
        Attendance.objects.create(
            event=event,
            invitation=person,
            day=check_in.attendance.day,
            checked_in_at=check_in.attendance.checked_in_at,
            method=CheckInMethod.LIST,
            recorded_by=officer,
        )


def test_multi_day_event_keeps_a_list_per_day(event, officer):
    person = invitation_add_person(
        actor=officer, event=event, name="Budi", role="peserta"
    )
    today = attendance_record(actor=officer, event=event, code=person.code)
    # A scan queued offline yesterday evening is kept on its own day... but this event
    # starts today, so a scan dated yesterday is outside it.
    yesterday = today.attendance.checked_in_at - datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        attendance_record(
            actor=officer, event=event, code=person.code, scanned_at=yesterday
        )
    Event.objects.filter(pk=event.pk).update(
        starts_on=event.starts_on - datetime.timedelta(days=1)
    )
    event.refresh_from_db()
    queued = attendance_record(
        actor=officer,
        event=event,
        code=person.code,
        scanned_at=yesterday,
        method=CheckInMethod.OFFLINE,
    )
    assert queued.created and queued.attendance.method == "offline"
    assert sorted(
        Attendance.objects.filter(invitation=person).values_list("day", flat=True)
    ) == [event.starts_on, event.starts_on + datetime.timedelta(days=1)]


def test_unknown_or_foreign_code_is_refused(event, officer):
    other = event_create(actor=officer, data=event_data(title="Lain"))
    person = invitation_add_person(
        actor=officer, event=other, name="Budi", role="peserta"
    )
    with pytest.raises(ValidationError):
        attendance_record(actor=officer, event=event, code=person.code)
    with pytest.raises(ValidationError):
        attendance_record(actor=officer, event=event, code="x" * 40)


def test_attendance_rows_cannot_be_deleted(event, officer):
    person = invitation_add_person(
        actor=officer, event=event, name="Budi", role="peserta"
    )
    attendance_record(actor=officer, event=event, code=person.code)
    with pytest.raises(Exception, match="protect|Cannot delete"):
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM collaboration_attendance")


def test_finished_event_refuses_new_invitations(event, officer):
    event_finish(actor=officer, event=event)
    with pytest.raises(TransitionError):
        invitation_add_person(actor=officer, event=event, name="X", role="peserta")

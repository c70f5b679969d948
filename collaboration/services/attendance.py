"""Check-in by the personal code (scanned or typed) or by ticking the list.

Idempotent by construction: the unique constraint on (invitation, day) refuses a
second row, so a duplicate scan, or a phone replaying its offline queue, changes
nothing and says so.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kimportal.core.access import guard
from kimportal.core.dates import JAKARTA

from ..choices_events import CheckInMethod
from ..models import Attendance, Event, Invitation

CODE_MAX_LENGTH = 32
# A scan kept offline is accepted if it was made at most this long ago (a phone that
# was offline for a whole day still delivers; a forged old timestamp does not).
OFFLINE_MAX_AGE = datetime.timedelta(days=3)


@dataclass(frozen=True)
class CheckIn:
    attendance: Attendance
    created: bool

    @property
    def invitation(self) -> Invitation:
        return self.attendance.invitation


def _moment(scanned_at: datetime.datetime | None, method: str) -> datetime.datetime:
    now = timezone.now()
    if scanned_at is None:
        return now
    if timezone.is_naive(scanned_at):
        scanned_at = timezone.make_aware(scanned_at, JAKARTA)
    # A ticked list may be typed in from the paper daftar hadir after the event; a
    # scan carries the phone's clock and must be recent.
    too_old = method != CheckInMethod.LIST and scanned_at < now - OFFLINE_MAX_AGE
    if scanned_at > now + datetime.timedelta(minutes=5) or too_old:
        raise ValidationError({"scanned_at": _("Waktu pindai tidak masuk akal.")})
    return scanned_at


@transaction.atomic
def attendance_record(
    *,
    actor,
    event: Event,
    code: str,
    method: str = CheckInMethod.SCAN,
    scanned_at: datetime.datetime | None = None,
) -> CheckIn:
    """Record that the holder of `code` came on the day of `scanned_at` (now when not
    given). An unknown code, or one of another event, is a ValidationError."""
    guard(actor, "collaboration.check_in", event)
    code = (code or "").strip()
    invitation = (
        Invitation.objects.filter(event=event, code=code).select_related("kim").first()
        if 0 < len(code) <= CODE_MAX_LENGTH
        else None
    )
    if invitation is None:
        raise ValidationError({"code": _("Kode tidak dikenal untuk kegiatan ini.")})
    method = method if method in CheckInMethod.values else CheckInMethod.SCAN
    moment = _moment(scanned_at, method)
    day = moment.astimezone(JAKARTA).date()
    if not event.starts_on <= day <= event.ends_on:
        raise ValidationError({"code": _("Hari ini bukan hari pelaksanaan kegiatan.")})
    row = Attendance(
        event=event,
        invitation=invitation,
        day=day,
        checked_in_at=moment,
        method=method,
        recorded_by=actor,
    )
    try:
        # The savepoint keeps the outer transaction usable when the unique
        # constraint refuses a second scan of the day.
        with transaction.atomic():
            row.save()
    except IntegrityError:
        row = Attendance.objects.select_related("invitation__kim").get(
            invitation=invitation, day=day
        )
        return CheckIn(attendance=row, created=False)
    return CheckIn(attendance=row, created=True)

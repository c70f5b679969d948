"""Certificates: issued to everyone who attended (and to speakers who confirmed), each
with an unguessable code; revoked with a reason, never deleted."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kimportal.core.access import guard
from kimportal.core.locking import lock_row

from ..choices_events import InviteeRole, Rsvp
from ..models import Attendance, Certificate, Event, Invitation
from .events import new_code


def event_dates_label(event: Event) -> str:
    start = formats.date_format(event.starts_on, "j F Y")
    if event.ends_on == event.starts_on:
        return start
    return f"{start} – {formats.date_format(event.ends_on, 'j F Y')}"


@transaction.atomic
def certificates_issue(*, actor, event: Event) -> int:
    """A certificate for each attendee and each confirmed speaker who has none yet;
    returns how many were issued. Numbers run per event."""
    event = lock_row(Event, event)
    guard(actor, "collaboration.issue_certificates", event)
    attended = Attendance.objects.filter(invitation=OuterRef("pk"))
    holders = (
        Invitation.objects.filter(event=event, certificate__isnull=True)
        .filter(Q(Exists(attended)) | Q(role=InviteeRole.SPEAKER, rsvp=Rsvp.YES))
        .order_by("role", "name", "id")
    )
    count = Certificate.objects.filter(event=event).count()
    dates = event_dates_label(event)
    year = event.starts_on.year
    issued = []
    for invitation in holders:
        count += 1
        issued.append(
            Certificate(
                invitation=invitation,
                event=event,
                code=new_code(),
                number=f"{event.pk}/{count:04d}/{year}",
                holder_name=invitation.name,
                role=invitation.get_role_display(),
                event_title=event.title,
                event_dates=dates,
                office_name=event.office_name,
                issued_by=actor,
            )
        )
    Certificate.objects.bulk_create(issued)
    return len(issued)


@transaction.atomic
def certificate_revoke(*, actor, certificate: Certificate, reason: str) -> Certificate:
    """Revoke with a reason: the public page then says the certificate is revoked."""
    certificate = lock_row(Certificate, certificate)
    guard(actor, "collaboration.revoke_certificate", certificate.event)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Alasan pencabutan wajib diisi.")})
    if certificate.revoked_at is not None:
        raise ValidationError({"reason": _("Sertifikat ini sudah dicabut.")})
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason[:250]
    certificate.save(update_fields=["revoked_at", "revoked_reason"])
    return certificate

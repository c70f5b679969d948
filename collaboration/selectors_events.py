"""Reads of events, invitations, attendance and certificates, all through the scoping
rule (the public certificate lookup is the one exception: its key is the code)."""

from __future__ import annotations

import datetime

from django.db.models import Avg, Count, Q, QuerySet

from kimportal.core.contributions import kim_id_of
from kimportal.core.dates import today_in_jakarta
from kimportal.core.scoping import get_scoped_or_404, scoped

from .choices_events import EventStatus, InviteeRole
from .models import Attendance, Certificate, Evaluation, Event, Invitation
from .services.evaluations import SCORES


def event_list(*, user, status: str | None = None) -> QuerySet[Event]:
    events = scoped(Event.objects.all(), user).distinct()
    if status in EventStatus.values:
        events = events.filter(status=status)
    return events.annotate(
        invited=Count("invitations", distinct=True),
        present=Count("attendance__invitation", distinct=True),
    ).order_by("-starts_on", "-id")


def event_get(*, user, pk: int) -> Event:
    return get_scoped_or_404(Event.objects.all(), user, pk=pk)


def event_invitations(*, event: Event) -> QuerySet[Invitation]:
    """Everyone invited, with the days each was present (the caller got `event`
    through the scoping rule)."""
    return (
        Invitation.objects.filter(event=event)
        .select_related("kim", "speaker")
        .annotate(days_present=Count("attendance"))
        .order_by("role", "name", "id")
    )


def attendance_rows(*, event: Event, day: datetime.date | None = None) -> QuerySet:
    """The daftar hadir: one row per person per day, in the order they came."""
    rows = Attendance.objects.filter(event=event).select_related("invitation__kim")
    if day is not None:
        rows = rows.filter(day=day)
    return rows.order_by("day", "checked_in_at", "id")


def invitation_of_kim(*, user, pk: int) -> Invitation:
    """One invitation of the user's KIM (404 otherwise)."""
    return get_scoped_or_404(
        Invitation.objects.select_related("event").filter(kim__isnull=False),
        user,
        pk=pk,
    )


def kim_invitations(*, user) -> dict:
    """The KIM home panel: upcoming invitations (with the QR) and certificates."""
    kim_id = kim_id_of(user)
    if kim_id is None:
        return {"upcoming": [], "certificates": []}
    today = today_in_jakarta()
    upcoming = list(
        Invitation.objects.filter(
            kim_id=kim_id,
            event__ends_on__gte=today,
            event__status=EventStatus.PLANNED,
        )
        .select_related("event")
        .order_by("event__starts_on")[:10]
    )
    certificates = list(
        Certificate.objects.filter(
            invitation__kim_id=kim_id, revoked_at__isnull=True
        ).order_by("-issued_at")[:10]
    )
    return {"upcoming": upcoming, "certificates": certificates}


def kim_event_invitations(*, user) -> QuerySet[Invitation]:
    return (
        scoped(Invitation.objects.all(), user)
        .filter(kim__isnull=False)
        .select_related("event")
        .order_by("-event__starts_on", "-id")
    )


def certificate_list(*, user) -> QuerySet[Certificate]:
    return scoped(Certificate.objects.all(), user).order_by("-issued_at", "-id")


def certificate_get(*, user, pk: int) -> Certificate:
    return get_scoped_or_404(Certificate.objects.all(), user, pk=pk)


def certificate_public(*, code: str):
    """The certificate of a verification code — of an event or of an award (both print
    the same page's address) — or None (unknown or malformed)."""
    if not code or len(code) > 32:
        return None
    from .selectors_awards import award_certificate_public

    return Certificate.objects.filter(code=code).first() or award_certificate_public(
        code=code
    )


def evaluation_summary(*, event: Event) -> dict:
    """Averages per aspect, the number of answers and the suggestions."""
    rows = Evaluation.objects.filter(event=event)
    averages = rows.aggregate(n=Count("id"), **{s: Avg(s) for s in SCORES})
    return {
        "count": averages.pop("n"),
        "averages": averages,
        "suggestions": list(
            rows.exclude(suggestion="").values_list("suggestion", flat=True)[:50]
        ),
    }


def event_counts(*, event: Event) -> dict:
    invitations = Invitation.objects.filter(event=event)
    return invitations.aggregate(
        invited=Count("id"),
        kims=Count("id", filter=Q(kim__isnull=False)),
        speakers=Count("id", filter=Q(role=InviteeRole.SPEAKER)),
        confirmed=Count("id", filter=Q(rsvp="yes")),
        present=Count("id", filter=Q(attendance__isnull=False), distinct=True),
    )


def staff_upcoming_events(*, user) -> dict:
    """The staff home panel: the next events in scope."""
    events = (
        scoped(Event.objects.all(), user)
        .filter(status=EventStatus.PLANNED, ends_on__gte=today_in_jakarta())
        .order_by("starts_on", "id")[:5]
    )
    return {"events": list(events)}

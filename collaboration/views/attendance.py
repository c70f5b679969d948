"""Check-in: the phone scan page (camera or typed code), the JSON endpoint it posts to
(also replaying its offline queue), ticking the list, and the daftar hadir PDF."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kimportal.core.access import actor_may
from kimportal.core.dates import today_in_jakarta
from kimportal.core.errors import TransitionError
from kimportal.core.exports import pdf_response
from kimportal.security.exports import record_export

from ..choices_events import CheckInMethod
from ..pdf import attendance_pdf
from ..selectors_events import attendance_rows, event_get
from ..services.attendance import attendance_record
from .event_common import error_messages, staff_events_view


@staff_events_view
def scan_view(request, pk: int):
    event = event_get(user=request.user, pk=pk)
    # Only the holding office checks people in; others may read the lists.
    if not actor_may(request.user, "collaboration.check_in", event):
        raise PermissionDenied
    return render(
        request,
        "collaboration/events/scan.html",
        {"event": event, "today": today_in_jakarta()},
    )


def _scanned_at(value: str | None) -> datetime.datetime | None:
    if not value:
        return None
    moment = parse_datetime(value)
    if moment is None:
        raise ValidationError({"scanned_at": _("Waktu pindai tidak dikenali.")})
    return moment


@staff_events_view
@require_POST
def check_in_view(request, pk: int):
    """One check-in by code. Answers JSON for the scan page's script (200 whether new
    or already recorded, 400 for an unknown code), or redirects back without script."""
    event = event_get(user=request.user, pk=pk)
    wants_json = "application/json" in request.headers.get("Accept", "")
    queued = request.POST.get("queued") == "1"
    try:
        check_in = attendance_record(
            actor=request.user,
            event=event,
            code=request.POST.get("code", ""),
            method=CheckInMethod.OFFLINE if queued else CheckInMethod.SCAN,
            scanned_at=_scanned_at(request.POST.get("scanned_at")),
        )
    except (ValidationError, TransitionError) as exc:
        text = " ".join(error_messages(exc))
        if wants_json:
            return JsonResponse({"ok": False, "message": text}, status=400)
        messages.error(request, text)
        return redirect(reverse("collaboration:event-scan", args=[event.pk]))
    invitation = check_in.invitation
    who = invitation.name + (
        f" ({invitation.kim.name})"
        if invitation.kim_id and invitation.kim.name != invitation.name
        else ""
    )
    text = (
        _("%(who)s tercatat hadir.")
        if check_in.created
        else _("%(who)s sudah tercatat hadir hari ini.")
    ) % {"who": who}
    if wants_json:
        return JsonResponse(
            {
                "ok": True,
                "created": check_in.created,
                "name": invitation.name,
                "role": invitation.get_role_display(),
                "day": check_in.attendance.day.isoformat(),
                "message": text,
            }
        )
    messages.success(request, text)
    return redirect(reverse("collaboration:event-scan", args=[event.pk]))


@staff_events_view
@require_POST
def tick_view(request, pk: int):
    """Tick one invited person on today's list (no QR at hand)."""
    event = event_get(user=request.user, pk=pk)
    invitation = event.invitations.filter(pk=request.POST.get("invitation")).first()
    if invitation is None:
        raise Http404
    try:
        check_in = attendance_record(
            actor=request.user,
            event=event,
            code=invitation.code,
            method=CheckInMethod.LIST,
        )
    except (ValidationError, TransitionError) as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    else:
        if check_in.created:
            messages.success(
                request, _("%(n)s tercatat hadir.") % {"n": invitation.name}
            )
    return redirect(reverse("collaboration:event-detail", args=[event.pk]) + "#hadir")


@staff_events_view
def attendance_pdf_view(request, pk: int):
    event = event_get(user=request.user, pk=pk)
    day = parse_date(request.GET.get("day") or "")
    if day is not None and day not in event.days:
        raise Http404
    record_export(
        request,
        name="attendance",
        fmt="pdf",
        rows=attendance_rows(event=event, day=day).count(),
    )
    name = slugify(f"daftar-hadir-{event.title}-{day or 'semua'}")[:80]
    return pdf_response(attendance_pdf(event, day), filename=name)

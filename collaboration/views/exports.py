"""Exports of collaboration's lists (CSV / XLSX, streamed): the events, one event's
daftar hadir, the campaigns and the capacity needs. Each reads through the app's
selectors (the scoping rule: out of scope is 404), applies the list page's filters,
and is recorded in the security log (`record_export`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.dateparse import parse_date
from django.views.decorators.http import require_GET

from kimportal.core.scoping import code_in_scope
from kimportal.security.exports import record_export
from registry.selectors import kim_own_get

from ..exports import (
    EXPORT_FORMATS,
    attendance_export_response,
    campaign_export_response,
    event_export_response,
    need_export_response,
)
from ..selectors_campaigns import campaign_list
from ..selectors_events import attendance_rows, event_get, event_list
from ..selectors_needs import capacity_need_list
from .event_common import staff_events_view


def _format(fmt: str) -> str:
    if fmt not in EXPORT_FORMATS:
        raise Http404
    return fmt


@staff_events_view
@require_GET
def event_export_view(request, fmt: str):
    events = event_list(user=request.user, status=request.GET.get("status"))
    record_export(request, name="events", fmt=_format(fmt), rows=events.count())
    return event_export_response(events, fmt)


@staff_events_view
@require_GET
def attendance_export_view(request, pk: int, fmt: str):
    """The daftar hadir of one event (one day with `?day=`), as the PDF lists it."""
    event = event_get(user=request.user, pk=pk)
    day = parse_date(request.GET.get("day") or "")
    if request.GET.get("day") and (day is None or day not in event.days):
        raise Http404
    rows = attendance_rows(event=event, day=day)
    record_export(request, name="attendance", fmt=_format(fmt), rows=rows.count())
    return attendance_export_response(event, rows, fmt)


@login_required
@require_GET
def campaign_export_view(request, fmt: str):
    if not request.user.has_perm("collaboration.view_campaigns"):
        raise Http404
    campaigns = campaign_list(
        user=request.user, filters={"state": request.GET.get("state") or ""}
    )
    record_export(request, name="campaigns", fmt=_format(fmt), rows=campaigns.count())
    return campaign_export_response(campaigns, fmt)


@login_required
@require_GET
def need_export_view(request, fmt: str):
    """Staff: each KIM's latest filing in their scope (or `?region=`); a KIM: its own
    filings."""
    user = request.user
    if not user.has_perm("collaboration.view_capacity_needs"):
        raise Http404
    if user.is_kim:
        needs = capacity_need_list(user=user, kim_id=kim_own_get(user=user).pk)
    else:
        region = (request.GET.get("region") or "").replace("\x00", "").strip()[:13]
        if region and not code_in_scope(user, region):
            raise Http404
        needs = capacity_need_list(user=user, latest_only=True, region=region)
    record_export(request, name="capacity-needs", fmt=_format(fmt), rows=needs.count())
    return need_export_response(needs, fmt)

"""Effectiveness pages (Tabel 5.1): the dashboard of a region and period, its exports,
and the loop of one material. Staff only; a region outside the user's scope is a 404,
and so are these pages for KIM and agencies (for them they do not exist)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kimportal.core.charts import FunnelStep, funnel_chart
from kimportal.core.exports import FORMATS as EXPORT_FORMATS
from kimportal.core.exports import export_response
from kimportal.security.exports import record_export

from ..dashboard_effectiveness import TABLES, charts, dashboard_data, table
from ..periods_effectiveness import PeriodError, parse_period
from ..selectors import material_delivery_counts, material_get
from ..selectors_effectiveness import (
    RegionError,
    effectiveness_region,
    material_effectiveness,
    may_view_effectiveness,
)
from ..selectors_outtakes import engagement_definitions


def _region_and_period(request):
    """(region, period, error message): bad input gives a message, not an exception."""
    try:
        region = effectiveness_region(user=request.user, code=request.GET.get("region"))
    except PermissionDenied as exc:
        raise Http404 from exc
    except RegionError as exc:
        return None, None, str(exc)
    try:
        period = parse_period(request.GET.get("period"))
    except PeriodError as exc:
        return region, None, str(exc)
    return region, period, None


def _query(region, period, **extra) -> str:
    return urlencode({"region": region.code or "id", "period": period.key, **extra})


@login_required
@require_GET
def effectiveness_view(request):
    """The dashboard: output, outtakes, outcome, trend, ranking and shares."""
    region, period, error = _region_and_period(request)
    if error:
        return render(
            request,
            "monitoring/effectiveness.html",
            {"error": error, "region": region},
            status=400,
        )
    data = dashboard_data(user=request.user, region=region, period=period)
    parent = None
    if region.parent_code is not None and may_view_effectiveness(request.user):
        try:
            parent = effectiveness_region(
                user=request.user, code=region.parent_code or "id"
            )
        except Http404:
            parent = None
    base = reverse("monitoring:effectiveness")
    drawn = charts(data, period=period)
    return render(
        request,
        "monitoring/effectiveness.html",
        {
            "region": region,
            "period": period,
            "data": data,
            "charts": [(name, drawn[name]) for name in TABLES],
            "parent_url": f"{base}?{_query(parent, period)}" if parent else None,
            "parent": parent,
            "export_query": _query(region, period),
            "engagement_definitions": engagement_definitions(),
        },
    )


@login_required
@require_GET
def effectiveness_export_view(request, fmt: str):
    """One of the dashboard's tables (`?table=trend|ranking|medium|platform`) as CSV
    (streamed) or XLSX."""
    name = request.GET.get("table", "trend")
    if fmt not in EXPORT_FORMATS or name not in TABLES:
        raise Http404
    region, period, error = _region_and_period(request)
    if error:
        return render(
            request, "monitoring/effectiveness.html", {"error": error}, status=400
        )
    data = dashboard_data(user=request.user, region=region, period=period)
    title, headers, rows = table(name, data)
    all_rows = [[title, region.name, period.label], headers, *rows]
    record_export(request, name=f"effectiveness-{name}", fmt=fmt, rows=len(rows))
    filename = f"efektivitas-{name}-{region.code or 'nasional'}-{period.key}"
    return export_response(fmt, filename=filename, rows=all_rows, title=name)


@login_required
@require_GET
def material_effectiveness_view(request, pk: int):
    """The loop of one material in the user's scope: targeted → delivered → opened →
    reported → validated → clicks → outtakes → survey."""
    if not may_view_effectiveness(request.user):
        raise Http404
    material = material_get(user=request.user, pk=pk)
    counts = material_delivery_counts(user=request.user, material=material)
    loop = material_effectiveness(
        user=request.user, material=material, delivery_counts=counts
    )
    outcome = loop["outcome"]
    funnel = funnel_chart(
        title=_("Perjalanan bahan"),
        steps=[
            FunnelStep(_("Ditargetkan"), loop["targeted"]),
            FunnelStep(_("Terkirim"), loop["delivered"]),
            FunnelStep(_("Dibuka"), loop["opened"]),
            FunnelStep(_("Dilaporkan"), loop["reported"]),
            FunnelStep(_("Tervalidasi"), loop["validated_kims"]),
            FunnelStep(_("Klik tautan"), loop["link_clicks"], relative=False),
            FunnelStep(
                _("Outtakes (tayangan)"),
                (loop["outtakes"] or {}).get("views"),
                relative=False,
            ),
            FunnelStep(_("Jawaban survei"), outcome["answers"], relative=False),
        ],
        key="material-loop",
    )
    return render(
        request,
        "monitoring/material_effectiveness.html",
        {
            "material": material,
            "loop": loop,
            "outcome": outcome,
            "funnel": funnel,
            "engagement_definitions": engagement_definitions(),
        },
    )

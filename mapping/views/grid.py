"""The mapping grid page: interest × power and interest × influence for one period,
with arrows from the previous period, the KIM per quadrant and a table alternative."""

from django.shortcuts import render
from django.urls import reverse

from ..grid import MAX_POINTS, grid_svg
from ..selectors import (
    approach_counts,
    grid_points,
    points_by_approach,
    regency_choices,
)
from .common import selection_from, staff_view


def grid_context(request, selection) -> dict:
    points = grid_points(
        user=request.user,
        period=selection.period,
        regency_code=selection.regency_code,
        limit=MAX_POINTS,
    )
    counts = approach_counts(
        user=request.user, period=selection.period, regency_code=selection.regency_code
    )

    def link(point):
        return reverse("mapping:assessment-detail", args=[point["assessment_id"]])

    thresholds = selection.thresholds()
    return {
        "selection": selection,
        "points": points,
        "groups": points_by_approach(points, counts),
        "total": sum(counts.values()),
        "without_data": [
            p for p in points if p["interest"] is None or p["power"] is None
        ],
        "svg_power": grid_svg(
            points, y_dimension="power", thresholds=thresholds, link_for=link
        ),
        "svg_influence": grid_svg(
            points, y_dimension="influence", thresholds=thresholds, link_for=link
        ),
        "truncated": sum(counts.values()) > len(points),
        "max_points": MAX_POINTS,
        "previous_period": selection.period.previous(),
        "next_period": selection.period.next(),
    }


@staff_view
def grid_view(request):
    selection = selection_from(request)
    context = grid_context(request, selection)
    context["regencies"] = regency_choices(user=request.user)
    context["previous_query"] = _query(selection, context["previous_period"].key)
    context["next_query"] = _query(selection, context["next_period"].key)
    return render(request, "mapping/grid.html", context)


def _query(selection, period_key: str) -> str:
    from django.utils.http import urlencode

    params = {"period": period_key}
    if selection.regency:
        params["regency"] = selection.regency.code
    return urlencode(params)

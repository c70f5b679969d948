"""The mapping grid page: interest × power and interest × influence for one period,
with arrows from the previous period, the KIM per quadrant and a table alternative."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kimportal.core.charts import ScatterPoint, scatter_chart

from ..choices import Approach
from ..grid import MAX_POINTS
from ..selectors import (
    approach_counts,
    approach_counts_by_regency,
    grid_points,
    points_by_approach,
    regency_choices,
)
from .common import selection_from, staff_view

# A province or the nation (thousands to 100k KIM) gets an aggregated grid: this many
# dots (prioritised first) with the full counts per quadrant and per kab/kota beside
# it; each kab/kota links to its own grid, which keeps every KIM.
AREA_MAX_POINTS = 300


def grid_context(request, selection) -> dict:
    limit = MAX_POINTS if selection.regency else AREA_MAX_POINTS
    points = grid_points(
        user=request.user,
        period=selection.period,
        regency_code=selection.regency_code,
        limit=limit,
        with_provenance=False,  # the page links each KIM to its assessment instead
    )
    counts = approach_counts(
        user=request.user, period=selection.period, regency_code=selection.regency_code
    )

    thresholds = selection.thresholds()
    return {
        "chart_power": _chart(points, "power", thresholds),
        "chart_influence": _chart(points, "influence", thresholds),
        "selection": selection,
        "points": points,
        "groups": points_by_approach(points, counts),
        "total": sum(counts.values()),
        "without_data": [
            p for p in points if p["interest"] is None or p["power"] is None
        ],
        "truncated": sum(counts.values()) > len(points),
        "max_points": limit,
        "by_regency": (
            None
            if selection.regency
            else approach_counts_by_regency(user=request.user, period=selection.period)
        ),
        "approach_labels": [label for _value, label in Approach.choices],
        "previous_period": selection.period.previous(),
        "next_period": selection.period.next(),
    }


# The core scatter grid names its quadrants by x (interest) then y high/low.
QUADRANT_LABELS = {
    "hh": Approach.PARTNER.label,
    "lh": Approach.PERSUADE.label,
    "hl": Approach.DEVELOP.label,
    "ll": Approach.MONITOR.label,
}


def _chart(points, y_dimension: str, thresholds: dict):
    """The page's grid through the core charts (server SVG + table); KIM without a
    score on either axis are listed beside it instead."""
    y_title = _("Kekuatan") if y_dimension == "power" else _("Pengaruh")
    # One reverse() for the page, not one per dot.
    detail_base = reverse("mapping:assessment-detail", args=[0]).removesuffix("0/")
    drawn = []
    for point in points:
        if point["interest"] is None or point[y_dimension] is None:
            continue
        before = point["previous"] or {}
        has_before = (
            before.get("interest") is not None and before.get(y_dimension) is not None
        )
        drawn.append(
            ScatterPoint(
                label=point["name"],
                x=point["interest"],
                y=point[y_dimension],
                from_x=before["interest"] if has_before else None,
                from_y=before[y_dimension] if has_before else None,
                # Each dot is a keyboard-reachable link to the KIM's assessment; the
                # core then draws the SVG as a group of links, not an image.
                href=f"{detail_base}{point['assessment_id']}/",
            )
        )
    return scatter_chart(
        title=_("Ketertarikan × %(y)s") % {"y": y_title.lower()},
        points=drawn,
        x_title=_("Ketertarikan"),
        y_title=y_title,
        x_split=thresholds["interest"],
        y_split=thresholds[y_dimension],
        quadrant_labels={k: str(v) for k, v in QUADRANT_LABELS.items()},
        label_title=_("KIM"),
        max_point_labels=12,
        # The page lists the KIM in one table of its own (#grid-table); each chart's
        # table alternative is its count per quadrant.
        table="quadrants",
        key=f"mapping-{y_dimension}",
    )


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

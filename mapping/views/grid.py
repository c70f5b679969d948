"""The mapping grid page: interest × power and interest × influence for one period,
with arrows from the previous period, the KIM per quadrant and a table alternative."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kimportal.core.charts import ScatterPoint, scatter_chart

from ..choices import Approach
from ..grid import MAX_POINTS
from ..selectors import approach_counts
from ..selectors_grid import (
    approach_counts_by_regency,
    approach_counts_of,
    approach_totals,
    grid_points,
    points_by_approach,
)
from . import grid_markup
from .common import regency_field, selection_from, staff_view

# A province or the nation (thousands to 100k KIM) gets an aggregated grid: this many
# dots (prioritised first) with the full counts per quadrant and per kab/kota beside
# it; each kab/kota links to its own grid, which keeps every KIM.
AREA_MAX_POINTS = 300
# Beside the grid each quadrant names this many KIM (prioritised first) and its full
# count, linking to the paginated table of that quadrant for the rest.
QUADRANT_LIST_SIZE = 20
# The table alternative of a kab/kota's grid, a page at a time (`?page=`).
TABLE_PAGE_SIZE = 100


def grid_context(request, selection) -> dict:
    limit = MAX_POINTS if selection.regency else AREA_MAX_POINTS
    points = grid_points(
        user=request.user,
        period=selection.period,
        regency_code=selection.regency_code,
        limit=limit,
        with_provenance=False,  # the page links each KIM to its assessment instead
    )
    by_regency = None
    if selection.regency is None:
        # The per-kab/kota counts sum to the area's: one scan of the period, not two.
        by_regency = approach_counts_by_regency(
            user=request.user, period=selection.period
        )
        counts = approach_totals(by_regency)
    elif len(points) < limit:
        # Every assessment of the kab/kota is a point: count them here.
        counts = approach_counts_of(points)
    else:
        counts = approach_counts(
            user=request.user,
            period=selection.period,
            regency_code=selection.regency_code,
        )
    total = sum(counts.values())
    thresholds = selection.thresholds()
    # One reverse() for the page, not one per KIM.
    detail_base = reverse("mapping:assessment-detail", args=[0]).removesuffix("0/")
    list_base = reverse("mapping:assessment-list")
    groups = points_by_approach(points, counts)
    for group in groups:
        group["items"] = grid_markup.quadrant_items(
            group["points"][:QUADRANT_LIST_SIZE], detail_base
        )
        group["shown"] = min(len(group["points"]), QUADRANT_LIST_SIZE)
        group["all_url"] = f"{list_base}?{selection.query(approach=group['approach'])}"
    context = {
        "chart_power": _chart(points, "power", thresholds, detail_base),
        "chart_influence": _chart(points, "influence", thresholds, detail_base),
        "selection": selection,
        "groups": groups,
        "total": total,
        "truncated": total > len(points),
        "max_points": limit,
        "by_regency": by_regency,
        "by_regency_rows": (
            grid_markup.regency_rows(by_regency, selection.period.key)
            if by_regency
            else ""
        ),
        "approach_labels": [label for _value, label in Approach.choices],
        "previous_period": selection.period.previous(),
        "next_period": selection.period.next(),
    }
    if selection.regency is not None:
        table = Paginator(points, TABLE_PAGE_SIZE).get_page(request.GET.get("page"))
        context["table_page"] = table
        context["table_rows"] = grid_markup.table_rows(table.object_list, detail_base)
        context["table_open"] = "page" in request.GET
        context["page_query"] = selection.query()
    return context


# The core scatter grid names its quadrants by x (interest) then y high/low.
QUADRANT_LABELS = {
    "hh": Approach.PARTNER.label,
    "lh": Approach.PERSUADE.label,
    "hl": Approach.DEVELOP.label,
    "ll": Approach.MONITOR.label,
}


def _chart(points, y_dimension: str, thresholds: dict, detail_base: str):
    """The page's grid through the core charts (server SVG + table); KIM without a
    score on either axis are listed beside it instead."""
    y_title = _("Kekuatan") if y_dimension == "power" else _("Pengaruh")
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
    context.update(regency_field(user=request.user, selection=selection))
    context["previous_query"] = _query(selection, context["previous_period"].key)
    context["next_query"] = _query(selection, context["next_period"].key)
    return render(request, "mapping/grid.html", context)


def _query(selection, period_key: str) -> str:
    from django.utils.http import urlencode

    params = {"period": period_key}
    if selection.regency:
        params["regency"] = selection.regency.code
    return urlencode(params)

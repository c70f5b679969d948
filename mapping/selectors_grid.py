"""Reads of the grid: one point per assessed KIM, the KIM per quadrant, and the counts
per quadrant of an area. Always through `assessment_list` (the scoping rule).

A kab/kota's grid reads well over a thousand assessments for two periods. The effective
score (the override when set, else the computed one), the effective high/low and the
"overridden" flag are therefore worked out by PostgreSQL, which hands back floats and
booleans: decoding a Decimal per score and the thresholds JSON per row cost more than
the queries themselves.
"""

from __future__ import annotations

from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    Value,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce
from django.db.models.lookups import GreaterThanOrEqual

from kimportal.regions.models import Region

from .choices import Approach
from .computation import DEFAULT_THRESHOLD
from .periods import Period
from .selectors import assessment_list

DIMENSIONS = ("interest", "power", "influence")


def _effective_score(dimension: str):
    """The override when set, else the computed score, as a float (NULL: no data)."""
    return Cast(
        Coalesce(F(f"{dimension}_override"), F(f"{dimension}_score")), FloatField()
    )


def _effective_high(dimension: str):
    """As Assessment.effective_high: the computed flag, or the override against the
    threshold the assessment was computed with (the default when it has none)."""
    threshold = Coalesce(
        Cast(KT(f"thresholds__{dimension}"), FloatField()),
        Value(float(DEFAULT_THRESHOLD)),
    )
    return Case(
        When(**{f"{dimension}_override__isnull": True}, then=F(f"{dimension}_high")),
        default=GreaterThanOrEqual(
            Cast(F(f"{dimension}_override"), FloatField()), threshold
        ),
        output_field=BooleanField(),
    )


_OVERRIDDEN = ExpressionWrapper(
    Q(interest_override__isnull=False)
    | Q(power_override__isnull=False)
    | Q(influence_override__isnull=False),
    output_field=BooleanField(),
)


def _current_rows(queryset, *, with_provenance: bool):
    """Light rows of the current period: named tuples of plain Python values."""
    annotations = {
        **{f"e_{d}": _effective_score(d) for d in DIMENSIONS},
        **{f"h_{d}": _effective_high(d) for d in DIMENSIONS},
        "overridden": _OVERRIDDEN,
    }
    columns = [
        "id",
        "kim_id",
        "kim__name",
        "regency_id",
        "approach",
        "target_approach",
        "is_prioritised",
        "is_involved",
        *annotations,
    ]
    if with_provenance:
        columns.append("provenance")
    return queryset.annotate(**annotations).values_list(*columns, named=True)


def grid_points(
    *,
    user,
    period: Period,
    regency_code: str | None,
    limit: int | None = None,
    prioritised_only: bool = False,
    with_provenance: bool = True,
) -> list[dict[str, Any]]:
    """One point per assessed KIM for the grid: effective scores, quadrants, previous
    period's position, target, priority and provenance ids. Two queries of light rows.
    With `limit`, the prioritised KIM come first and the rest is cut (a national
    grid). Without provenance the JSON column is not even read (an area's grid: each
    point's provenance is on its assessment)."""
    queryset = assessment_list(
        user=user, period=period.key, regency_code=regency_code
    ).select_related(None)
    if prioritised_only:
        queryset = queryset.filter(is_prioritised=True)
    if limit is None:
        queryset = queryset.order_by("regency_id", "kim__name")
    elif regency_code:
        queryset = queryset.order_by("-is_prioritised", "kim__name")
    else:
        # An area's sample follows assessment_period_sample_idx: sorting tens of
        # thousands of rows by KIM name cost more than the rest of the page.
        queryset = queryset.order_by("-is_prioritised", "regency_id", "kim_id")
    rows = _current_rows(queryset, with_provenance=with_provenance)
    current = list(rows[:limit] if limit is not None else rows)

    # The previous period of every KIM of the area, unless the points are a part of
    # it (cut or prioritised only): then of those KIM only.
    partial = prioritised_only or (limit is not None and len(current) >= limit)
    previous = previous_positions(
        user=user,
        period=period,
        regency_code=regency_code,
        kim_ids=[r.kim_id for r in current] if partial else None,
    )

    labels = {value: str(label) for value, label in Approach.choices}
    points = []
    for row in current:
        approach_before, before = previous.get(row.kim_id, (None, None))
        target = row.target_approach or None
        points.append(
            {
                "assessment_id": row.id,
                "kim_id": row.kim_id,
                "name": row.kim__name,
                "regency": row.regency_id,
                "interest": row.e_interest,
                "power": row.e_power,
                "influence": row.e_influence,
                "interest_high": row.h_interest,
                "power_high": row.h_power,
                "influence_high": row.h_influence,
                "approach": row.approach,
                "approach_label": labels[row.approach],
                "target_approach": target,
                "target_label": labels[target] if target else None,
                "is_prioritised": row.is_prioritised,
                "is_involved": row.is_involved,
                "is_overridden": row.overridden,
                "previous": before,
                "previous_approach": approach_before,
                "provenance": row.provenance if with_provenance else None,
            }
        )
    return points


def previous_positions(
    *, user, period: Period, regency_code: str | None, kim_ids: list[int] | None
) -> dict[int, tuple[str, dict[str, float | None]]]:
    """Each KIM's quadrant and effective scores in the period before `period` (of
    `kim_ids` only, when given): one query."""
    rows = (
        assessment_list(
            user=user, period=period.previous().key, regency_code=regency_code
        )
        .select_related(None)
        .order_by()
        .annotate(**{f"e_{d}": _effective_score(d) for d in DIMENSIONS})
        .values_list("kim_id", "approach", *(f"e_{d}" for d in DIMENSIONS))
    )
    if kim_ids is not None:
        rows = rows.filter(kim_id__in=kim_ids)
    return {
        kim_id: (approach, {"interest": i, "power": p, "influence": f})
        for kim_id, approach, i, p, f in rows
    }


def points_by_approach(
    points: list[dict], counts: dict[str, int] | None = None
) -> list[dict[str, Any]]:
    """The KIM listed per quadrant, in the order of Tabel 3.3, with the full count
    (which may exceed the points listed when the grid was cut)."""
    groups: dict[str, list] = {value: [] for value in Approach.values}
    for point in points:
        groups[point["approach"]].append(point)
    return [
        {
            "approach": value,
            "label": Approach(value).label,
            "points": groups[value],
            "count": counts[value] if counts else len(groups[value]),
        }
        for value in Approach.values
    ]


def approach_counts_by_regency(*, user, period: Period) -> list[dict[str, Any]]:
    """Per kab/kota in scope: how many KIM sit in each quadrant, the table beside an
    area's aggregated grid. COUNT(*) without a join is read from
    assessment_period_area_idx alone; the names come in a second, small query."""
    rows = (
        assessment_list(user=user, period=period.key)
        .select_related(None)
        .order_by()
        .values_list("regency_id", "approach")
        .annotate(n=Count("*"))
    )
    approaches = Approach.values  # a property that rebuilds the list on every read
    regencies: dict[str, dict[str, int]] = {}
    for code, approach, n in rows:
        if code not in regencies:
            regencies[code] = dict.fromkeys(approaches, 0)
        regencies[code][approach] = n
    names = dict(
        Region.objects.filter(code__in=list(regencies)).values_list("code", "name")
    )
    result = []
    for code in sorted(regencies):
        cells = [regencies[code][value] for value in approaches]
        result.append(
            {
                "code": code,
                "name": names.get(code, code),
                "counts": regencies[code],
                "cells": cells,
                "total": sum(cells),
            }
        )
    return result


def approach_counts_of(points: list[dict]) -> dict[str, int]:
    """The count per quadrant of `points` that hold every assessment of the area (a
    kab/kota's grid that was not cut): no second query for what is in hand."""
    counts = dict.fromkeys(Approach.values, 0)
    for point in points:
        counts[point["approach"]] += 1
    return counts


def approach_totals(by_regency: list[dict[str, Any]]) -> dict[str, int]:
    """The counts per quadrant of an area, summed from its kab/kota (no second scan
    of the period's rows)."""
    totals = dict.fromkeys(Approach.values, 0)
    for entry in by_regency:
        for value, n in entry["counts"].items():
            totals[value] += n
    return totals

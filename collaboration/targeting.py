"""Which KIM an event invitation or a campaign reaches (guideline §IV.A–B).

One selector for both: the verified KIM in the actor's scope, narrowed by region, type,
field of activity, mapping quadrant and capacity needs, with the KIM the office develops
(*pembinaan*) first. Registry and mapping are read through their selectors only.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from mapping.choices import Approach
from mapping.selectors import latest_approach_of_kim
from registry.choices import KimStatus
from registry.selectors import kim_list

from .models import CapacitySkill

# The order in which quadrants are offered: pembinaan first (those the office builds
# capacity for), then partners, those to persuade, those to watch, and the unassessed.
QUADRANT_ORDER = (
    Approach.DEVELOP,
    Approach.PARTNER,
    Approach.PERSUADE,
    Approach.MONITOR,
)


def _clean(values: Iterable[str] | None) -> list[str]:
    return [v.strip() for v in (values or ()) if v and v.strip()]


def target_kims(
    *,
    actor,
    region_codes: Iterable[str] = (),
    kim_types: Iterable[str] = (),
    fields: Iterable[str] = (),
    quadrants: Iterable[str] = (),
    need_skills: Iterable[str] = (),
) -> QuerySet:
    """The verified registry KIM in `actor`'s scope matching every given filter (each
    empty = no narrowing; values within one filter are alternatives), annotated with
    `quadrant` (the newest assessment's approach, or None) and ordered pembinaan
    first, then by name. One query whatever the number of KIM."""
    region_codes = _clean(region_codes)
    kim_types = _clean(kim_types)
    fields = _clean(fields)
    quadrants = _clean(quadrants)
    need_skills = _clean(need_skills)

    queryset = kim_list(user=actor).filter(status=KimStatus.VERIFIED)
    if region_codes:
        queryset = queryset.filter(
            reduce(or_, (Q(village__code__startswith=code) for code in region_codes))
        )
    if kim_types:
        queryset = queryset.filter(kim_type__in=kim_types)
    if fields:
        queryset = queryset.filter(fields__overlap=fields)
    if need_skills:
        queryset = queryset.filter(
            Exists(
                CapacitySkill.objects.filter(
                    need__kim_id=OuterRef("pk"),
                    need__is_latest=True,
                    is_needed=True,
                    skill__in=need_skills,
                )
            )
        )
    queryset = queryset.annotate(quadrant=latest_approach_of_kim("pk"))
    if quadrants:
        queryset = queryset.filter(quadrant__in=quadrants)
    rank = Case(
        *(
            When(quadrant=value, then=Value(position))
            for position, value in enumerate(QUADRANT_ORDER)
        ),
        default=Value(len(QUADRANT_ORDER)),
        output_field=IntegerField(),
    )
    return queryset.annotate(quadrant_rank=rank).order_by("quadrant_rank", "name", "id")

"""Reads of capacity needs, always through the scoping rule (out of scope → 404)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Substr
from django.http import Http404

from kimportal.core.dates import today_in_jakarta
from kimportal.core.scoping import get_scoped_or_404, scoped
from kimportal.regions.models import Region

from .choices import Skill
from .models import CapacityNeed, CapacitySkill

DISTRICT_CODE_LENGTH = 8
# A KIM is reminded to file again when its latest filing is older than this.
REFILE_AFTER_DAYS = 180


def _with_skills(queryset: QuerySet[CapacityNeed]) -> QuerySet[CapacityNeed]:
    return queryset.select_related(
        "kim", "village__parent", "created_by"
    ).prefetch_related(
        Prefetch("skills", queryset=CapacitySkill.objects.order_by("skill"))
    )


def capacity_need_list(
    *, user, kim_id: int | None = None, latest_only: bool = False, region: str = ""
) -> QuerySet[CapacityNeed]:
    """Filings the user may see, newest first: the KIM's own, or those of the staff's
    scope (only each KIM's latest with `latest_only`, within `region` if given)."""
    if not user.has_perm("collaboration.view_capacity_needs"):
        return CapacityNeed.objects.none()
    queryset = scoped(CapacityNeed.objects.all(), user)
    if kim_id is not None:
        queryset = queryset.filter(kim_id=kim_id)
    if latest_only:
        queryset = queryset.filter(is_latest=True)
    if region:
        queryset = queryset.filter(village__code__startswith=region)
    return _with_skills(queryset).order_by("-filed_on", "-id")


def capacity_need_get(*, user, pk: int) -> CapacityNeed:
    if not user.has_perm("collaboration.view_capacity_needs"):
        raise Http404
    return get_scoped_or_404(_with_skills(CapacityNeed.objects.all()), user, pk=pk)


def capacity_need_is_due(*, user, kim_id: int) -> bool:
    """Whether the KIM has no filing in the last REFILE_AFTER_DAYS days."""
    since = today_in_jakarta() - datetime.timedelta(days=REFILE_AFTER_DAYS)
    return not (
        scoped(CapacityNeed.objects.filter(kim_id=kim_id, filed_on__gte=since), user)
        .order_by()
        .exists()
    )


def needs_summary(*, user, region: str = "") -> dict[str, Any]:
    """The latest filings of the user's scope aggregated per skill and per kecamatan:
    how many KIM need each skill (level at most basic, or training asked for) and their
    average level. Two grouped queries and one for kecamatan names."""
    if not user.has_perm("collaboration.view_needs_summary"):
        return {"filings": 0, "skills": [], "districts": []}
    needs = scoped(CapacityNeed.objects.filter(is_latest=True), user)
    if region:
        needs = needs.filter(village__code__startswith=region)
    filings = needs.order_by().count()
    district = Substr("need__village_id", 1, DISTRICT_CODE_LENGTH)
    rows = (
        CapacitySkill.objects.filter(need__in=needs.values("pk"))
        .order_by()
        .values("skill", district=district)
        .annotate(
            needing=Count("id", filter=Q(is_needed=True)),
            rated=Count("id"),
        )
    )
    labels = dict(Skill.choices)
    per_skill: dict[str, dict[str, int]] = {
        value: {"needing": 0, "rated": 0} for value in Skill.values
    }
    per_district: dict[str, dict[str, int]] = {}
    for row in rows:
        per_skill[row["skill"]]["needing"] += row["needing"]
        per_skill[row["skill"]]["rated"] += row["rated"]
        cells = per_district.setdefault(row["district"], dict.fromkeys(Skill.values, 0))
        cells[row["skill"]] += row["needing"]
    names = dict(
        Region.objects.filter(code__in=list(per_district)).values_list("code", "name")
    )
    return {
        "filings": filings,
        "skills": [
            {
                "skill": value,
                "label": str(labels[value]),
                "needing": per_skill[value]["needing"],
                "rated": per_skill[value]["rated"],
            }
            for value in Skill.values
        ],
        "districts": [
            {
                "code": code,
                "name": names.get(code, code),
                "cells": [cells[value] for value in Skill.values],
                "total": sum(cells.values()),
            }
            for code, cells in sorted(per_district.items())
        ],
    }

"""Per-KIM activity over a period, for mapping's power and influence (SPEC §4.C) and
collaboration's awards.

Counts come from the rollups (`KimMonthRollup`), so they are exactly what the dashboards
show; the report ids come from the report table, as provenance of the numbers. The
caller passes KIM ids it has already read through the scoping rule (an assessment is
made for KIM the officer may see), so this selector does not scope again.

The reach and response figures of social-media snapshots (followers, views, likes,
comments, shares) stay None until the metric snapshots exist.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, Sum

from .models import COUNTED, DisseminationReport
from .models_effectiveness import KimMonthRollup


@dataclass
class KimActivity:
    kim_id: int
    validated_reports: int = 0
    activities: int = 0
    # Reports citing material issued by the KIM's own kab/kota, its province or the
    # ministry: the partnership's own messages.
    reports_on_office_material: int = 0
    content_items: int = 0
    link_clicks: int = 0
    survey_answers: int = 0
    survey_positive_share: float | None = None
    followers: int | None = None
    views: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    report_ids: list[int] = field(default_factory=list)


def _months(
    start: datetime.date, end: datetime.date
) -> tuple[datetime.date, datetime.date]:
    return start.replace(day=1), end.replace(day=1)


def kim_activity(
    *, kim_ids: Iterable[int], start: datetime.date, end: datetime.date
) -> dict[int, KimActivity]:
    """Counted activity of each KIM in the months from `start` to `end` (both dates'
    months included). Every id asked for is in the answer, with zeros if idle."""
    ids = sorted(set(kim_ids))
    result = {kim_id: KimActivity(kim_id=kim_id) for kim_id in ids}
    if not ids:
        return result
    first, last = _months(start, end)
    rows = KimMonthRollup.objects.filter(
        kim_id__in=ids, month__gte=first, month__lte=last
    )
    sums = rows.values("kim_id").annotate(
        reports=Sum("reports"),
        activities=Sum("activities"),
        content=Sum("content_items"),
        clicks=Sum("link_clicks"),
        answers=Sum("survey_answers"),
        positive=Sum("survey_positive"),
    )
    for row in sums:
        activity = result[row["kim_id"]]
        activity.validated_reports = row["reports"]
        activity.activities = row["activities"]
        activity.content_items = row["content"]
        activity.link_clicks = row["clicks"]
        activity.survey_answers = row["answers"]
        if row["answers"]:
            activity.survey_positive_share = row["positive"] / row["answers"]
    # The material's issuer is the ministry (no region) or an office whose region code
    # is a prefix of the KIM's desa code.
    on_material = (
        rows.filter(material__isnull=False, reports__gt=0)
        .values("kim_id", "village_code", "material__issuer_region_id")
        .annotate(n=Sum("reports"))
    )
    for row in on_material:
        issuer = row["material__issuer_region_id"]
        if issuer is None or row["village_code"].startswith(issuer):
            result[row["kim_id"]].reports_on_office_material += row["n"]
    reports = (
        DisseminationReport.objects.filter(COUNTED)
        .filter(Q(kim_id__in=ids), month__gte=first, month__lte=last)
        .order_by("kim_id", "id")
        .values_list("kim_id", "id")
    )
    for kim_id, report_id in reports:
        result[kim_id].report_ids.append(report_id)
    return result

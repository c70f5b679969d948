"""Per-KIM outtakes over a period, for collaboration's awards (SPEC §5 Awards).

Only validated work counts: the content items are those a KIM gave as evidence in its
counted reports (validated, not superseded) of the period's months, each with its
latest metric snapshot on or before the period's last day (the numbers are cumulative,
so that is what the item had reached by then). Followers are the latest channel
snapshot of each of the KIM's channels on or before that day.

Like `kim_activity`, the caller passes KIM ids it has already read through the scoping
rule; this selector does not scope again. Three queries whatever the number of KIM.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Sum

from .models import COUNTED, DisseminationReport, EvidenceLink
from .models_effectiveness import KimMonthRollup
from .models_metrics import ChannelSnapshot, ContentSnapshot

NUMBERS = ("views", "likes", "comments", "shares")


@dataclass
class KimOuttakes:
    kim_id: int
    # None: no snapshot at all (not measured), which is not the same as 0.
    views: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    followers: int | None = None
    items: int = 0
    items_measured: int = 0
    manual: int = 0
    content_snapshot_ids: list[int] = field(default_factory=list)
    channel_snapshot_ids: list[int] = field(default_factory=list)


def kim_outtakes(
    *, kim_ids: Iterable[int], start: datetime.date, end: datetime.date
) -> dict[int, KimOuttakes]:
    """Outtakes of each KIM's validated content in the months of `start`..`end`
    (both included); every id asked for is in the answer."""
    ids = sorted(set(kim_ids))
    result = {kim_id: KimOuttakes(kim_id=kim_id) for kim_id in ids}
    if not ids:
        return result
    first, last_month = start.replace(day=1), end.replace(day=1)
    counted = DisseminationReport.objects.filter(COUNTED).filter(
        kim_id__in=ids, month__gte=first, month__lte=last_month
    )
    pairs = set(
        EvidenceLink.objects.filter(report__in=counted).values_list(
            "report__kim_id", "content_item_id"
        )
    )
    kims_of_item: dict[int, list[int]] = {}
    for kim_id, item_id in pairs:
        kims_of_item.setdefault(item_id, []).append(kim_id)
        result[kim_id].items += 1
    if kims_of_item:
        latest = (
            ContentSnapshot.objects.filter(
                content_item_id__in=list(kims_of_item), day__lte=end
            )
            .order_by("content_item_id", "-day")
            .distinct("content_item_id")
            .values("id", "content_item_id", "source", *NUMBERS)
        )
        for row in latest:
            for kim_id in kims_of_item[row["content_item_id"]]:
                out = result[kim_id]
                for name in NUMBERS:
                    setattr(out, name, (getattr(out, name) or 0) + (row[name] or 0))
                out.items_measured += 1
                out.manual += row["source"] == "manual"
                out.content_snapshot_ids.append(row["id"])
    channels = (
        ChannelSnapshot.objects.filter(
            kim_id__in=ids, day__lte=end, followers__isnull=False
        )
        .order_by("channel_id", "-day")
        .distinct("channel_id")
        .values_list("id", "kim_id", "followers", "source")
    )
    for snapshot_id, kim_id, followers, source in channels:
        out = result[kim_id]
        out.followers = (out.followers or 0) + (followers or 0)
        out.manual += source == "manual"
        out.channel_snapshot_ids.append(snapshot_id)
    for out in result.values():
        out.content_snapshot_ids.sort()
        out.channel_snapshot_ids.sort()
    return result


def kims_with_counted_reports(
    *, region_code: str, start: datetime.date, end: datetime.date
) -> list[int]:
    """Ids of the KIM of a region ("" = nation) with at least one counted report in
    the months of `start`..`end`, read from the rollups (the covering index)."""
    rows = KimMonthRollup.objects.filter(
        month__gte=start.replace(day=1), month__lte=end.replace(day=1)
    )
    if region_code:
        rows = rows.filter(village_code__startswith=region_code)
    return sorted(
        rows.values("kim_id")
        .annotate(n=Sum("reports"))
        .filter(n__gt=0)
        .values_list("kim_id", flat=True)
    )

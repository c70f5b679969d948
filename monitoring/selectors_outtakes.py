"""Outtakes (views, likes, comments, shares, engagement, follower growth) of a region
or a material in a period, read from the metric snapshots through the scoping rule.

A content item counts with its latest snapshot inside the period (the numbers are
cumulative, so the latest one is what the item reached by then). Follower growth is
the followers at the last channel snapshot before the period ends minus those at the
last one on or before its first day, over the channels that have both.

Engagement follows each platform's own definition: for the platforms that report views
(YouTube, TikTok, X) interactions divided by views; for Instagram and Facebook, which
give no views for posts, interactions divided by the followers at the period's end.
Websites have no engagement. Numbers that include manual entries say how many.

Two queries whatever the data: one grouped read of the latest content snapshots and
one of the channel snapshots at both ends of the period; None ("belum ada data") only
when there is no snapshot.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q, Sum, Value
from django.utils.translation import gettext as _

from kimportal.core.scoping import scoped

from .choices import ContentPlatform, ReportState
from .models_metrics import ChannelSnapshot, ContentSnapshot

NUMBERS = ("views", "likes", "comments", "shares")
BY_VIEWS = frozenset({"youtube", "tiktok", "x"})
BY_FOLLOWERS = frozenset({"instagram", "facebook"})


def engagement_definitions() -> list[tuple[str, str]]:
    """What engagement means per platform, in words for the page."""
    return [
        (
            "YouTube, TikTok, X",
            _("(suka + komentar + bagikan) ÷ tayangan"),
        ),
        (
            "Instagram, Facebook",
            _("(suka + komentar + bagikan) ÷ pengikut akun pada akhir periode"),
        ),
        (str(ContentPlatform.WEBSITE.label), _("tidak dihitung")),
    ]


def _in_region(queryset, code: str):
    return queryset.filter(kim__village__code__startswith=code) if code else queryset


def _latest_content(rows):
    """Per platform sums over each item's latest snapshot among `rows` (one query)."""
    latest = rows.order_by("content_item_id", "-day").distinct("content_item_id")
    manual = Q(source="manual")
    return list(
        ContentSnapshot.objects.filter(pk__in=latest.values("pk"))
        .values("platform")
        .annotate(
            **{n: Sum(n) for n in NUMBERS},
            item_count=Count("pk"),
            manual_count=Count("pk", filter=manual),
        )
        .order_by("platform")
    )


def _followers_at(rows, *days: datetime.date) -> list[dict[int, tuple[str, int, str]]]:
    """For each of `days`, every channel's (platform, followers, source) at its last
    snapshot on or before that day: one query for all the days (a UNION ALL of one
    DISTINCT ON read per day)."""
    reads = [
        rows.filter(day__lte=day, followers__isnull=False)
        .order_by("channel_id", "-day")
        .distinct("channel_id")
        .annotate(nth=Value(nth))
        .values_list("nth", "channel_id", "platform", "followers", "source")
        for nth, day in enumerate(days)
    ]
    found: list[dict[int, tuple[str, int, str]]] = [{} for _day in days]
    for nth, cid, platform, followers, source in reads[0].union(*reads[1:], all=True):
        found[nth][cid] = (platform, followers, source)
    return found


def _engagement(platform: str, sums: dict, followers: int | None) -> float | None:
    interactions = sum(sums[n] or 0 for n in ("likes", "comments", "shares"))
    if platform in BY_VIEWS:
        return interactions / sums["views"] if sums["views"] else None
    if platform in BY_FOLLOWERS:
        return interactions / followers if followers else None
    return None


def _combine(content_rows, channel_rows, start, last_day) -> dict[str, Any] | None:
    before, after = {}, {}
    if channel_rows is not None:
        before, after = _followers_at(channel_rows, start, last_day)
    both = before.keys() & after.keys()
    followers_end: dict[str, int] = {}
    for platform, count, _source in after.values():
        followers_end[platform] = followers_end.get(platform, 0) + count
    names = dict(ContentPlatform.choices)
    platforms = []
    for row in content_rows:
        sums = {n: row[n] or 0 for n in NUMBERS}
        rate = _engagement(row["platform"], sums, followers_end.get(row["platform"]))
        platforms.append(
            {
                "platform": row["platform"],
                "name": str(names.get(row["platform"], row["platform"])),
                **sums,
                "item_count": row["item_count"],
                "manual_count": row["manual_count"],
                "engagement": rate,
                "engagement_pct": None if rate is None else round(rate * 100, 1),
            }
        )
    if not platforms and not after:
        return None
    totals = {n: sum(p[n] for p in platforms) for n in NUMBERS}
    growth_manual = sum(
        1 for c in both if before[c][2] == "manual" or after[c][2] == "manual"
    )
    return {
        **totals,
        "item_count": sum(p["item_count"] for p in platforms),
        "manual_count": sum(p["manual_count"] for p in platforms),
        "platforms": platforms,
        "followers": {
            "channels": len(both),
            "start": sum(before[c][1] for c in both),
            "end": sum(after[c][1] for c in both),
            "growth": sum(after[c][1] - before[c][1] for c in both),
            "manual_count": growth_manual,
        },
    }


def region_outtakes(
    *, user, code: str, start: datetime.date, end: datetime.date
) -> dict[str, Any] | None:
    """Outtakes of the region `code` ("" = nation) between `start` and `end`
    (exclusive), in the user's scope; None when there is no snapshot at all."""
    content = _in_region(scoped(ContentSnapshot.objects.all(), user), code).filter(
        day__gte=start, day__lt=end
    )
    channels = _in_region(scoped(ChannelSnapshot.objects.all(), user), code)
    last_day = end - datetime.timedelta(days=1)
    return _combine(_latest_content(content), channels, start, last_day)


def material_outtakes(*, user, material_id: int) -> dict[str, Any] | None:
    """Outtakes of the content items given as evidence for one material, in the
    user's scope (latest snapshot of each item); no follower growth (a channel is not
    one material's)."""
    content = scoped(ContentSnapshot.objects.all(), user).filter(
        content_item__evidence_links__report__material_id=material_id,
        content_item__evidence_links__report__state=ReportState.VALIDATED,
    )
    result = _combine(_latest_content(content), None, None, None)
    if result is not None:
        result["followers"] = None
    return result

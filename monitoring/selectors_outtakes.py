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

from kimportal.core.scoping import scope_key, scoped
from kimportal.core.statements import CompiledStatements

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
    """Per platform sums over each item's latest snapshot among `rows`: one query,
    whose rows are dicts of the platform and its sums."""
    latest = rows.order_by("content_item_id", "-day").distinct("content_item_id")
    manual = Q(source="manual")
    return (
        ContentSnapshot.objects.filter(pk__in=latest.values("pk"))
        .values("platform")
        .annotate(
            **{n: Sum(n) for n in NUMBERS},
            item_count=Count("pk"),
            manual_count=Count("pk", filter=manual),
        )
        .order_by("platform")
    )


def _followers_at(rows, *days: datetime.date):
    """For each of `days`, every channel's platform, followers and source at its last
    snapshot on or before that day: one query for all the days (a UNION ALL of one
    DISTINCT ON read per day), whose rows start with the day's index in `days`."""
    reads = [
        rows.filter(day__lte=day, followers__isnull=False)
        .order_by("channel_id", "-day")
        .distinct("channel_id")
        .annotate(nth=Value(nth))
        .values_list("nth", "channel_id", "platform", "followers", "source")
        for nth, day in enumerate(days)
    ]
    return reads[0].union(*reads[1:], all=True)


def _by_day(rows, days: int) -> list[dict[int, tuple[str, int, str]]]:
    """`_followers_at`'s rows as one {channel: (platform, followers, source)} per day."""
    found: list[dict[int, tuple[str, int, str]]] = [{} for _day in range(days)]
    for nth, cid, platform, followers, source in rows:
        found[nth][cid] = (platform, followers, source)
    return found


def _engagement(platform: str, sums: dict, followers: int | None) -> float | None:
    interactions = sum(sums[n] or 0 for n in ("likes", "comments", "shares"))
    if platform in BY_VIEWS:
        return interactions / sums["views"] if sums["views"] else None
    if platform in BY_FOLLOWERS:
        return interactions / followers if followers else None
    return None


def _combine(content_rows, followers: list[dict] | None) -> dict[str, Any] | None:
    """The outtakes of the latest content sums and the followers at the period's two
    ends (`_by_day`; None when follower growth does not apply)."""
    before, after = followers or ({}, {})
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
    (exclusive), in the user's scope; None when there is no snapshot at all.

    Its two statements are compiled once per process for the scoping rule's conditions
    on the snapshots, the region and the period, all they read (perf, issue #6 item 12:
    the home page shows this month's outtakes to every officer)."""
    key = (scope_key(user, ContentSnapshot, ChannelSnapshot), code, start, end)

    def content():
        return _in_region(scoped(ContentSnapshot.objects.all(), user), code).filter(
            day__gte=start, day__lt=end
        )

    def channels():
        return _in_region(scoped(ChannelSnapshot.objects.all(), user), code)

    last_day = end - datetime.timedelta(days=1)
    sums = _REGION_STATEMENTS.named(
        ("content", key), lambda: _latest_content(content())
    )
    followers = _REGION_STATEMENTS.fetch(
        ("followers", key), lambda: _followers_at(channels(), start, last_day)
    )
    return _combine([row._asdict() for row in sums], _by_day(followers, 2))


# `region_outtakes`' statements, compiled once per scope, region and period.
_REGION_STATEMENTS = CompiledStatements(size=1024)


def material_outtakes(*, user, material_id: int) -> dict[str, Any] | None:
    """Outtakes of the content items given as evidence for one material, in the
    user's scope (latest snapshot of each item); no follower growth (a channel is not
    one material's)."""
    content = scoped(ContentSnapshot.objects.all(), user).filter(
        content_item__evidence_links__report__material_id=material_id,
        content_item__evidence_links__report__state=ReportState.VALIDATED,
    )
    result = _combine(list(_latest_content(content)), None)
    if result is not None:
        result["followers"] = None
    return result

"""Reads of the metrics for other parts of the app (dashboards, the per-material page,
a content item's chart). Callers pass ids they have already scoped; these only read
snapshots. Manual numbers come back marked (`source == "manual"`)."""

import datetime

from django.db.models import Sum

from ..models_metrics import ChannelSnapshot, ContentSnapshot

NUMBERS = ("views", "likes", "comments", "shares")


def content_latest(*, item_ids, until: datetime.date | None = None) -> dict[int, dict]:
    """The latest snapshot (on or before `until`) of each content item."""
    rows = ContentSnapshot.objects.filter(content_item_id__in=list(item_ids))
    if until:
        rows = rows.filter(day__lte=until)
    rows = rows.order_by("content_item_id", "-day").distinct("content_item_id")
    return {
        r["content_item_id"]: r
        for r in rows.values("content_item_id", "day", "source", *NUMBERS)
    }


def outtakes_total(*, item_ids, until: datetime.date | None = None) -> dict:
    """Views, likes, comments, shares summed over the items' latest snapshots, and how
    many of those were entered by hand."""
    latest = content_latest(item_ids=item_ids, until=until).values()
    total = {n: sum(r[n] or 0 for r in latest) for n in NUMBERS}
    total["items_with_numbers"] = len(latest)
    total["manual"] = sum(1 for r in latest if r["source"] == "manual")
    return total


def content_series(*, item_id: int, days: int = 90) -> list[dict]:
    """One item's snapshots, oldest first (a small chart)."""
    return list(
        ContentSnapshot.objects.filter(content_item_id=item_id)
        .order_by("-day")[:days]
        .values("day", "source", *NUMBERS)
    )[::-1]


def follower_growth(
    *, channel_ids, start: datetime.date, end: datetime.date
) -> dict[str, int]:
    """Followers at the last snapshot on or before `end` minus those at the last one on
    or before `start`, summed over the channels (channels without both are skipped)."""

    def at(day):
        rows = (
            ChannelSnapshot.objects.filter(
                channel_id__in=list(channel_ids), day__lte=day
            )
            .order_by("channel_id", "-day")
            .distinct("channel_id")
            .values_list("channel_id", "followers")
        )
        return {cid: f for cid, f in rows if f is not None}

    before, after = at(start), at(end)
    both = before.keys() & after.keys()
    return {
        "start": sum(before[c] for c in both),
        "end": sum(after[c] for c in both),
        "growth": sum(after[c] - before[c] for c in both),
    }


def daily_views_by_platform(*, item_ids, start, end) -> list[dict]:
    """Per day and platform, the summed views of the items' snapshots of that day."""
    return list(
        ContentSnapshot.objects.filter(
            content_item_id__in=list(item_ids), day__range=(start, end)
        )
        .values("day", "platform")
        .annotate(views=Sum("views"))
        .order_by("day", "platform")
    )

"""Demo data: snapshot series for the demo content and channels (source "demo"), and a
week of pull runs with one failure. Runs after the monitoring seeder (layer order)."""

import datetime
import random

from django.utils import timezone

from kimportal.core.dates import today_in_jakarta

from ..models import ContentItem
from ..models_metrics import ChannelSnapshot, ContentSnapshot, MetricSource, PullRun

DAYS = 30


def seed_demo_metrics(*, users=None, password=None, **_) -> str:
    from registry.models import KimChannel

    rng = random.Random(10)
    today = today_in_jakarta()
    now = timezone.now()
    content, channels = [], []
    items = ContentItem.objects.exclude(platform="website").values_list(
        "id", "kim_id", "platform"
    )[:300]
    for item_id, kim_id, platform in items:
        views = rng.randint(20, 400)
        for back in range(DAYS, -1, -1):
            views += rng.randint(0, 60)
            content.append(
                ContentSnapshot(
                    content_item_id=item_id,
                    kim_id=kim_id,
                    platform=platform,
                    day=today - datetime.timedelta(days=back),
                    views=views,
                    likes=views // rng.randint(8, 15),
                    comments=views // 40,
                    shares=views // 60,
                    source=MetricSource.DEMO,
                    pulled_at=now,
                )
            )
    for cid, kim_id, platform in KimChannel.objects.filter(active=True).values_list(
        "id", "kim_id", "platform"
    )[:300]:
        followers = rng.randint(50, 2000)
        for back in range(DAYS, -1, -1):
            followers += rng.randint(0, 8)
            channels.append(
                ChannelSnapshot(
                    channel_id=cid,
                    kim_id=kim_id,
                    platform=platform,
                    day=today - datetime.timedelta(days=back),
                    followers=followers,
                    source=MetricSource.DEMO,
                    pulled_at=now,
                )
            )
    ContentSnapshot.objects.bulk_create(
        content,
        update_conflicts=True,
        unique_fields=["content_item", "day"],
        update_fields=["views", "likes", "comments", "shares", "source"],
    )
    ChannelSnapshot.objects.bulk_create(
        channels,
        update_conflicts=True,
        unique_fields=["channel", "day"],
        update_fields=["followers", "source"],
    )
    for back in range(7, 0, -1):
        day = today - datetime.timedelta(days=back)
        failed = back == 3
        PullRun.objects.update_or_create(
            platform="youtube",
            day=day,
            defaults=dict(
                runs=1,
                tried=len(items),
                updated=0 if failed else len(items),
                failed=len(items) if failed else 0,
                calls=1 if failed else 4,
                quota_used=1 if failed else 4,
                is_demo=True,
                errors=["youtube: HTTP 503 after 4 attempts"] if failed else [],
                started_at=now - datetime.timedelta(days=back),
                finished_at=now - datetime.timedelta(days=back),
            ),
        )
    return (
        f"metrik: {len(content)} snapshot konten, {len(channels)} snapshot kanal, "
        "7 riwayat penarikan (1 gagal)"
    )

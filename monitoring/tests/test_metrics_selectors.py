"""The outtake reads other pages use: latest numbers, totals, series, follower growth."""

import datetime

import pytest
from django.utils import timezone

from monitoring.models import ContentItem
from monitoring.models_metrics import ChannelSnapshot, ContentSnapshot
from monitoring.providers import selectors
from registry.models import KimChannel
from registry.tests.factories import VerifiedKimFactory

pytestmark = pytest.mark.allow_hosts(["127.0.0.1", "::1", "localhost"])
D = datetime.date(2026, 11, 1)


@pytest.fixture
def world(regions):
    kim = VerifiedKimFactory()
    items = [
        ContentItem.objects.create(
            platform="youtube",
            platform_id=f"s{i}",
            url=f"https://youtu.be/s{i}",
            kim=kim,
        )
        for i in range(2)
    ]
    now = timezone.now()
    for back, views in ((2, 10), (1, 30)):
        ContentSnapshot.objects.create(
            content_item=items[0],
            kim=kim,
            platform="youtube",
            day=D - datetime.timedelta(days=back),
            views=views,
            likes=1,
            pulled_at=now,
        )
    ContentSnapshot.objects.create(
        content_item=items[1],
        kim=kim,
        platform="youtube",
        day=D,
        views=5,
        source="manual",
        pulled_at=now,
    )
    channel = KimChannel.objects.create(kim=kim, platform="youtube", address="x")
    for day, followers in ((D - datetime.timedelta(days=30), 100), (D, 140)):
        ChannelSnapshot.objects.create(
            channel=channel,
            kim=kim,
            platform="youtube",
            day=day,
            followers=followers,
            pulled_at=now,
        )
    return items, channel


def test_latest_totals_and_manual_count(world):
    items, _ = world
    ids = [i.pk for i in items]
    total = selectors.outtakes_total(item_ids=ids)
    assert total["views"] == 35 and total["manual"] == 1
    before = selectors.outtakes_total(
        item_ids=ids, until=D - datetime.timedelta(days=2)
    )
    assert before["views"] == 10 and before["items_with_numbers"] == 1


def test_series_and_follower_growth(world, django_assert_max_num_queries):
    items, channel = world
    series = selectors.content_series(item_id=items[0].pk)
    assert [s["views"] for s in series] == [10, 30]
    with django_assert_max_num_queries(2):
        growth = selectors.follower_growth(
            channel_ids=[channel.pk], start=D - datetime.timedelta(days=20), end=D
        )
    assert growth == {"start": 100, "end": 140, "growth": 40}

"""Outtakes on the effectiveness pages, from a hand-made set of metric snapshots: two
platforms, a manual entry, snapshots outside the period, two kab/kota."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from monitoring.models_metrics import ChannelSnapshot, ContentSnapshot
from monitoring.periods_effectiveness import parse_period
from monitoring.selectors_effectiveness import (
    effectiveness_region,
    effectiveness_summary,
)
from monitoring.services.rollups import rollups_refresh_for_reports
from registry.models import KimChannel

from .effectiveness_factories import (
    KOTA_MALANG_VILLAGE,
    content_item,
    make_kim,
    make_material,
    make_report,
)

D = datetime.date


def snap(item, day, source="api", **numbers):
    return ContentSnapshot.objects.create(
        content_item=item,
        kim=item.kim,
        platform=item.platform,
        day=day,
        source=source,
        pulled_at=timezone.now(),
        **numbers,
    )


def followers(channel, day, count):
    ChannelSnapshot.objects.create(
        channel=channel,
        kim=channel.kim,
        platform=channel.platform,
        day=day,
        followers=count,
        pulled_at=timezone.now(),
    )


@pytest.fixture
def snapshots(demo_users):
    kab = demo_users["kab-malang"]
    kim_kab = make_kim(name="KIM Tulungrejo")
    kim_kota = make_kim(village=KOTA_MALANG_VILLAGE, name="KIM Kota")
    video = content_item(kim=kim_kab, platform="youtube")
    post = content_item(kim=kim_kab, platform="instagram")
    old = content_item(kim=kim_kab, platform="youtube")
    kota = content_item(kim=kim_kota, platform="youtube")
    numbers = {"views": 100, "likes": 5, "comments": 2, "shares": 3}
    snap(video, D(2026, 3, 5), **numbers)
    snap(video, D(2026, 3, 20), views=200, likes=10, comments=4, shares=6)
    snap(video, D(2027, 1, 5), views=999, likes=99, comments=9, shares=9)  # after
    snap(post, D(2026, 4, 1), source="manual", likes=30, comments=10)
    snap(old, D(2025, 12, 30), **numbers)  # before the period
    snap(kota, D(2026, 6, 1), views=7777, likes=1, comments=1, shares=1)
    channel = KimChannel.objects.create(kim=kim_kab, platform="instagram", address="a")
    followers(channel, D(2025, 12, 31), 1000)
    followers(channel, D(2026, 6, 30), 1200)
    followers(channel, D(2027, 1, 10), 5000)  # after
    material = make_material(user=kab)
    report = make_report(kim=kim_kab, user=kab, material=material, items=[video])
    rollups_refresh_for_reports(reports=[report])
    return {"material": material, "kim_kab": kim_kab}


def _outtakes(user, period="2026", code=None):
    region = effectiveness_region(user=user, code=code)
    summary = effectiveness_summary(
        user=user, region=region, period=parse_period(period)
    )
    return summary["outtakes"]


@pytest.mark.django_db
def test_totals_take_each_items_latest_snapshot_in_the_period(demo_users, snapshots):
    t = _outtakes(demo_users["kab-malang"])
    assert (t["views"], t["likes"], t["comments"], t["shares"]) == (200, 40, 14, 6)
    assert (t["item_count"], t["manual_count"]) == (2, 1)
    by = {p["platform"]: p for p in t["platforms"]}
    assert by["youtube"]["engagement"] == pytest.approx(20 / 200)
    assert by["instagram"]["engagement"] == pytest.approx(40 / 1200)  # by followers
    assert by["instagram"]["manual_count"] == 1 and by["youtube"]["manual_count"] == 0
    assert t["followers"] == {
        "channels": 1,
        "start": 1000,
        "end": 1200,
        "growth": 200,
        "manual_count": 0,
    }
    march = _outtakes(demo_users["kab-malang"], "2026-03")
    assert (march["views"], march["item_count"], march["manual_count"]) == (200, 1, 0)


@pytest.mark.django_db
def test_outtakes_follow_the_scope(demo_users, snapshots):
    kota = _outtakes(demo_users["kota-malang"])
    assert (kota["views"], kota["item_count"]) == (7777, 1)
    assert kota["followers"]["channels"] == 0
    assert _outtakes(demo_users["prov-jatim"])["views"] == 7977
    assert _outtakes(demo_users["kementerian"], code="35.73")["views"] == 7777
    # No snapshot at all in the period: "belum ada data", not zeros.
    assert _outtakes(demo_users["kab-malang"], "2025-06") is None


@pytest.mark.django_db
def test_dashboard_and_material_page_show_outtakes(client, demo_users, snapshots):
    client.force_login(demo_users["kab-malang"])
    html = client.get(
        f"{reverse('monitoring:effectiveness')}?period=2026"
    ).content.decode()
    assert "Belum ada data: suka" not in html
    assert "diisi manual" in html  # the manual entry is marked
    assert "(suka + komentar + bagikan) ÷ tayangan" in html  # the definition
    assert "10 %" in html and "3,3 %" in html  # engagement per platform
    assert "+200" in html  # follower growth
    assert "7.777" not in html  # Kota Malang's numbers
    url = reverse("monitoring:material-effectiveness", args=[snapshots["material"].pk])
    html = client.get(url).content.decode()
    assert "Keterlibatan" in html and "diisi manual" not in html
    assert "<td>999</td>" in html  # the item's latest snapshot, no period here
    client.force_login(demo_users["kota-malang"])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_dashboard_query_count_does_not_grow_with_snapshots(
    client, demo_users, snapshots, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(demo_users["prov-jatim"])
    url = f"{reverse('monitoring:effectiveness')}?period=2026"
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    for i in range(5):
        kim = make_kim(name=f"KIM Tambahan {i}")
        for platform in ("youtube", "tiktok", "facebook"):
            item = content_item(kim=kim, platform=platform)
            snap(item, D(2026, 2, 1), views=10, likes=1)
            snap(item, D(2026, 9, 1), source="manual", views=20, likes=2)
        channel = KimChannel.objects.create(kim=kim, platform="tiktok", address="t")
        followers(channel, D(2026, 1, 1), 10)
        followers(channel, D(2026, 8, 1), 30)
    with django_assert_num_queries(len(before.captured_queries)):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_content_item_page_draws_its_series_in_scope(client, demo_users, snapshots):
    from monitoring.models import ContentItem

    video = ContentItem.objects.get(platform="youtube", kim=snapshots["kim_kab"],
                                    evidence_links__isnull=False)  # fmt: skip
    url = reverse("monitoring:content-detail", args=[video.pk])
    client.force_login(demo_users["kab-malang"])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "20/03" in html and "999" in html
    assert "diisi manual" not in html
    post = ContentItem.objects.get(platform="instagram", kim=snapshots["kim_kab"])
    post_html = client.get(reverse("monitoring:content-detail", args=[post.pk]))
    assert "diisi manual" in post_html.content.decode()
    client.force_login(demo_users["kota-malang"])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_kept_statements_answer_as_a_fresh_compile(demo_users, snapshots):
    # The summary's and the outtakes' statements are kept per scope, region and period:
    # asked one after another, each answer must be the one a fresh compile gives.
    from monitoring import selectors_effectiveness, selectors_outtakes

    asks = [
        ("kab-malang", "2026", None),
        ("kab-malang", "2026-Q1", None),
        ("kab-malang", "2025-06", None),
        ("kota-malang", "2026", None),
        ("prov-jatim", "2026", None),
        ("kementerian", "2026", "35.73"),
        ("kementerian", "2026-Q2", "35.07"),
    ]

    def summary(username, period, code):
        user = demo_users[username]
        region = effectiveness_region(user=user, code=code)
        return effectiveness_summary(
            user=user, region=region, period=parse_period(period)
        )

    def forget():
        selectors_effectiveness._SUMMARY_STATEMENTS.clear()
        selectors_outtakes._REGION_STATEMENTS.clear()

    forget()
    kept = [summary(*ask) for ask in asks]
    fresh = []
    for ask in asks:
        forget()
        fresh.append(summary(*ask))
    assert kept == fresh
    assert len({str(answer["outtakes"]) for answer in kept}) >= 4
    assert len({str(answer["output"]) for answer in kept}) >= 2

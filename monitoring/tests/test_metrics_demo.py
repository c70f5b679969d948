"""Demo seeder, beat schedule, and the guard on provider bases."""

import pytest
from django.conf import settings

from kimportal.core.contributions import demo_seeders
from monitoring.models import ContentItem
from monitoring.models_metrics import (
    ChannelSnapshot,
    ContentSnapshot,
    MetricCredential,
    PullRun,
)
from monitoring.providers.crypto import secret_encrypt
from monitoring.providers.demo import DAYS, seed_demo_metrics
from monitoring.providers.pull import metrics_pull
from registry.models import KimChannel
from registry.tests.factories import VerifiedKimFactory

pytestmark = pytest.mark.allow_hosts(["127.0.0.1", "::1", "localhost"])


def test_demo_series_are_marked_demo_and_seeding_twice_adds_nothing(regions):
    kim = VerifiedKimFactory()
    for i in range(2):
        ContentItem.objects.create(
            platform="youtube",
            platform_id=f"demo{i}",
            url=f"https://youtu.be/demo{i}",
            kim=kim,
        )
    KimChannel.objects.create(kim=kim, platform="instagram", address="@kimdemo")
    seed_demo_metrics()
    seed_demo_metrics()
    assert ContentSnapshot.objects.count() == 2 * (DAYS + 1)
    assert ChannelSnapshot.objects.count() == DAYS + 1
    assert set(ContentSnapshot.objects.values_list("source", flat=True)) == {"demo"}
    runs = PullRun.objects.filter(is_demo=True)
    assert runs.count() == 7 and runs.filter(failed__gt=0).count() == 1


def test_seeder_is_registered_after_the_monitoring_layer():
    apps = [s.app for s in demo_seeders()]
    assert "monitoring.metrics" in apps


def test_beat_schedule_pulls_channels_and_recent_daily_and_older_weekly():
    schedule = settings.CELERY_BEAT_SCHEDULE
    scopes = {
        v["kwargs"]["scope"]: v["schedule"]
        for k, v in schedule.items()
        if k.startswith("metrics-pull-")
    }
    assert set(scopes) == {"channels", "recent", "older"}
    assert scopes["older"].day_of_week == {0}
    assert len(scopes["recent"].day_of_week) == 7
    from kimportal.celery import app

    assert "monitoring.providers.tasks.pull_metrics_task" in app.tasks


def test_a_private_provider_base_is_refused_unless_allowed(regions, settings):
    settings.DEBUG = False
    settings.METRICS_ALLOW_PRIVATE_BASES = False
    settings.YOUTUBE_API_BASE = "http://127.0.0.1:9/youtube/v3"
    kim = VerifiedKimFactory()
    ContentItem.objects.create(
        platform="youtube", platform_id="priv1", url="https://youtu.be/priv1", kim=kim
    )
    MetricCredential.objects.create(
        platform="youtube",
        kind="api_key",
        secret_encrypted=secret_encrypt({"api_key": "k"}),
    )
    result = metrics_pull(platform="youtube")
    assert result.updated == 0 and result.failed == 1
    assert any("non-public" in e for e in result.errors)

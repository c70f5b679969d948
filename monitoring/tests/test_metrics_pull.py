"""Pulls end to end against mocked platform APIs (respx): batching, quota stop, 429 with
Retry-After, token refresh, a dead credential, snapshot idempotency (also two pulls at
once), secrets kept out of logs, history and repr."""

import datetime
import logging
import threading

import httpx
import pytest
import respx
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from kimportal.core.testing import outbound_resolver
from monitoring.models import ContentItem
from monitoring.models_metrics import (
    ChannelConnection,
    ChannelSnapshot,
    ConnectionStatus,
    ContentSnapshot,
    MetricCredential,
    MetricsStatus,
    PullRun,
)
from monitoring.providers.base import quota_forget_all
from monitoring.providers.crypto import secret_decrypt, secret_encrypt
from monitoring.providers.pull import metrics_pull
from registry.models import KimChannel
from registry.tests.factories import VerifiedKimFactory

pytestmark = pytest.mark.allow_hosts(["127.0.0.1", "::1", "localhost"])

GOOGLE_IP, TT_IP = "142.250.4.95", "23.36.1.10"
VIDEOS = f"https://{GOOGLE_IP}/youtube/v3/videos"
CHANNELS = f"https://{GOOGLE_IP}/youtube/v3/channels"
TT = f"https://{TT_IP}/v2"
KEY = "AIza-secret-key-123"


@pytest.fixture(autouse=True)
def api_hosts(settings):
    settings.METRICS_ALLOW_PRIVATE_BASES = False
    settings.YOUTUBE_API_KEY = ""
    settings.YOUTUBE_DAILY_QUOTA = 10_000
    settings.METRICS_RETRY_MAX_WAIT = 60
    with outbound_resolver(
        {"www.googleapis.com": [GOOGLE_IP], "open.tiktokapis.com": [TT_IP]}
    ):
        yield


@pytest.fixture(autouse=True)
def fresh_quota():
    quota_forget_all()
    yield
    quota_forget_all()


@pytest.fixture
def no_sleep(monkeypatch):
    slept = []
    monkeypatch.setattr("monitoring.providers.base.time.sleep", slept.append)
    return slept


@pytest.fixture
def kim(regions):
    return VerifiedKimFactory()


@pytest.fixture
def national_key(db):
    return MetricCredential.objects.create(
        platform="youtube",
        kind="api_key",
        secret_encrypted=secret_encrypt({"api_key": KEY}),
    )


def make_videos(kim, n, prefix="v"):
    return ContentItem.objects.bulk_create(
        ContentItem(
            platform="youtube",
            platform_id=f"{prefix}{i:010d}",
            url=f"https://youtu.be/{prefix}{i:010d}",
            kim=kim,
        )
        for i in range(n)
    )


def answer_videos(request):
    ids = request.url.params["id"].split(",")
    items = [
        {
            "id": i,
            "statistics": {"viewCount": "10", "likeCount": "2", "commentCount": "1"},
        }
        for i in ids
    ]
    return httpx.Response(200, json={"items": items})


@respx.mock
def test_pull_batches_50_and_writes_one_snapshot_per_item(kim, national_key, no_sleep):
    make_videos(kim, 120)
    route = respx.get(VIDEOS).mock(side_effect=answer_videos)
    result = metrics_pull(platform="youtube", scope="recent")
    assert route.call_count == 3  # ceil(120 / 50)
    assert [len(c.request.url.params["id"].split(",")) for c in route.calls] == [
        50,
        50,
        20,
    ]
    assert result.updated == 120 and result.failed == 0
    assert ContentSnapshot.objects.count() == 120
    assert (
        ContentSnapshot.objects.filter(views=10, likes=2, source="api").count() == 120
    )
    run = PullRun.objects.get(platform="youtube")
    assert (run.tried, run.updated, run.quota_used, run.calls) == (120, 120, 3, 3)


@respx.mock
def test_second_pull_same_day_updates_the_row(kim, national_key, no_sleep):
    item = make_videos(kim, 1)[0]
    route = respx.get(VIDEOS)
    route.respond(
        200,
        json={"items": [{"id": item.platform_id, "statistics": {"viewCount": "5"}}]},
    )
    metrics_pull(platform="youtube")
    route.respond(
        200,
        json={"items": [{"id": item.platform_id, "statistics": {"viewCount": "9"}}]},
    )
    metrics_pull(platform="youtube")
    assert ContentSnapshot.objects.filter(content_item=item).count() == 1
    assert ContentSnapshot.objects.get(content_item=item).views == 9
    run = PullRun.objects.get(platform="youtube")
    assert run.runs == 2 and run.updated == 2


@pytest.mark.django_db(transaction=True)
def test_two_pulls_at_once_make_one_row(regions, settings):
    """Two workers pulling the same item at the same moment: one row, no error."""
    from kimportal.core.testing import ensure_test_regions

    ensure_test_regions()
    kim = VerifiedKimFactory()
    MetricCredential.objects.create(
        platform="youtube",
        kind="api_key",
        secret_encrypted=secret_encrypt({"api_key": KEY}),
    )
    item = make_videos(kim, 1)[0]
    barrier = threading.Barrier(2)
    errors = []

    def answer(request):
        barrier.wait(timeout=10)  # both are inside the call before either writes
        return httpx.Response(
            200,
            json={
                "items": [{"id": item.platform_id, "statistics": {"viewCount": "7"}}]
            },
        )

    def worker():
        try:
            metrics_pull(platform="youtube")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    with respx.mock:
        respx.get(VIDEOS).mock(side_effect=answer)
        threads = [threading.Thread(target=worker) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    assert errors == []
    assert ContentSnapshot.objects.filter(content_item=item).count() == 1
    assert PullRun.objects.get(platform="youtube").runs == 2


@respx.mock
def test_pull_stops_before_the_quota_runs_out(kim, national_key, no_sleep, settings):
    settings.YOUTUBE_DAILY_QUOTA = 2
    make_videos(kim, 150)
    route = respx.get(VIDEOS).mock(side_effect=answer_videos)
    result = metrics_pull(platform="youtube", scope="recent")
    assert route.call_count == 2  # the third call would pass the quota: not made
    assert result.stopped_for_quota
    assert result.updated == 100
    run = PullRun.objects.get(platform="youtube")
    assert run.stopped_for_quota and run.quota_used == 2
    # A second worker the same day makes no call at all.
    metrics_pull(platform="youtube", scope="recent")
    assert route.call_count == 2


@respx.mock
def test_429_is_retried_after_the_time_the_platform_asks(kim, national_key, no_sleep):
    item = make_videos(kim, 1)[0]
    ok = httpx.Response(
        200,
        json={"items": [{"id": item.platform_id, "statistics": {"viewCount": "3"}}]},
    )
    route = respx.get(VIDEOS).mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "7"}),
            httpx.Response(503),
            ok,
        ]
    )
    result = metrics_pull(platform="youtube")
    assert route.call_count == 3
    assert no_sleep == [7.0, 2.0]  # Retry-After honoured, then exponential backoff
    assert result.updated == 1


@respx.mock
def test_a_long_retry_after_stops_the_pull_instead_of_sleeping(
    kim, national_key, no_sleep
):
    make_videos(kim, 1)
    respx.get(VIDEOS).respond(429, headers={"Retry-After": "3600"})
    result = metrics_pull(platform="youtube")
    assert no_sleep == []
    assert result.stopped_for_quota and result.updated == 0


@respx.mock
def test_other_4xx_is_recorded_on_the_item_and_not_retried(kim, national_key, no_sleep):
    item = make_videos(kim, 1)[0]
    route = respx.get(VIDEOS).respond(404, json={"error": {"message": "Not Found"}})
    result = metrics_pull(platform="youtube")
    assert route.call_count == 1
    assert result.failed == 1
    status = MetricsStatus.objects.get(content_item=item)
    assert "404" in status.last_error and status.last_ok_at is None


@respx.mock
def test_dead_credential_is_marked_and_the_pull_stops(kim, national_key, no_sleep):
    make_videos(kim, 60)
    route = respx.get(VIDEOS).respond(
        400, json={"error": {"code": 400, "message": "API key not valid."}}
    )
    result = metrics_pull(platform="youtube")
    assert route.call_count == 1
    national_key.refresh_from_db()
    assert national_key.dead_at is not None
    assert result.updated == 0 and result.failed == 60


@pytest.fixture
def tiktok_channel(kim, settings):
    settings.TIKTOK_CLIENT_KEY = "ck"
    settings.TIKTOK_CLIENT_SECRET = "cs"
    channel = KimChannel.objects.create(
        kim=kim, platform="tiktok", address="@kimtulungrejo"
    )
    conn = ChannelConnection.objects.create(
        channel=channel,
        kim=kim,
        platform="tiktok",
        token_encrypted=secret_encrypt(
            {"access_token": "act.old", "refresh_token": "rft.old"}
        ),
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    return channel, conn


USER_INFO = {
    "data": {"user": {"follower_count": 3120, "video_count": 88}},
    "error": {"code": "ok", "message": "", "log_id": "x"},
}


@respx.mock
def test_token_is_refreshed_before_expiry(tiktok_channel, no_sleep):
    channel, conn = tiktok_channel
    token = respx.post(f"{TT}/oauth/token/").respond(
        200,
        json={
            "access_token": "act.new",
            "refresh_token": "rft.new",
            "expires_in": 86400,
            "refresh_expires_in": 31536000,
            "open_id": "abc",
        },
    )
    info = respx.get(f"{TT}/user/info/").respond(200, json=USER_INFO)
    metrics_pull(platform="tiktok", scope="channels")
    assert token.call_count == 1
    assert info.calls.last.request.headers["authorization"] == "Bearer act.new"
    conn.refresh_from_db()
    assert secret_decrypt(conn.token_encrypted)["refresh_token"] == "rft.new"
    assert conn.expires_at > timezone.now() + datetime.timedelta(hours=23)
    assert ChannelSnapshot.objects.get(channel=channel).followers == 3120


@respx.mock
def test_dead_refresh_token_marks_the_channel_and_tells_the_kim(
    tiktok_channel, no_sleep, mailoutbox, django_capture_on_commit_callbacks
):
    channel, conn = tiktok_channel
    respx.post(f"{TT}/oauth/token/").respond(
        400, json={"error": "invalid_grant", "error_description": "expired"}
    )
    info = respx.get(f"{TT}/user/info/").respond(200, json=USER_INFO)
    with django_capture_on_commit_callbacks(execute=True):
        result = metrics_pull(platform="tiktok", scope="channels")
    assert not info.called
    conn.refresh_from_db()
    assert conn.status == ConnectionStatus.DEAD
    assert result.failed == 1
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [channel.kim.email]
    assert "Hubungkan" in mailoutbox[0].body


@respx.mock
def test_secrets_never_reach_logs_history_or_repr(kim, national_key, no_sleep, caplog):
    make_videos(kim, 2)
    respx.get(VIDEOS).respond(500, json={"error": {"message": "backend"}})
    with caplog.at_level(logging.DEBUG):
        result = metrics_pull(platform="youtube")
        call_command("pull_metrics", "--platform", "youtube")
    assert KEY not in caplog.text
    assert all(KEY not in e for e in result.errors)
    assert KEY not in repr(national_key) and KEY not in str(national_key)
    assert KEY.encode() not in bytes(national_key.secret_encrypted)
    with connection.cursor() as cur:
        cur.execute("SELECT * FROM monitoring_metriccredentialevent")
        history = repr(cur.fetchall())
    assert "secret" not in history and KEY not in history
    assert all(KEY not in str(e) for e in PullRun.objects.get().errors)


def test_pull_metrics_command_prints_what_it_did(kim, national_key, capsys):
    make_videos(kim, 3)
    with respx.mock:
        respx.get(VIDEOS).mock(side_effect=answer_videos)
        call_command("pull_metrics", "--platform", "youtube", "--kim", str(kim.pk))
    out = capsys.readouterr().out
    assert "youtube: dicoba 3, diperbarui 3" in out
    assert "panggilan 1" in out


@respx.mock
def test_channels_are_pulled_daily_by_id(kim, national_key, no_sleep):
    channel = KimChannel.objects.create(
        kim=kim,
        platform="youtube",
        address="https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw",
    )
    respx.get(CHANNELS).respond(
        200,
        json={
            "items": [
                {
                    "id": "UC_x5XG1OV2P6uZZ5FSM9Ttw",
                    "statistics": {"subscriberCount": "41"},
                }
            ]
        },
    )
    metrics_pull(platform="youtube", scope="channels")
    assert ChannelSnapshot.objects.get(channel=channel).followers == 41

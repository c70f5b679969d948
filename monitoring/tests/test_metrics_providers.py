"""Each provider parses the platforms' documented answers (fixtures), batches to the
platform's maximum and reports refusals. No socket leaves this machine (pytest-socket)."""

import json
from pathlib import Path

import httpx
import pytest
import respx

from kimportal.core.testing import outbound_resolver
from monitoring.providers.base import (
    ApiClient,
    Credential,
    CredentialDead,
    ItemRefused,
    QuotaExhausted,
)
from monitoring.providers.registry import provider_for, providers

pytestmark = pytest.mark.allow_hosts(["127.0.0.1", "::1", "localhost"])

FIXTURES = Path(__file__).parent / "fixtures"
YT = "https://www.googleapis.com/youtube/v3"
GRAPH = "https://graph.facebook.com/v25.0"
TT = "https://open.tiktokapis.com/v2"
XB = "https://api.x.com/2"
GOOGLE_IP, GRAPH_IP, TT_IP, X_IP, SITE_IP = (
    "142.250.4.95",
    "157.240.1.35",
    "23.36.1.10",
    "104.244.42.1",
    "93.184.216.34",
)
HOSTS = {
    "www.googleapis.com": [GOOGLE_IP],
    "graph.facebook.com": [GRAPH_IP],
    "open.tiktokapis.com": [TT_IP],
    "api.x.com": [X_IP],
    "kim-tulungrejo.example.id": [SITE_IP],
}


def fixture(platform: str, name: str):
    return json.loads((FIXTURES / platform / name).read_text())


@pytest.fixture(autouse=True)
def api_hosts(settings):
    """Provider hosts resolve to public addresses; the guarded client pins to them and
    respx answers there (routes are by IP: the connection goes to the checked one)."""
    settings.METRICS_ALLOW_PRIVATE_BASES = False
    with outbound_resolver(HOSTS):
        yield


def pinned(base: str, ip: str) -> str:
    return base.replace(httpx.URL(base).host, ip)


def client_for(platform, secret, key="t"):
    return ApiClient(
        provider_for(platform), Credential(key, secret), sleep=lambda s: None
    )


def test_every_provider_says_what_it_reads_and_needs():
    names = {p.platform for p in providers()}
    assert names == {"youtube", "instagram", "facebook", "tiktok", "x", "website"}
    for p in providers():
        assert p.reads and str(p.needs)
        assert p.batch_size >= 1


@respx.mock
def test_youtube_videos_parse_and_batch_50_per_call(db):
    route = respx.get(f"{pinned(YT, GOOGLE_IP)}/videos").respond(
        200, json=fixture("youtube", "videos_list.json")
    )
    provider = provider_for("youtube")
    ids = ["dQw4w9WgXcQ", "o-YBDTqX_ZU", "gone0000000"]
    out = provider.fetch_content(client_for("youtube", {"api_key": "AIza-k"}), ids)
    assert out["dQw4w9WgXcQ"].numbers.views == 1085567053
    assert out["dQw4w9WgXcQ"].numbers.comments == 2003414
    assert out["o-YBDTqX_ZU"].numbers.likes is None  # hidden like count stays unknown
    assert out["gone0000000"].unreadable
    sent = route.calls.last.request
    assert sent.url.params["id"] == ",".join(ids)
    assert sent.url.params["part"] == "statistics"
    assert sent.headers["host"] == "www.googleapis.com"
    assert sent.headers["x-goog-api-key"] == "AIza-k"
    assert "AIza-k" not in str(sent.url)
    batches = provider.content_batches([f"v{i}" for i in range(120)])
    assert [len(b) for b in batches] == [50, 50, 20]


@respx.mock
def test_youtube_channels_by_id_in_one_call_and_by_handle_one_each(db):
    by_id = respx.get(f"{pinned(YT, GOOGLE_IP)}/channels").respond(
        200, json=fixture("youtube", "channels_list.json")
    )
    provider = provider_for("youtube")
    cid = "https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw"
    out = provider.fetch_channels(client_for("youtube", {"api_key": "k"}), [cid])
    assert out[cid].numbers.followers == 2410000
    assert out[cid].numbers.posts == 6801
    assert by_id.calls.last.request.url.params["id"] == "UC_x5XG1OV2P6uZZ5FSM9Ttw"
    handles = [f"https://www.youtube.com/@kim{i}" for i in range(3)]
    ids = [f"UC{i:022d}" for i in range(60)]
    batches = provider.channel_batches(ids + handles)
    assert [len(b) for b in batches] == [50, 10, 1, 1, 1]


@respx.mock
def test_youtube_quota_error_and_bad_key_are_told_apart(db):
    route = respx.get(f"{pinned(YT, GOOGLE_IP)}/videos")
    provider = provider_for("youtube")
    route.respond(403, json=fixture("youtube", "error_quota.json"))
    with pytest.raises(QuotaExhausted):
        provider.fetch_content(client_for("youtube", {"api_key": "k"}), ["a"])
    route.respond(400, json=fixture("youtube", "error_key_invalid.json"))
    with pytest.raises(CredentialDead):
        provider.fetch_content(client_for("youtube", {"api_key": "k"}), ["a"])
    route.respond(404, json={"error": {"message": "nope"}})
    with pytest.raises(ItemRefused):
        provider.fetch_content(client_for("youtube", {"api_key": "k"}), ["a"])
    assert route.call_count == 3  # no 4xx was retried


@respx.mock
def test_instagram_business_discovery(db):
    base = pinned(GRAPH, GRAPH_IP)
    route = respx.get(f"{base}/17841405309211844").mock(
        side_effect=[
            httpx.Response(
                200, json=fixture("instagram", "business_discovery_counts.json")
            ),
            httpx.Response(
                200, json=fixture("instagram", "business_discovery_media.json")
            ),
        ]
    )
    provider = provider_for("instagram")
    secret = {"access_token": "IGQ-token", "ig_user_id": "17841405309211844"}
    out = provider.fetch_channels(
        client_for("instagram", secret), ["https://www.instagram.com/bluebottle/"]
    )
    assert out["https://www.instagram.com/bluebottle/"].numbers.followers == 267793
    fields = route.calls.last.request.url.params["fields"]
    assert fields.startswith("business_discovery.username(bluebottle)")
    keys = ["bluebottle:CwXyZ123abc", "bluebottle:Cv9QrSTuvwx", "bluebottle:old"]
    assert provider.content_batches(keys + ["other:x"]) == [keys, ["other:x"]]
    out = provider.fetch_content(client_for("instagram", secret), keys)
    assert out["bluebottle:CwXyZ123abc"].numbers.likes == 1579
    assert out["bluebottle:Cv9QrSTuvwx"].numbers.comments == 4
    assert out["bluebottle:old"].numbers is None


@respx.mock
def test_facebook_posts_by_ids_and_dead_token(db):
    base = pinned(GRAPH, GRAPH_IP)
    route = respx.get(f"{base}/").respond(
        200, json=fixture("facebook", "posts_by_ids.json")
    )
    provider = provider_for("facebook")
    ids = ["104752131234567_123456789012345", "104752131234567_223456789012345"]
    out = provider.fetch_content(client_for("facebook", {"access_token": "EAAB"}), ids)
    assert out[ids[0]].numbers.likes == 348
    assert out[ids[0]].numbers.shares == 12
    assert out[ids[1]].numbers.shares == 0
    assert route.calls.last.request.url.params["ids"] == ",".join(ids)
    assert [len(b) for b in provider.content_batches([str(i) for i in range(51)])] == [
        50,
        1,
    ]
    route.respond(400, json=fixture("facebook", "error_token_expired.json"))
    with pytest.raises(CredentialDead):
        provider.fetch_content(client_for("facebook", {"access_token": "EAAB"}), ids)


@respx.mock
def test_tiktok_video_query_20_per_call(db):
    route = respx.post(f"{pinned(TT, TT_IP)}/video/query/").respond(
        200, json=fixture("tiktok", "video_query.json")
    )
    provider = provider_for("tiktok")
    ids = ["7234567890123456789", "7234567890123456790"]
    out = provider.fetch_content(client_for("tiktok", {"access_token": "act.x"}), ids)
    assert out[ids[0]].numbers.views == 10234
    assert out[ids[0]].numbers.shares == 17
    sent = route.calls.last.request
    assert json.loads(sent.content) == {"filters": {"video_ids": ids}}
    assert sent.headers["authorization"] == "Bearer act.x"
    assert [len(b) for b in provider.content_batches([str(i) for i in range(45)])] == [
        20,
        20,
        5,
    ]
    route.respond(200, json=fixture("tiktok", "error_access_token_invalid.json"))
    with pytest.raises(CredentialDead):
        provider.fetch_content(client_for("tiktok", {"access_token": "act.x"}), ids)


@respx.mock
def test_tiktok_user_info_and_refresh(db):
    respx.get(f"{pinned(TT, TT_IP)}/user/info/").respond(
        200, json=fixture("tiktok", "user_info.json")
    )
    token = respx.post(f"{pinned(TT, TT_IP)}/oauth/token/").respond(
        200, json=fixture("tiktok", "token.json")
    )
    provider = provider_for("tiktok")
    client = client_for("tiktok", {"access_token": "act.x"})
    out = provider.fetch_channels(client, ["@kim"])
    assert out["@kim"].numbers.followers == 3120
    new = provider.refresh(client, {"refresh_token": "rft.old"})
    assert new["access_token"] == "act.new-access-token"
    assert new["refresh_token"] == "rft.new-refresh-token"
    assert b"refresh_token=rft.old" in token.calls.last.request.content
    token.respond(400, json=fixture("tiktok", "token_invalid_grant.json"))
    with pytest.raises(CredentialDead):
        provider.refresh(client, {"refresh_token": "rft.old"})


@respx.mock
def test_x_public_metrics_and_missing_posts(db):
    route = respx.get(f"{pinned(XB, X_IP)}/tweets").respond(
        200, json=fixture("x", "tweets.json")
    )
    provider = provider_for("x")
    ids = ["1460323737035677698", "1460323737035677699"]
    out = provider.fetch_content(client_for("x", {"bearer_token": "AAAA"}), ids)
    assert out[ids[0]].numbers.views == 90211
    assert out[ids[0]].numbers.shares == 228 + 76
    assert out[ids[1]].unreadable
    assert route.calls.last.request.url.params["tweet.fields"] == "public_metrics"


def test_x_is_off_without_a_bearer_token(settings):
    settings.X_BEARER_TOKEN = ""
    assert provider_for("x").env_credential() is None
    settings.X_BEARER_TOKEN = "AAAA"
    assert provider_for("x").env_credential() is not None


@respx.mock
def test_website_wordpress_comment_count(db):
    site = f"https://{SITE_IP}"
    url = "https://kim-tulungrejo.example.id/2026/11/panen-raya/"
    respx.get(f"{site}/2026/11/panen-raya/").respond(200, text="<html></html>")
    respx.get(f"{site}/wp-json/wp/v2/posts").respond(
        200, json=fixture("website", "wp_posts.json")
    )
    comments = respx.get(f"{site}/wp-json/wp/v2/comments").respond(
        200, json=[], headers={"X-WP-Total": "7"}
    )
    out = provider_for("web").fetch_content(None, [url])
    assert out[url].numbers.comments == 7
    assert comments.calls.last.request.url.params["post"] == "4121"


@respx.mock
def test_website_feed_fallback_and_blocked_url(db):
    site = f"https://{SITE_IP}"
    url = "https://kim-tulungrejo.example.id/2026/11/panen-raya/"
    respx.get(f"{site}/2026/11/panen-raya/").respond(200, text="ok")
    respx.get(f"{site}/wp-json/wp/v2/posts").respond(404)
    respx.get(f"{site}/feed/").respond(
        200, content=(FIXTURES / "website" / "feed.xml").read_bytes()
    )
    out = provider_for("web").fetch_content(None, [url])
    assert out[url].numbers.comments == 7
    inward = "http://169.254.169.254/latest/"
    out = provider_for("web").fetch_content(None, [inward])
    assert out[inward].unreadable and "diblokir" in out[inward].error

"""The metrics pages: OAuth "Hubungkan" round trip (state checked, code exchanged with a
mocked platform), manual numbers with a screenshot, the pull-run history."""

from urllib.parse import parse_qs, urlsplit

import pytest
import respx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kimportal.accounts.models import Role
from kimportal.core.testing import outbound_resolver
from monitoring.models import ContentItem
from monitoring.models_metrics import (
    ChannelConnection,
    ContentSnapshot,
    MetricCredential,
    PullRun,
)
from monitoring.providers.crypto import secret_decrypt, secret_encrypt
from registry.models import KimChannel
from registry.tests.factories import PNG_BYTES, UserFactory, VerifiedKimFactory

pytestmark = pytest.mark.allow_hosts(["127.0.0.1", "::1", "localhost"])

TT_IP = "23.36.1.10"


@pytest.fixture
def kim(regions):
    return VerifiedKimFactory()


@pytest.fixture
def kim_client(client, kim):
    user = UserFactory(
        username="kim-metrik", password="x-pass-123", role=Role.KIM, kim=kim
    )
    client.force_login(user)
    return client


@pytest.fixture
def tiktok(settings):
    settings.TIKTOK_CLIENT_KEY = "ck-demo"
    settings.TIKTOK_CLIENT_SECRET = "cs-demo"
    with outbound_resolver({"open.tiktokapis.com": [TT_IP]}):
        yield


@respx.mock
def test_connect_round_trip_checks_state_and_stores_the_token_encrypted(
    kim, kim_client, tiktok
):
    channel = KimChannel.objects.create(kim=kim, platform="tiktok", address="@kimku")
    response = kim_client.get(reverse("metrics:channel-connect", args=[channel.pk]))
    assert response.status_code == 302
    consent = urlsplit(response["Location"])
    query = parse_qs(consent.query)
    assert consent.netloc == "www.tiktok.com"
    assert query["client_key"] == ["ck-demo"]
    state = query["state"][0]
    token = respx.post(f"https://{TT_IP}/v2/oauth/token/").respond(
        200,
        json={
            "access_token": "act.granted",
            "refresh_token": "rft.granted",
            "expires_in": 86400,
            "refresh_expires_in": 31536000,
            "open_id": "open-123",
        },
    )
    callback = reverse("metrics:oauth-callback", args=["tiktok"])
    # A wrong state is refused and nothing is exchanged.
    kim_client.get(callback, {"state": "forged", "code": "c0de"})
    assert not token.called and not ChannelConnection.objects.exists()
    # The state was used up by the failed attempt: start again.
    response = kim_client.get(reverse("metrics:channel-connect", args=[channel.pk]))
    state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
    kim_client.get(callback, {"state": state, "code": "c0de"})
    assert b"code=c0de" in token.calls.last.request.content
    conn = ChannelConnection.objects.get(channel=channel)
    assert conn.external_id == "open-123" and conn.status == "connected"
    assert b"act.granted" not in bytes(conn.token_encrypted)
    assert secret_decrypt(conn.token_encrypted)["access_token"] == "act.granted"


def test_another_kims_channel_cannot_be_connected(kim, kim_client):
    other = VerifiedKimFactory()
    channel = KimChannel.objects.create(kim=other, platform="tiktok", address="@lain")
    response = kim_client.get(reverse("metrics:channel-connect", args=[channel.pk]))
    assert response.status_code == 404


def test_manual_numbers_need_a_screenshot_and_are_shown_as_manual(kim, kim_client):
    item = ContentItem.objects.create(
        platform="website",
        platform_id="https://desa.example/p",
        url="https://desa.example/p",
        kim=kim,
    )
    url = reverse("metrics:manual-entry", args=[item.pk])
    response = kim_client.post(url, {"views": 120})
    assert response.status_code == 200 and not ContentSnapshot.objects.exists()
    bogus = SimpleUploadedFile("x.png", b"MZ-not-an-image", content_type="image/png")
    response = kim_client.post(url, {"views": 120, "screenshot": bogus})
    assert not ContentSnapshot.objects.exists()
    shot = SimpleUploadedFile("layar.png", PNG_BYTES, content_type="image/png")
    response = kim_client.post(url, {"views": 120, "likes": 9, "screenshot": shot})
    assert response.status_code == 302
    snap = ContentSnapshot.objects.get(content_item=item)
    assert (snap.views, snap.likes, snap.source) == (120, 9, "manual")
    page = kim_client.get(url)
    assert "Manual" in page.content.decode()


def test_pull_run_page_lists_runs_and_never_secrets(client, demo_users, db):
    MetricCredential.objects.create(
        platform="youtube",
        kind="api_key",
        secret_encrypted=secret_encrypt({"api_key": "AIza-very-secret"}),
    )
    PullRun.objects.create(
        platform="youtube", day="2026-12-01", tried=5, failed=5, errors=["HTTP 503"]
    )
    client.force_login(demo_users["kementerian"])
    page = client.get(reverse("metrics:pull-runs")).content.decode()
    assert "HTTP 503" in page and "AIza-very-secret" not in page


def test_office_sets_its_credential_and_never_sees_it_again(client, demo_users):
    officer = demo_users["kab-malang"]
    client.force_login(officer)
    url = reverse("metrics:credentials")
    response = client.post(url, {"platform": "youtube", "api_key": "AIza-office-key"})
    assert response.status_code == 302
    cred = MetricCredential.objects.get(office=officer.office, active=True)
    assert secret_decrypt(cred.secret_encrypted) == {"api_key": "AIza-office-key"}
    page = client.get(url).content.decode()
    assert "AIza-office-key" not in page and "youtube" in page
    # A new key replaces the old one, which is kept inactive (never deleted).
    client.post(url, {"platform": "youtube", "api_key": "AIza-second"})
    assert MetricCredential.objects.filter(office=officer.office).count() == 2
    assert (
        MetricCredential.objects.filter(office=officer.office, active=True).count() == 1
    )
    response = client.post(url, {"platform": "youtube", "api_key": ""})
    assert "Lengkapi" in response.content.decode()

"""Issue 7, finding 4: API tokens are hashed, expire, can be revoked one by one, and all
go (with every session) when the password changes or the account is deactivated."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from conftest import DEMO_PASSWORD, totp_now

TOKEN_URL = "/api/v1/auth/token/"


def obtain(username, otp=None, password=DEMO_PASSWORD):
    body = {"username": username, "password": password}
    if otp is not None:
        body["otp"] = otp
    return APIClient().post(TOKEN_URL, body, format="json")


def reads(token) -> int:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api.get("/api/v1/kim/").status_code


def test_staff_need_a_current_code_for_a_token(demo_users):
    assert obtain("kab-malang").status_code == 400
    assert "otp" in obtain("kab-malang", otp="123456").json()

    answer = obtain("kab-malang", otp=totp_now("kab-malang"))

    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"token", "expiry"}
    assert reads(body["token"]) == 200


def test_tokens_are_stored_hashed_and_expire_after_thirty_days(demo_users):
    token = obtain("kab-malang", otp=totp_now("kab-malang")).json()["token"]

    stored = AuthToken.objects.get(user=demo_users["kab-malang"])
    assert token not in (stored.digest, stored.token_key)
    assert stored.expiry - timezone.now() > timedelta(days=29, hours=23)
    assert stored.expiry - timezone.now() <= timedelta(days=30)

    AuthToken.objects.filter(pk=stored.pk).update(
        expiry=timezone.now() - timedelta(seconds=1)
    )
    assert reads(token) == 401


def test_delete_revokes_the_presented_token_only(demo_users):
    first = obtain("kab-malang", otp=totp_now("kab-malang")).json()["token"]
    second = obtain("kab-malang", otp=totp_now("kab-malang")).json()["token"]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {first}")

    assert api.delete(TOKEN_URL).status_code == 204
    assert reads(first) == 401
    assert reads(second) == 200


@pytest.mark.real_mfa
def test_my_tokens_page_lists_and_revokes(client, demo_users):
    token = obtain("kab-malang", otp=totp_now("kab-malang")).json()["token"]
    key = AuthToken.objects.get(user=demo_users["kab-malang"]).token_key
    client.force_login(demo_users["kab-malang"])
    session = client.session
    session["kimportal_mfa"] = "verified"
    session.save()

    page = client.get(reverse("accounts:token-list")).content.decode()
    assert key[:8] in page
    assert token not in page
    other = Client()
    other.force_login(demo_users["kota-malang"])
    assert other.post(reverse("accounts:token-revoke", args=[key])).status_code in (
        302,
        404,
    )
    assert reads(token) == 200  # not theirs to revoke

    client.post(reverse("accounts:token-revoke", args=[key]))

    assert reads(token) == 401


def test_password_change_ends_tokens_and_other_sessions(client, demo_users):
    user = demo_users["kab-malang"]
    token = obtain("kab-malang", otp=totp_now("kab-malang")).json()["token"]
    elsewhere = Client()
    elsewhere.force_login(user)
    client.force_login(user)

    client.post(
        reverse("accounts:password-change"),
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "Sandi-Baru-2026!",
            "new_password2": "Sandi-Baru-2026!",
        },
    )

    assert reads(token) == 401
    assert elsewhere.get(reverse("home")).status_code == 302
    assert client.get(reverse("home")).status_code == 200  # the one that changed it


def test_deactivation_ends_tokens_and_sessions_and_reactivation_does_not_revive_them(
    client, demo_users
):
    user = demo_users["kab-malang"]
    token = obtain("kab-malang", otp=totp_now("kab-malang")).json()["token"]
    client.force_login(user)

    user.is_active = False
    user.save(update_fields=["is_active"])
    user.is_active = True
    user.save(update_fields=["is_active"])

    assert reads(token) == 401
    assert client.get(reverse("home")).status_code == 302


def test_kim_accounts_without_a_device_need_no_code(demo_users):
    from .factories import UserFactory

    UserFactory(username="kim-api", password="pass-12345", role="kim")

    assert obtain("kim-api", password="pass-12345").status_code == 200


def test_token_issue_and_revoke_are_in_the_security_log(demo_users):
    from kimportal.security.models import SecurityEvent

    token = obtain("kab-malang", otp=totp_now("kab-malang")).json()["token"]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    api.delete(TOKEN_URL)

    kinds = list(
        SecurityEvent.objects.filter(user_id=demo_users["kab-malang"].pk)
        .order_by("id")
        .values_list("kind", flat=True)
    )
    assert kinds[-2:] == ["token_issued", "token_revoked"]

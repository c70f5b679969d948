"""Signing in through the real forms: password, then the second factor."""

import base64

from django.urls import reverse
from django_otp.oath import TOTP

from conftest import totp_now


def password_step(client, username, password, **extra):
    return client.post(
        reverse("login"), {"username": username, "password": password}, **extra
    )


def sign_in(client, username, password):
    """Password and, if the account has an authenticator, its current code; returns
    the last answer."""
    response = password_step(client, username, password)
    if response.status_code != 302:
        return response
    follow = client.get(response.url)
    if follow.status_code == 302 and follow.url.startswith(
        reverse("accounts:mfa-verify")
    ):
        return client.post(follow.url, {"code": totp_now(username)})
    return response


def enrol(client):
    """Enrol an authenticator on the setup page, as a new officer does; returns the
    secret and the page with the recovery codes."""
    page = client.get(reverse("accounts:mfa-setup"))
    secret = page.context["secret"]
    code = f"{TOTP(base64.b32decode(secret)).token():06d}"
    done = client.post(reverse("accounts:mfa-setup"), {"code": code})
    return secret, done

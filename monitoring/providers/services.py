"""Writes of the metrics feature: credentials, manual numbers, OAuth connections."""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kimportal.core.access import guard
from kimportal.core.dates import today_in_jakarta
from kimportal.core.uploads import private_storage, server_file_name, validate_upload

from ..models_metrics import (
    ChannelConnection,
    ContentSnapshot,
    MetricCredential,
    MetricSource,
)
from .base import ApiClient, Credential
from .crypto import secret_encrypt
from .pull import connection_store_token
from .registry import provider_for

SECRET_FIELDS = {
    "youtube": ("api_key",),
    "instagram": ("access_token", "ig_user_id"),
    "x": ("bearer_token",),
}


def metric_credential_set(
    *, actor, platform: str, secret: dict, office=None, label: str = ""
) -> MetricCredential:
    """Store a new (encrypted) credential for an office, or the national one; the one it
    replaces is deactivated, not deleted."""
    needed = SECRET_FIELDS.get(platform)
    if needed is None:
        raise ValidationError(_("Platform ini tidak memakai kredensial kantor."))
    if any(not str(secret.get(f, "")).strip() for f in needed):
        raise ValidationError(_("Lengkapi isian kredensial: %s.") % ", ".join(needed))
    kind = (
        "bearer"
        if platform == "x"
        else "api_key"
        if platform == "youtube"
        else "app_token"
    )
    with transaction.atomic():
        guard(actor, "monitoring.set_metric_credential", office)
        old = MetricCredential.objects.select_for_update().filter(
            platform=platform, office=office, active=True
        )
        old.update(active=False)
        return MetricCredential.objects.create(
            platform=platform,
            office=office,
            kind=kind,
            label=label,
            secret_encrypted=secret_encrypt(
                {f: str(secret[f]).strip() for f in needed}
            ),
        )


def metric_manual_enter(
    *,
    actor,
    content_item,
    views=None,
    likes=None,
    comments=None,
    shares=None,
    screenshot=None,
    day: datetime.date | None = None,
) -> ContentSnapshot:
    """Numbers entered by hand (with a screenshot) for an item no provider can read;
    shown as manual wherever they appear. One row per item and day, like pulls."""
    numbers = {"views": views, "likes": likes, "comments": comments, "shares": shares}
    if all(v is None for v in numbers.values()):
        raise ValidationError(_("Isi setidaknya satu angka."))
    if any(v is not None and v < 0 for v in numbers.values()):
        raise ValidationError(_("Angka tidak boleh negatif."))
    if screenshot is None:
        raise ValidationError(_("Lampirkan tangkapan layar sebagai bukti."))
    fmt = validate_upload(screenshot, formats=("jpg", "png"))
    day = day or today_in_jakarta()
    with transaction.atomic():
        guard(actor, "monitoring.enter_metrics", content_item)
        name = private_storage().save(
            server_file_name("metrics", screenshot.name, fmt), screenshot
        )
        snapshot, _created = ContentSnapshot.objects.update_or_create(
            content_item=content_item,
            day=day,
            defaults={
                **numbers,
                "kim_id": content_item.kim_id,
                "platform": content_item.platform,
                "source": MetricSource.MANUAL,
                "screenshot": name,
                "entered_by": actor,
                "pulled_at": timezone.now(),
            },
        )
    return snapshot


# --- OAuth connect ("Hubungkan") for Facebook and TikTok ---------------------------

OAUTH_PLATFORMS = ("facebook", "tiktok")
SESSION_KEY = "metrics_oauth"


def channel_connect_start(*, actor, channel, session, redirect_uri: str) -> str:
    """The platform's consent URL; the state is kept in the session and checked on the
    way back."""
    if channel.platform not in OAUTH_PLATFORMS:
        raise ValidationError(_("Kanal ini tidak dihubungkan lewat izin platform."))
    guard(actor, "monitoring.connect_channel", channel)
    state = secrets.token_urlsafe(24)
    session[SESSION_KEY] = {"state": state, "channel": channel.pk}
    return provider_for(channel.platform).authorize_url(
        redirect_uri=redirect_uri, state=state
    )


def channel_connect_finish(
    *, actor, channel, session, state: str, code: str, redirect_uri: str
) -> ChannelConnection:
    """Check the state, exchange the code and store the (encrypted) token."""
    guard(actor, "monitoring.connect_channel", channel)
    pending = session.pop(SESSION_KEY, None) or {}
    if (
        not state
        or not secrets.compare_digest(str(pending.get("state", "")), state)
        or pending.get("channel") != channel.pk
    ):
        raise ValidationError(_("Permintaan izin tidak sah atau kedaluwarsa. Ulangi."))
    if not code:
        raise ValidationError(_("Izin tidak diberikan."))
    provider = provider_for(channel.platform)
    client = ApiClient(provider, Credential(f"oauth{channel.pk}", {}))
    token = provider.exchange_code(client, code=code, redirect_uri=redirect_uri)
    with transaction.atomic():
        guard(actor, "monitoring.connect_channel", channel)
        connection = (
            ChannelConnection.objects.select_for_update()
            .filter(channel=channel)
            .first()
        ) or ChannelConnection(channel=channel, kim_id=channel.kim_id)
        connection.platform = channel.platform
        connection.external_id = str(token.get("external_id") or "")[:100]
        connection_store_token(connection=connection, token=token)
    return connection

"""One pull: pick what is due, group it by credential, call the provider in batches,
upsert the day's snapshots and add to the day's pull run.

Safe to run twice at once: snapshots and statuses are upserted on their unique keys, the
pull run is updated under a row lock. The quota reservation in the shared cache makes a
second worker stop where the first one would have.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kimportal.core.dates import today_in_jakarta
from kimportal.core.outbound import BlockedURL
from kimportal.core.outbox import outbox_enqueue

from ..models import ContentItem
from ..models_metrics import (
    ChannelConnection,
    ChannelSnapshot,
    ConnectionStatus,
    ContentSnapshot,
    MetricCredential,
    MetricSource,
    MetricsStatus,
    PullRun,
)
from .base import (
    ApiClient,
    Credential,
    CredentialDead,
    ItemRefused,
    Outcome,
    Provider,
    ProviderError,
    QuotaExhausted,
)
from .crypto import secret_decrypt, secret_encrypt
from .registry import provider_for

logger = logging.getLogger(__name__)

SCOPES = ("all", "recent", "older", "channels")


@dataclass
class Target:
    """One thing to read: a content item or a channel, with the key the provider uses."""

    kind: str  # "content" | "channel"
    obj_id: int
    kim_id: int
    key: str
    village_code: str
    channel_id: int | None = None


@dataclass
class PullResult:
    platform: str
    tried: int = 0
    updated: int = 0
    failed: int = 0
    calls: int = 0
    quota_used: int = 0
    stopped_for_quota: bool = False
    errors: list[str] = field(default_factory=list)


def _content_targets(provider: Provider, kim_id, scope, now) -> list[Target]:
    recent_from = now - datetime.timedelta(days=settings.METRICS_RECENT_DAYS)
    older_due = now - datetime.timedelta(days=settings.METRICS_OLDER_EVERY_DAYS)
    items = ContentItem.objects.filter(platform=provider.platform).exclude(
        metrics_status__unreadable=True
    )
    if kim_id:
        items = items.filter(kim_id=kim_id)
    older = Q(first_seen_at__lt=recent_from) & (
        Q(metrics_status__isnull=True)
        | Q(metrics_status__last_ok_at__isnull=True)
        | Q(metrics_status__last_ok_at__lt=older_due)
    )
    if scope == "recent":
        items = items.filter(first_seen_at__gte=recent_from)
    elif scope == "older":
        items = items.filter(older)
    else:
        items = items.filter(Q(first_seen_at__gte=recent_from) | older)
    rows = items.values_list("id", "kim_id", "platform_id", "kim__village__code")
    targets = [Target("content", i, k, pid, code) for i, k, pid, code in rows]
    if provider.platform == "instagram":
        # Business Discovery reads per account: key by the KIM's Instagram username.
        from .instagram import instagram_username

        accounts = _kim_channels(provider, [t.kim_id for t in targets])
        keyed = []
        for t in targets:
            channel = accounts.get(t.kim_id)
            username = channel and instagram_username(channel[1])
            if username:
                t.key = f"{username}:{t.key}"
                keyed.append(t)
        targets = keyed
    return targets


def _kim_channels(provider: Provider, kim_ids) -> dict[int, tuple[int, str]]:
    from registry.models import KimChannel

    rows = KimChannel.objects.filter(
        platform=provider.platform, active=True, kim_id__in=set(kim_ids)
    ).values_list("kim_id", "id", "address")
    return {kim: (cid, address) for kim, cid, address in rows}


def _channel_targets(provider: Provider, kim_id) -> list[Target]:
    from registry.models import KimChannel

    if not provider.reads_channels:
        return []
    channels = KimChannel.objects.filter(platform=provider.platform, active=True)
    if kim_id:
        channels = channels.filter(kim_id=kim_id)
    rows = channels.values_list("id", "kim_id", "address", "kim__village__code")
    return [
        Target("channel", cid, kim, address, code, channel_id=cid)
        for cid, kim, address, code in rows
    ]


def _office_credentials(provider: Provider) -> Callable[[Target], Credential | None]:
    """The credential for a KIM: its kab/kota office's, else its province's, else the
    national one, else the environment's."""
    by_region: dict[str | None, Credential] = {}
    for cred in MetricCredential.objects.filter(
        platform=provider.platform, active=True
    ).select_related("office__region"):
        region = cred.office.region.code if cred.office and cred.office.region else None
        try:
            secret = secret_decrypt(cred.secret_encrypted)
        except ValueError:
            logger.warning("metrics credential %s cannot be decrypted", cred.pk)
            continue
        by_region[region] = Credential(f"cred{cred.pk}", secret, credential_id=cred.pk)
    fallback = by_region.get(None) or provider.env_credential()

    def resolve(target: Target) -> Credential | None:
        code = target.village_code
        return by_region.get(code[:5]) or by_region.get(code[:2]) or fallback

    return resolve


def _connection_credentials(provider: Provider, targets: list[Target]):
    channels = _kim_channels(provider, [t.kim_id for t in targets])
    connections = {
        c.kim_id: c
        for c in ChannelConnection.objects.filter(
            platform=provider.platform,
            status=ConnectionStatus.CONNECTED,
            kim_id__in=set(channels),
        )
    }
    creds: dict[int, Credential] = {}
    for kim_id, conn in connections.items():
        try:
            secret = secret_decrypt(conn.token_encrypted)
        except ValueError:
            continue
        creds[kim_id] = Credential(f"conn{conn.pk}", secret, connection_id=conn.pk)

    def resolve(target: Target) -> Credential | None:
        return creds.get(target.kim_id)

    return resolve


def connection_refresh_if_due(provider: Provider, client: ApiClient) -> None:
    """Refresh an OAuth token that expires within the margin (before the pull uses it)."""
    cred = client.credential
    if cred is None or cred.connection_id is None:
        return
    conn = ChannelConnection.objects.get(pk=cred.connection_id)
    margin = datetime.timedelta(hours=settings.METRICS_TOKEN_REFRESH_MARGIN_HOURS)
    if conn.expires_at is None or conn.expires_at > timezone.now() + margin:
        return
    new = provider.refresh(client, cred.secret)
    connection_store_token(connection=conn, token=new)
    cred.secret = {**cred.secret, **new}


def connection_store_token(*, connection: ChannelConnection, token: dict) -> None:
    now = timezone.now()
    secret = {
        k: token[k]
        for k in ("access_token", "refresh_token", "page_id")
        if token.get(k)
    }
    connection.token_encrypted = secret_encrypt(secret)
    if token.get("expires_in"):
        connection.expires_at = now + datetime.timedelta(
            seconds=int(token["expires_in"])
        )
    if token.get("refresh_expires_in"):
        connection.refresh_expires_at = now + datetime.timedelta(
            seconds=int(token["refresh_expires_in"])
        )
    connection.status = ConnectionStatus.CONNECTED
    connection.dead_at = None
    connection.last_error = ""
    connection.save()


def credential_mark_dead(cred: Credential | None, reason: str) -> None:
    """The platform refused the credential: mark it, and tell the KIM whose grant it was."""
    if cred is None:
        return
    now = timezone.now()
    reason = reason[:300]
    if cred.credential_id:
        MetricCredential.objects.filter(pk=cred.credential_id).update(
            dead_at=now, last_error=reason
        )
    if cred.connection_id:
        with transaction.atomic():
            conn = (
                ChannelConnection.objects.select_for_update()
                .select_related("kim", "channel")
                .get(pk=cred.connection_id)
            )
            if conn.status == ConnectionStatus.DEAD:
                return
            conn.status = ConnectionStatus.DEAD
            conn.dead_at = now
            conn.last_error = reason
            conn.save()
            email = getattr(conn.kim, "email", "")
            if email:
                outbox_enqueue(
                    kind="core.plain_email",
                    context={
                        "subject": "Kanal perlu dihubungkan ulang",
                        "body": f"Izin {conn.platform} untuk kanal "
                        f"{conn.channel.address} tidak berlaku lagi. Buka portal KIM "
                        "dan tekan “Hubungkan” lagi agar angka kanal tetap diperbarui.",
                        "to": [email],
                    },
                    idempotency_key=f"metrics-dead:{conn.pk}:{now.isoformat()}",
                )


def _save(
    day, targets: dict[str, list[Target]], outcomes: dict[str, Outcome], platform
):
    """Upsert the day's snapshots and the statuses of the targets read."""
    now = timezone.now()
    content, channels, statuses = [], [], []
    updated = failed = 0
    for key, outcome in outcomes.items():
        for t in targets.get(key, []):
            n = outcome.numbers
            status = MetricsStatus(
                kim_id=t.kim_id,
                content_item_id=t.obj_id if t.kind == "content" else None,
                channel_id=t.obj_id if t.kind == "channel" else None,
                last_ok_at=now if n else None,
                last_error=outcome.error[:300],
                last_error_at=None if n else now,
                unreadable=outcome.unreadable,
            )
            statuses.append(status)
            if n is None:
                failed += 1
                continue
            updated += 1
            common = dict(
                kim_id=t.kim_id,
                platform=platform,
                day=day,
                source=MetricSource.API,
                pulled_at=now,
            )
            if t.kind == "content":
                content.append(
                    ContentSnapshot(
                        content_item_id=t.obj_id,
                        views=n.views,
                        likes=n.likes,
                        comments=n.comments,
                        shares=n.shares,
                        **common,
                    )
                )
            else:
                channels.append(
                    ChannelSnapshot(
                        channel_id=t.obj_id,
                        followers=n.followers,
                        views=n.views,
                        posts=n.posts,
                        **common,
                    )
                )
    with transaction.atomic():
        if content:
            ContentSnapshot.objects.bulk_create(
                content,
                update_conflicts=True,
                unique_fields=["content_item", "day"],
                update_fields=[
                    "views",
                    "likes",
                    "comments",
                    "shares",
                    "source",
                    "pulled_at",
                ],
            )
        if channels:
            ChannelSnapshot.objects.bulk_create(
                channels,
                update_conflicts=True,
                unique_fields=["channel", "day"],
                update_fields=["followers", "views", "posts", "source", "pulled_at"],
            )
        for kind in ("content_item", "channel"):
            rows = [s for s in statuses if getattr(s, f"{kind}_id")]
            if rows:
                ok = [s for s in rows if s.last_ok_at]
                bad = [s for s in rows if not s.last_ok_at]
                if ok:
                    MetricsStatus.objects.bulk_create(
                        ok,
                        update_conflicts=True,
                        unique_fields=[kind],
                        update_fields=["last_ok_at", "last_error", "unreadable"],
                    )
                if bad:
                    MetricsStatus.objects.bulk_create(
                        bad,
                        update_conflicts=True,
                        unique_fields=[kind],
                        update_fields=["last_error", "last_error_at", "unreadable"],
                    )
    return updated, failed


def _run_group(provider, client, targets: list[Target], result: PullResult, day):
    by_key: dict[str, list[Target]] = defaultdict(list)
    for t in targets:
        by_key[t.key].append(t)
    kind = targets[0].kind
    keys = list(by_key)
    batches = (
        provider.content_batches(keys)
        if kind == "content"
        else provider.channel_batches(keys)
    )
    for index, batch in enumerate(batches):
        if client.exhausted:
            result.stopped_for_quota = True
            result.errors.append(
                f"{provider.platform}: batas pemakaian platform tercapai"
            )
            return
        try:
            fetch = (
                provider.fetch_content if kind == "content" else provider.fetch_channels
            )
            outcomes = fetch(client, batch)
        except QuotaExhausted as exc:
            result.stopped_for_quota = True
            result.errors.append(f"{client.credential!r}: kuota habis ({exc})")
            return
        except CredentialDead as exc:
            credential_mark_dead(client.credential, str(exc))
            # This batch and every one after it go unread.
            result.failed += sum(len(by_key[k]) for b in batches[index:] for k in b)
            result.errors.append(f"{client.credential!r}: kredensial mati")
            return
        except ItemRefused as exc:
            outcomes = {k: Outcome(error=str(exc)[:300]) for k in batch}
        except (ProviderError, BlockedURL) as exc:
            result.failed += sum(len(by_key[k]) for k in batch)
            result.errors.append(f"{provider.platform}: {str(exc)[:200]}")
            continue
        updated, failed = _save(day, by_key, outcomes, provider.platform)
        result.updated += updated
        result.failed += failed


def metrics_pull(
    *,
    platform: str,
    kim_id: int | None = None,
    scope: str = "all",
    sleep: Callable[[float], None] | None = None,
) -> PullResult:
    """Pull what is due for one platform now (see the module docstring)."""
    provider = provider_for(platform)
    day = today_in_jakarta()
    now = timezone.now()
    targets: list[Target] = []
    if scope in ("all", "recent", "older") and provider.reads_content:
        targets += _content_targets(provider, kim_id, scope, now)
    if scope in ("all", "channels"):
        targets += _channel_targets(provider, kim_id)
    result = PullResult(platform=provider.platform, tried=len(targets))
    if provider.credential_source == "office":
        resolve = _office_credentials(provider)
    elif provider.credential_source == "connection":
        resolve = _connection_credentials(provider, targets)
    else:

        def resolve(target):
            return None

    groups: dict[tuple[str, str], tuple[Credential | None, list[Target]]] = {}
    no_credential = 0
    for t in targets:
        cred = resolve(t)
        if cred is None and provider.credential_source != "none":
            no_credential += 1
            continue
        key = (cred.key if cred else "-", t.kind)
        groups.setdefault(key, (cred, []))[1].append(t)
    if no_credential:
        result.failed += no_credential
        result.errors.append(
            f"{no_credential} target tanpa kredensial {provider.label}"
        )
    for (_key, _kind), (cred, group) in groups.items():
        client = ApiClient(provider, cred, sleep=sleep)
        try:
            connection_refresh_if_due(provider, client)
        except (CredentialDead, ProviderError, ItemRefused) as exc:
            credential_mark_dead(cred, str(exc))
            result.failed += len(group)
            result.errors.append(f"{cred!r}: token tidak dapat diperbarui")
            continue
        _run_group(provider, client, group, result, day)
        result.calls += client.calls
        result.quota_used += client.units
    pull_run_record(result, day=day, started_at=now)
    return result


def pull_run_record(result: PullResult, *, day, started_at) -> PullRun:
    with transaction.atomic():
        run, _ = PullRun.objects.get_or_create(platform=result.platform, day=day)
        run = PullRun.objects.select_for_update().get(pk=run.pk)
        run.runs += 1
        run.tried += result.tried
        run.updated += result.updated
        run.failed += result.failed
        run.calls += result.calls
        run.quota_used += result.quota_used
        run.stopped_for_quota = run.stopped_for_quota or result.stopped_for_quota
        run.errors = (run.errors + result.errors)[-50:]
        run.started_at = run.started_at or started_at
        run.finished_at = timezone.now()
        run.save()
    return run

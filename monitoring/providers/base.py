"""The provider interface and the HTTP client every provider calls through.

`ApiClient.call` goes through the core's guarded client (a configured base URL is exempt
from the inward-address check only when DEBUG or METRICS_ALLOW_PRIVATE_BASES), counts
quota per credential in the shared cache (Redis) before each call and stops before the
quota runs out, retries 429/5xx/timeouts with backoff honouring `Retry-After`, and turns
other 4xx answers into `ItemRefused` (recorded on the item, not retried).
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar

from django.conf import settings
from django.core.cache import cache

from kimportal.core.dates import today_in_jakarta
from kimportal.core.outbound import BlockedURL, OutboundError, guarded_request

RETRY_STATUSES = {429, 500, 502, 503, 504}


class ProviderError(Exception):
    """The pull for this credential cannot go on (after retries)."""


class QuotaExhausted(ProviderError):
    """The next call would pass the credential's daily quota (or the platform said its
    rate limit is used up): stop before it."""


class CredentialDead(ProviderError):
    """The platform refuses the credential itself (expired, revoked)."""


class ItemRefused(Exception):
    """A 4xx other than 429 for one request: recorded on the items, not retried."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass
class Numbers:
    views: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    followers: int | None = None
    posts: int | None = None


@dataclass
class Outcome:
    """What a provider learnt about one item or channel."""

    numbers: Numbers | None = None
    error: str = ""
    unreadable: bool = False  # gone / private / not ours: not asked again


@dataclass
class Credential:
    """A decrypted credential, in memory only. `key` names it for quota counting."""

    key: str
    secret: dict = field(repr=False)
    credential_id: int | None = None
    connection_id: int | None = None

    def __repr__(self) -> str:  # never the secret
        return f"Credential({self.key!r})"


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


class Provider:
    """One platform. Subclasses say what they read and need, and parse its answers."""

    platform: ClassVar[str]
    label: ClassVar[Any]  # str or a lazy translation
    reads: ClassVar[tuple[str, ...]] = ()
    needs: ClassVar[Any] = ""
    # "office": an office's (or the national) key; "connection": the KIM's OAuth grant;
    # "none": public pages, no credential.
    credential_source: ClassVar[str] = "office"
    batch_size: ClassVar[int] = 1
    units_per_call: ClassVar[int] = 1
    quota_setting: ClassVar[str | None] = None
    base_setting: ClassVar[str]
    timeout: ClassVar[float] = 15.0
    reads_channels: ClassVar[bool] = True
    reads_content: ClassVar[bool] = True

    def base_url(self) -> str:
        return getattr(settings, self.base_setting).rstrip("/")

    def daily_quota(self) -> int | None:
        return getattr(settings, self.quota_setting) if self.quota_setting else None

    def enabled(self) -> bool:
        return True

    def env_credential(self) -> Credential | None:
        """A credential from settings/environment, used when no office has stored one."""
        return None

    def fetch_content(
        self, client: ApiClient, ids: list[str]
    ) -> dict[str, Outcome]:  # pragma: no cover - interface
        raise NotImplementedError

    def fetch_channels(
        self, client: ApiClient, addresses: list[str]
    ) -> dict[str, Outcome]:  # pragma: no cover - interface
        raise NotImplementedError

    def content_batches(self, ids: list[str]) -> list[list[str]]:
        n = self.batch_size
        return [ids[i : i + n] for i in range(0, len(ids), n)]

    def channel_batches(self, addresses: list[str]) -> list[list[str]]:
        return [[a] for a in addresses]

    def authorize_url(self, *, redirect_uri: str, state: str) -> str:
        """The consent page of an OAuth provider."""
        raise NotImplementedError

    def exchange_code(self, client: ApiClient, *, code: str, redirect_uri: str) -> dict:
        """The token for an OAuth callback's code."""
        raise NotImplementedError

    def refresh(self, client: ApiClient, secret: dict) -> dict:
        """A new secret from the refresh token (OAuth providers)."""
        raise CredentialDead("this credential cannot be refreshed")


def quota_key(provider: Provider, credential: Credential) -> str:
    return f"metrics:quota:{provider.platform}:{credential.key}:{today_in_jakarta()}"


def quota_forget_all() -> None:
    """Drop every quota counter (tests and the benchmark start from zero)."""
    backend: Any = getattr(cache, "_cache", None)
    if hasattr(backend, "get_client"):  # Django's RedisCache
        client = backend.get_client(None, write=True)
        keys = list(client.scan_iter(match="*metrics:quota:*"))
        if keys:
            client.delete(*keys)
    elif isinstance(backend, dict):  # LocMemCache
        for key in [k for k in backend if "metrics:quota:" in k]:
            backend.pop(key, None)


def quota_used(provider: Provider, credential: Credential) -> int:
    return int(cache.get(quota_key(provider, credential)) or 0)


def _retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class ApiClient:
    """Calls one provider's API with one credential; counts calls and quota."""

    max_attempts = 4
    backoff_base = 1.0

    def __init__(
        self,
        provider: Provider,
        credential: Credential | None,
        *,
        sleep: Callable[[float], None] | None = None,
    ):
        self.provider = provider
        self.credential = credential
        # Looked up at call time so tests can replace time.sleep.
        self.sleep = sleep or (lambda seconds: time.sleep(seconds))
        self.calls = 0
        self.units = 0
        self.slept: list[float] = []

    @property
    def secret(self) -> dict:
        if self.credential is None:
            raise CredentialDead("no credential")
        return self.credential.secret

    def _reserve(self, units: int) -> None:
        limit = self.provider.daily_quota()
        if not units or limit is None or self.credential is None:
            return
        key = quota_key(self.provider, self.credential)
        cache.add(key, 0, timeout=2 * 24 * 3600)
        if cache.incr(key, units) > limit:
            cache.decr(key, units)
            raise QuotaExhausted("daily quota would be exceeded")
        self.units += units

    def _allow_private_base(self) -> str | None:
        return self.provider.base_url()

    def call(
        self,
        method: str,
        url: str,
        *,
        params: dict | None = None,
        headers: dict | None = None,
        json_body: Any = None,
        form: dict | None = None,
        units: int | None = None,
    ) -> Any:
        """One API call, retried as the module says. Returns the decoded JSON."""
        units = self.provider.units_per_call if units is None else units
        self._reserve(units)
        sent_headers = dict(headers or {})
        content = None
        if json_body is not None:
            content = json.dumps(json_body).encode()
            sent_headers["Content-Type"] = "application/json"
        elif form is not None:
            from urllib.parse import urlencode

            content = urlencode(form).encode()
            sent_headers["Content-Type"] = "application/x-www-form-urlencoded"
        attempt = 0
        while True:
            attempt += 1
            self.calls += 1
            wait = None
            try:
                response = guarded_request(
                    method,
                    url,
                    params=params,
                    headers=sent_headers,
                    content=content,
                    timeout=self.provider.timeout,
                    max_bytes=5_000_000,
                    allow_private_base=self._allow_private_base(),
                )
            except BlockedURL:
                raise
            except OutboundError as exc:
                if attempt >= self.max_attempts:
                    raise ProviderError(f"network: {exc}") from exc
            else:
                status = response.status_code
                self._read_usage_headers(response.headers)
                if status < 400:
                    try:
                        return response.json()
                    except ValueError as exc:
                        raise ProviderError("answer is not JSON") from exc
                if status not in RETRY_STATUSES:
                    self._refuse(status, response)
                if attempt >= self.max_attempts:
                    raise ProviderError(f"HTTP {status} after {attempt} attempts")
                wait = _retry_after_seconds(response.headers.get("retry-after"))
                if wait is not None and wait > settings.METRICS_RETRY_MAX_WAIT:
                    raise QuotaExhausted(f"HTTP {status}: retry after {int(wait)} s")
            if wait is None:
                wait = self.backoff_base * 2 ** (attempt - 1)
            self.slept.append(wait)
            self.sleep(wait)

    def _refuse(self, status: int, response) -> None:
        message = self.provider_error_message(response)
        if status == 401:
            raise CredentialDead(f"HTTP 401: {message}")
        raise ItemRefused(status, f"HTTP {status}: {message}")

    @staticmethod
    def provider_error_message(response) -> str:
        """The platform's own error text, short (never echoes the request URL, which may
        carry a key)."""
        try:
            body = response.json()
        except ValueError:
            return "error"
        error = body.get("error") if isinstance(body, dict) else None
        if isinstance(error, dict):
            return str(error.get("message") or error.get("code") or "error")[:200]
        if isinstance(error, str):
            return error[:200]
        return "error"

    def _read_usage_headers(self, headers) -> None:
        """X says how many calls are left; Facebook how much of the hour is used."""
        remaining = headers.get("x-rate-limit-remaining")
        if remaining is not None and remaining.strip() == "0":
            self.exhausted = True
        for name in ("x-app-usage", "x-business-use-case-usage"):
            raw = headers.get(name)
            if not raw:
                continue
            try:
                usage = json.loads(raw)
            except ValueError:
                continue
            blocks = usage.values() if name.startswith("x-business") else [[usage]]
            for block in blocks:
                for entry in block if isinstance(block, list) else [block]:
                    for metric in ("call_count", "total_time", "total_cputime"):
                        if (_int(entry.get(metric)) or 0) >= 95:
                            self.exhausted = True

    exhausted = False


def numbers_from(data: dict, mapping: dict[str, str]) -> Numbers:
    """Numbers from a platform's dict: mapping is {our field: their field}."""
    return Numbers(**{ours: _int(data.get(theirs)) for ours, theirs in mapping.items()})

"""The client's address, and a small per-client rate limit on top of it.

`client_address` is the one answer to "who is asking" for every throttle of the portal
(these counters, the API's DRF throttles, django-axes through AXES_CLIENT_IP_CALLABLE).
Only the last TRUSTED_PROXY_COUNT hops of `X-Forwarded-For` are believed: they were
appended by our own reverse proxies. Anything to their left was written by the client
and may be anything, so with TRUSTED_PROXY_COUNT = 0 (no proxy, the default) the header
is ignored and the socket's address (REMOTE_ADDR) is the client.
"""

from django.conf import settings
from django.core.cache import cache
from python_ipware import IpWare


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return remote
    # The hop chain as our proxies saw it: what they forwarded plus the last proxy
    # itself (REMOTE_ADDR). The client is the hop just left of our `proxies` proxies;
    # a chain shorter than that did not pass through them, so only REMOTE_ADDR counts.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    chain = ", ".join(part for part in (forwarded, remote) if part.strip())
    ip, _trusted = IpWare(
        precedence=("X_FORWARDED_FOR",), proxy_count=proxies
    ).get_client_ip({"X_FORWARDED_FOR": chain})
    return str(ip) if ip is not None else remote


def counter_key(action: str, address: str) -> str:
    return f"throttle:{action}:{address}"


def allow(request, *, action: str, limit: int, window_seconds: int) -> bool:
    """Count one `action` by this client; False once it did more than `limit` in the
    window. Uses the shared cache (Redis in production), so it holds across hosts.

    Fails closed: when Redis cannot count (kimportal.core.cache.CacheUnavailable
    propagates), the request gets the 503 "coba lagi" page. These forms are anonymous
    and store files or answers; the throttle is their only flood guard, and a Redis
    outage is minutes, while a flood would stay in the data."""
    return allow_key(
        counter_key(action, client_address(request)),
        limit=limit,
        window_seconds=window_seconds,
    )


def allow_key(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one use of `key` (any cache key, e.g. an account's); False past `limit`.
    Fails closed like `allow`."""
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count <= limit

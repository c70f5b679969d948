"""A small per-client rate limit for anonymous forms that store files."""

from django.core.cache import cache


def client_address(request) -> str:
    # Behind the reverse proxy of the deployment (README) the client is the first
    # X-Forwarded-For entry; REMOTE_ADDR is the proxy then.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")


def counter_key(action: str, address: str) -> str:
    return f"throttle:{action}:{address}"


def allow(request, *, action: str, limit: int, window_seconds: int) -> bool:
    """Count one `action` by this client; False once it did more than `limit` in the
    window. Uses the shared cache (Redis in production), so it holds across hosts.

    Fails closed: when Redis cannot count (kimportal.core.cache.CacheUnavailable
    propagates), the request gets the 503 "coba lagi" page. These forms are anonymous
    and store files or answers; the throttle is their only flood guard, and a Redis
    outage is minutes, while a flood would stay in the data."""
    key = counter_key(action, client_address(request))
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count <= limit

"""A Redis cache that a sick Redis cannot turn into a hanging or failing page.

Every call has short socket timeouts (settings.CACHES OPTIONS). When Redis fails or stays
silent, reads answer a miss and writes do nothing, and the process stops asking Redis for
`CACHE_DOWN_SECONDS`, so a page pays the timeout once, not once per cache call.

Counters are different: a throttle or quota that cannot count must decide whether to let
the action through. `incr`/`decr` raise `CacheUnavailable` and each caller decides (the
anonymous-form throttle fails closed with a "coba lagi" page; see kimportal.core.throttle).
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class CacheUnavailable(Exception):
    """The shared cache (Redis) did not answer; a counter could not be read."""


_MISSING = object()


class ResilientRedisCache(RedisCache):
    _down_until = 0.0  # per process, shared by every cache of this class

    def _call(self, name: str, fallback, *args, **kwargs):
        if time.monotonic() < ResilientRedisCache._down_until:
            return self._degrade(name, fallback)
        try:
            return getattr(super(), name)(*args, **kwargs)
        except RedisError as exc:
            ResilientRedisCache._down_until = (
                time.monotonic() + settings.CACHE_DOWN_SECONDS
            )
            logger.warning("Cache %s failed (%s); answering without Redis", name, exc)
            return self._degrade(name, fallback)

    @staticmethod
    def _degrade(name: str, fallback):
        if fallback is _MISSING:
            raise CacheUnavailable(f"cache.{name}: Redis unavailable")
        return fallback

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", False)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", _MISSING, key, delta, version)

    def decr(self, key, delta=1, version=None):
        return self._call("decr", _MISSING, key, delta, version)

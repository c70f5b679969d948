"""Reads of the region table. Regions are public reference data: no scope applies."""

import logging
import time

from django.core.cache import cache
from django.db.models import QuerySet

from kimportal.core.cache import CacheUnavailable

from .models import Region, RegionLevel

logger = logging.getLogger(__name__)


def region_list(
    *, parent: str | None = None, level: str | None = None, query: str | None = None
) -> QuerySet:
    """Regions, optionally children of `parent`, at one `level`, or whose name contains `query`."""
    qs = Region.objects.filter(retired=False).only("code", "name", "level")
    if parent:
        qs = qs.filter(parent_id=parent)
    if level:
        qs = qs.filter(level=level)
    if query:
        qs = qs.filter(name__icontains=query.strip())
    return qs.order_by("code")


def region_path(code: str) -> list[Region]:
    """The region and its ancestors, province first, in one query."""
    parts = code.split(".")
    codes = [".".join(parts[: i + 1]) for i in range(len(parts))]
    found = {r.code: r for r in Region.objects.filter(code__in=codes)}
    return [found[c] for c in codes if c in found]


LEVELS = [choice for choice, _ in RegionLevel.choices]

CHOICES_VERSION_KEY = "region-choices-version"
CHOICES_CACHE_SECONDS = 24 * 3600


def region_choices(*, parent: str | None) -> list[tuple[str, str]]:
    """`(code, name)` of the children of `parent`, or of the provinces, for select
    boxes. Cached twice: in the shared cache, where a reload bumps the version in the
    key (`regions_load`), and in this process for `CHOICES_LOCAL_SECONDS`.

    The KIM list shows a region select on every page, and two cache round trips per
    request (version, then choices) cost about 0.5 ms of a 5 ms page on Redis (perf,
    issue #6 item 12). The list changes only when Kemendagri's codes are reloaded: the
    reloading process forgets its copy at once, every other one within the period."""
    key = parent or ""
    now = _clock()
    kept = _local_choices.get(key)
    if kept is not None and kept[0] > now:
        return list(kept[1])
    choices = _shared_region_choices(parent)
    if len(_local_choices) >= _LOCAL_CHOICES_LIMIT:
        _local_choices.clear()
    _local_choices[key] = (now + CHOICES_LOCAL_SECONDS, tuple(choices))
    return choices


CHOICES_LOCAL_SECONDS = 30
# Lists kept per process at most: every province and kab/kota, and the kecamatan a
# registration form was last asked for (a village list is a few hundred bytes).
_LOCAL_CHOICES_LIMIT = 2048
_local_choices: dict[str, tuple[float, tuple[tuple[str, str], ...]]] = {}
# The clock of the local copies (a test moves it instead of waiting).
_clock = time.monotonic


def _shared_region_choices(parent: str | None) -> list[tuple[str, str]]:
    version = cache.get_or_set(CHOICES_VERSION_KEY, 1, timeout=None)
    key = f"region-choices:{version}:{parent or ''}"
    choices = cache.get(key)
    if choices is None:
        regions = (
            region_list(parent=parent)
            if parent
            else region_list(level=RegionLevel.PROVINCE)
        )
        choices = [(region.code, region.name) for region in regions]
        cache.set(key, choices, timeout=CHOICES_CACHE_SECONDS)
    return choices


def region_choices_invalidate() -> None:
    """Make every cached list of region choices stale (after the region table changed):
    at once in this process, within CHOICES_LOCAL_SECONDS in the others."""
    _local_choices.clear()
    try:
        cache.incr(CHOICES_VERSION_KEY)
    except ValueError:  # no version yet: nothing cached under one either
        pass
    except CacheUnavailable:  # Redis down: cached lists expire within a day anyway
        logger.warning("Region choices not invalidated: the cache is unavailable")

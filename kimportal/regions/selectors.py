"""Reads of the region table. Regions are public reference data: no scope applies."""

import logging

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
    boxes. Cached: the list changes only through `load_regions`, which bumps the version
    in the key (see `regions_load`)."""
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
    """Make every cached list of region choices stale (after the region table changed)."""
    try:
        cache.incr(CHOICES_VERSION_KEY)
    except ValueError:  # no version yet: nothing cached under one either
        pass
    except CacheUnavailable:  # Redis down: cached lists expire within a day anyway
        logger.warning("Region choices not invalidated: the cache is unavailable")

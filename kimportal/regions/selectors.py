"""Reads of the region table. Regions are public reference data: no scope applies."""

from django.db.models import QuerySet

from .models import Region, RegionLevel


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

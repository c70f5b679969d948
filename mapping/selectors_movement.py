"""Quadrant movement of KIM around a date, for collaboration's event effect.

The caller passes KIM ids it has already read through the scoping rule (the
participants of an event the officer may see), so this selector does not scope again.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from .models import Assessment


def kim_approach_movement(
    *, kim_ids: Iterable[int], on: datetime.date, until: datetime.date
) -> dict[int, tuple[str | None, str | None]]:
    """For each KIM: its quadrant (approach) in the latest period that began on or
    before `on`, and in the latest period that began after `on` and ended by `until`
    (None where no assessment exists)."""
    ids = sorted(set(kim_ids))
    result: dict[int, tuple[str | None, str | None]] = {k: (None, None) for k in ids}
    if not ids:
        return result
    rows = (
        Assessment.objects.filter(kim_id__in=ids, period_end__lte=until)
        .order_by("kim_id", "period_start")
        .values_list("kim_id", "period_start", "approach")
    )
    for kim_id, start, approach in rows:
        before, after = result[kim_id]
        if start <= on:
            before = approach or before
        else:
            after = approach or after
        result[kim_id] = (before, after)
    return result

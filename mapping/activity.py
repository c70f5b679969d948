"""Where the measured activity comes from: monitoring's `kim_activity` selector.

This is the one place mapping asks monitoring for numbers; the computation itself
(`computation.compute_assessments`) takes any mapping of KIM id → figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .computation import KimFigures
from .periods import Period


def activity_for(*, kim_ids: Iterable[int], period: Period) -> dict[int, Any]:
    """Figures per KIM id for the period (start and end inclusive)."""
    kim_ids = list(kim_ids)
    try:
        from monitoring.selectors_activity import kim_activity
    except ImportError:
        # Monitoring's activity selector has not been merged yet: every KIM has no data.
        return {kim_id: KimFigures() for kim_id in kim_ids}
    return kim_activity(kim_ids=kim_ids, start=period.start, end=period.end)

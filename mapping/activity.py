"""Where the measured activity comes from: monitoring's `kim_activity` selector.

This is the one place mapping asks monitoring for numbers; the computation itself
(`computation.compute_assessments`) takes any mapping of KIM id → figures with the same
attribute names (`KimFigures` here, `KimActivity` there).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from monitoring.selectors_activity import kim_activity

from .periods import Period


def activity_for(*, kim_ids: Iterable[int], period: Period) -> dict[int, Any]:
    """Figures per KIM id for the period (its first to its last day)."""
    return kim_activity(kim_ids=list(kim_ids), start=period.start, end=period.end)

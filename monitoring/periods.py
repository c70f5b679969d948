"""Reporting months and their lock (issue 9, item 3).

A report counts in the month of its activity. That month is locked `MONITORING_LOCK_DAYS`
days after it ends (default 10): from then on its reports are no longer edited or
submitted, and a validated report is corrected only by a new version.
"""

import calendar
import datetime

from django.conf import settings

from kimportal.core.dates import today_in_jakarta

DEFAULT_LOCK_DAYS = 10


def lock_days() -> int:
    return int(getattr(settings, "MONITORING_LOCK_DAYS", DEFAULT_LOCK_DAYS))


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def month_locks_on(month: datetime.date) -> datetime.date:
    """The first day on which the month of `month` is locked."""
    return month_end(month) + datetime.timedelta(days=lock_days() + 1)


def month_is_locked(
    month: datetime.date, *, today: datetime.date | None = None
) -> bool:
    return (today or today_in_jakarta()) >= month_locks_on(month)


def parse_month(text: str | None) -> datetime.date | None:
    """`2026-11` → 1 Nov 2026; anything else → None."""
    try:
        year, month = (int(p) for p in (text or "").split("-"))
        return datetime.date(year, month, 1)
    except (TypeError, ValueError):
        return None

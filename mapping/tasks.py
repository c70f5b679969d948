"""Scheduled jobs of mapping (CELERY_BEAT_SCHEDULE): they take ids and dates (ISO
strings) and call services."""

import datetime

from celery import shared_task

from kimportal.core.dates import today_in_jakarta

from . import services
from .periods import period_parse


@shared_task
def recompute_current_assessments(today: str | None = None) -> int:
    """Nightly: every kab/kota's current period, recomputed (idempotent)."""
    day = datetime.date.fromisoformat(today) if today else today_in_jakarta()
    return services.assessments_recompute_current(today=day)


@shared_task
def recompute_assessments(regency_code: str, period: str) -> int:
    """One kab/kota and period, e.g. after many reports were validated at once."""
    return services.assessments_recompute(
        regency_code=regency_code, period=period_parse(period)
    )

"""Scheduled and background jobs of the registry. They take ids and dates (ISO strings,
as Celery passes JSON) and call services; the daily schedule is CELERY_BEAT_SCHEDULE."""

import datetime
import smtplib

from celery import shared_task

from kimportal.core.dates import today_in_jakarta

from . import notifications, services


def _date(value: str | None) -> datetime.date:
    return datetime.date.fromisoformat(value) if value else today_in_jakarta()


@shared_task
def end_expired_partnerships(today: str | None = None) -> int:
    """Daily: partnerships whose period is over become ended."""
    return services.partnerships_end_expired(today=_date(today))


@shared_task
def open_reviews_for_expired_sk(today: str | None = None) -> int:
    """Daily: partner KIM whose village-head SK expired get a review case."""
    return services.reviews_open_for_expired_sk(today=_date(today))


@shared_task(
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=60,
    max_retries=5,
)
def send_notification(kind: str, ids: dict) -> int:
    """Send one registry email (see registry.notifications)."""
    return notifications.send(kind, ids)

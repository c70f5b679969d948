"""Retention of the security log: two years (`SECURITY_LOG_RETENTION_DAYS`)."""

from datetime import timedelta

import pgtrigger
from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import SecurityEvent


@shared_task
def prune_security_events() -> int:
    """Delete events older than the retention period; the only deletion of the log
    (its trigger refuses every other). Idempotent; returns the number removed."""
    cutoff = timezone.now() - timedelta(days=settings.SECURITY_LOG_RETENTION_DAYS)
    with (
        transaction.atomic(),
        pgtrigger.ignore("security.SecurityEvent:protect_deletes"),
    ):
        deleted, _ = SecurityEvent.objects.filter(created_at__lt=cutoff).delete()
    return deleted

"""Who reads the security log: the ministry all of it, the site admin of a province or
kab/kota office its own office's events (through the scoping rule, then narrowed to
the office). Other officers of the office do not: the log names their colleagues'
failed logins and downloads."""

from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from kimportal.core.scoping import scoped

from .models import SecurityEvent


def may_read_security_log(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (
            user.is_ministry
            or ((user.is_province or user.is_regency) and user.is_site_admin)
        )
    )


def security_event_list(
    *,
    user,
    kind: str | None = None,
    username: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[SecurityEvent]:
    """Events `user` may read, newest first, filtered by kind, username and day."""
    if not may_read_security_log(user):
        return SecurityEvent.objects.none()
    queryset = scoped(SecurityEvent.objects.select_related("user"), user)
    if not user.is_ministry:
        queryset = queryset.filter(office_id=user.office_id)
    if kind:
        queryset = queryset.filter(kind=kind)
    if username:
        queryset = queryset.filter(username=username)
    zone = timezone.get_current_timezone()
    if date_from:
        queryset = queryset.filter(
            created_at__gte=datetime.combine(date_from, time.min, tzinfo=zone)
        )
    if date_to:
        queryset = queryset.filter(
            created_at__lte=datetime.combine(date_to, time.max, tzinfo=zone)
        )
    return queryset.order_by("-created_at", "-id")

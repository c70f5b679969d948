"""Reads of the registry, always through the scoping rule."""

from django.db.models import Count, Q

from kimportal.core.scoping import scoped

from .choices import KimStatus
from .models import Kim


def kim_status_counts(*, user) -> dict[str, int]:
    """Number of KIM per status in the user's scope, in one query."""
    aggregates = {status: Count("id", filter=Q(status=status)) for status in KimStatus.values}
    return scoped(Kim.objects.all(), user).aggregate(total=Count("id"), **aggregates)


def dashboard_for(*, user) -> dict:
    """What the home page shows this user."""
    return {"kim_counts": kim_status_counts(user=user)}

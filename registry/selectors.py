"""Reads of the registry, always through the scoping rule."""

from django.db.models import Count, Q, QuerySet

from kimportal.core.scoping import get_scoped_or_404, scoped

from .choices import KimStatus
from .filters import KimFilter
from .models import Kim


def kim_list(*, user, filters: dict | None = None) -> QuerySet[Kim]:
    """The KIM `user` may see, searched, filtered and sorted by `filters` (KimFilter's
    parameters). Invalid filter values are ignored rather than failing the page."""
    queryset = scoped(Kim.objects.select_related("village__parent__parent"), user)
    filterset = KimFilter(data=filters or {}, queryset=queryset)
    if filterset.is_valid():
        queryset = filterset.qs
    if not (filters or {}).get("sort"):
        queryset = queryset.order_by("name", "id")
    return queryset


def kim_get(*, user, pk: int) -> Kim:
    """One KIM in the user's scope, or 404."""
    return get_scoped_or_404(Kim.objects.select_related("village__parent__parent__parent"), user, pk=pk)


def kim_status_counts(*, user, queryset: QuerySet[Kim] | None = None) -> dict[str, int]:
    """Number of KIM per status in the user's scope (or in `queryset`), in one query."""
    base = queryset if queryset is not None else scoped(Kim.objects.all(), user)
    aggregates = {status: Count("id", filter=Q(status=status)) for status in KimStatus.values}
    return base.order_by().aggregate(total=Count("id"), **aggregates)


def dashboard_for(*, user) -> dict:
    """What the home page shows this user."""
    return {"kim_counts": kim_status_counts(user=user)}

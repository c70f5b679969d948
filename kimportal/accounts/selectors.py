"""Reads of the accounts app, always through the scoping rule."""

from django.db.models import Count, Q, QuerySet

from kimportal.core.scoping import get_scoped_or_404, scoped

from .models import ApplicationStatus, SiteAdminApplication


def application_list(
    *, user, status: str | None = None
) -> QuerySet[SiteAdminApplication]:
    """Site-admin applications `user` may see, newest first, optionally of one status."""
    queryset = scoped(
        SiteAdminApplication.objects.select_related("region__parent", "decided_by"),
        user,
    )
    if status in ApplicationStatus.values:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-submitted_at", "-id")


def application_get(*, user, pk: int) -> SiteAdminApplication:
    """One application in `user`'s scope, or 404."""
    return get_scoped_or_404(
        SiteAdminApplication.objects.select_related(
            "region__parent", "decided_by", "user__office"
        ),
        user,
        pk=pk,
    )


def application_status_counts(*, user) -> dict[str, int]:
    """Number of applications per status in `user`'s scope, in one query."""
    counts = {s: Count("id", filter=Q(status=s)) for s in ApplicationStatus.values}
    return (
        scoped(SiteAdminApplication.objects.all(), user)
        .order_by()
        .aggregate(total=Count("id"), **counts)
    )

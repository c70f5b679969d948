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


# --- office teams ---------------------------------------------------------------------


def office_get_for_team(*, user, pk: int):
    """An office whose team `user` may see: any for the ministry, their own for an
    officer; anything else is 404 (no existence leak)."""
    from .models import Office

    return _team_object_or_404(user, Office.objects.select_related("region"), "pk", pk)


def team_members(*, office) -> QuerySet:
    """The people of an office, active first, with what the team page shows."""
    from .models import User

    return (
        User.objects.filter(office=office)
        .only(
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "position",
            "role",
            "office_id",
            "is_active",
            "is_site_admin",
            "last_login",
        )
        .order_by("-is_active", "-is_site_admin", "username")
    )


def team_member_get(*, user, pk: int):
    """A person `user` may manage: anyone for the ministry, a colleague of the same
    office for an officer; else 404."""
    from .models import User

    return _team_object_or_404(
        user, User.objects.filter(office__isnull=False), "office_id", pk
    )


def _team_object_or_404(user, queryset, office_field: str, pk):
    from django.http import Http404

    if not user.has_perm("accounts.view_team"):
        raise Http404
    if not user.is_ministry:
        queryset = queryset.filter(**{office_field: user.office_id})
    found = queryset.filter(pk=_id_or_404(pk)).first()
    if found is None:
        raise Http404
    return found


def office_overview(*, user) -> QuerySet:
    """Every office with its number of active people and their latest login (the
    ministry's view of rotation)."""
    from django.db.models import Max

    from .models import Office

    if not user.has_perm("accounts.view_offices"):
        return Office.objects.none()
    active = Q(users__is_active=True)
    return (
        Office.objects.select_related("region")
        .annotate(
            active_people=Count("users", filter=active),
            site_admins=Count("users", filter=active & Q(users__is_site_admin=True)),
            last_login=Max("users__last_login", filter=active),
        )
        .order_by("kind", "name")
    )


def _id_or_404(value) -> int:
    from django.http import Http404

    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < number < 2**63:
        raise Http404
    return number

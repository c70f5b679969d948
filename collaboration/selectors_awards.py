"""Reads of awards, all through the scoping rule. A KIM reads only its own rows of
published periods; the public reads published periods only (the publication page)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from kimportal.core.scoping import get_scoped_or_404, scoped

from .choices_awards import AwardPeriodState
from .models import (
    AwardAdjustment,
    AwardCertificate,
    AwardEntry,
    AwardGrant,
    AwardPeriod,
)

PUBLISHED = AwardPeriodState.PUBLISHED


def _published_for_kim(queryset: QuerySet, user, path: str) -> QuerySet:
    """A KIM sees its rows only once the period is announced."""
    if user.is_authenticated and user.is_kim:
        return queryset.filter(**{path: PUBLISHED})
    return queryset


def award_period_list(*, user, state: str | None = None) -> QuerySet[AwardPeriod]:
    periods = scoped(AwardPeriod.objects.all(), user)
    if state in AwardPeriodState.values:
        periods = periods.filter(state=state)
    return periods.annotate(
        ranked=Count("entries", distinct=True),
        awarded=Count(
            "grants", filter=Q(grants__withdrawn_at__isnull=True), distinct=True
        ),
    ).order_by("-ends_on", "-id")


def award_period_get(*, user, pk: int) -> AwardPeriod:
    return get_scoped_or_404(AwardPeriod.objects.all(), user, pk=pk)


def award_ranking(*, period: AwardPeriod) -> QuerySet[AwardEntry]:
    """The ranked KIM of a period the caller read through the scoping rule."""
    return (
        AwardEntry.objects.filter(period=period)
        .select_related("kim__village__parent__parent", "adjusted_by")
        .order_by("final_rank", "kim__name", "id")
    )


def award_grants_of(*, period: AwardPeriod) -> list[AwardGrant]:
    return list(
        AwardGrant.objects.filter(period=period)
        .select_related("kim", "entry", "certificate")
        .order_by("withdrawn_at", "entry__final_rank", "id")
    )


def award_entry_get(*, user, pk: int) -> AwardEntry:
    entries = _published_for_kim(
        AwardEntry.objects.select_related("period", "kim", "adjusted_by"),
        user,
        "period__state",
    )
    return get_scoped_or_404(entries, user, pk=pk)


def award_adjustments(*, entry: AwardEntry) -> QuerySet[AwardAdjustment]:
    return entry.adjustments.select_related("adjusted_by").order_by("created_at", "id")


def award_grant_list(*, user) -> QuerySet[AwardGrant]:
    """Awards given: those of the staff's scope, or the KIM's own once announced."""
    grants = _published_for_kim(
        scoped(AwardGrant.objects.all(), user), user, "period__state"
    )
    return grants.select_related("period", "kim", "entry", "certificate").order_by(
        "-period__ends_on", "entry__final_rank", "id"
    )


def award_grant_get(*, user, pk: int) -> AwardGrant:
    grants = _published_for_kim(
        AwardGrant.objects.select_related("period", "kim", "entry"),
        user,
        "period__state",
    )
    return get_scoped_or_404(grants, user, pk=pk)


def kim_awards(*, user) -> dict:
    """The KIM's page: its awards and its place in each announced ranking."""
    grants = list(award_grant_list(user=user).filter(withdrawn_at__isnull=True))
    entries = list(
        _published_for_kim(
            scoped(AwardEntry.objects.all(), user), user, "period__state"
        )
        .select_related("period")
        .order_by("-period__ends_on", "id")
    )
    return {"grants": grants, "entries": entries}


def award_certificate_get(*, user, pk: int) -> AwardCertificate:
    return get_scoped_or_404(
        AwardCertificate.objects.select_related("grant__period"), user, pk=pk
    )


def award_certificate_public(*, code: str) -> AwardCertificate | None:
    """The award certificate of a verification code, or None."""
    if not code or len(code) > 32:
        return None
    return AwardCertificate.objects.filter(code=code).first()


# --- the publication page (public) ----------------------------------------------------


def published_periods() -> QuerySet[AwardPeriod]:
    return (
        AwardPeriod.objects.filter(state=PUBLISHED)
        .annotate(awarded=Count("grants", filter=Q(grants__withdrawn_at__isnull=True)))
        .order_by("-published_at", "-id")
    )


def published_period_get(*, pk: int) -> AwardPeriod:
    period = AwardPeriod.objects.filter(state=PUBLISHED, pk=pk).first()
    if period is None:
        raise Http404
    return period


def published_awards(*, period: AwardPeriod) -> list[AwardGrant]:
    """What the public sees: each award, its KIM (name and desa) and the KIM's final
    score and rank; no contact or personal data."""
    return list(
        AwardGrant.objects.filter(period=period, withdrawn_at__isnull=True)
        .select_related("kim__village__parent__parent", "entry", "certificate")
        .order_by("entry__final_rank", "id")
    )

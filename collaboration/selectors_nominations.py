"""Reads of nominations through the scoping rule. The ministry's view is narrower than
its scope: it sees the nominations forwarded to national competitions."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from kimportal.core.scoping import get_scoped_or_404, scoped

from .choices_competitions import CompetitionLevel, CompetitionStatus
from .choices_nominations import NominationState
from .models import Competition, Nomination, NominationNote


def _visible(user) -> QuerySet[Nomination]:
    nominations = scoped(Nomination.objects.all(), user)
    if user.is_authenticated and user.is_ministry:
        nominations = nominations.filter(
            competition__level=CompetitionLevel.NATIONAL,
            state=NominationState.FORWARDED,
        )
    return nominations


def nomination_list(*, user, state: str | None = None) -> QuerySet[Nomination]:
    nominations = _visible(user)
    if state in NominationState.values:
        nominations = nominations.filter(state=state)
    return nominations.select_related("competition", "kim", "regency").order_by(
        "-nominated_at", "-id"
    )


def nomination_get(*, user, pk: int) -> Nomination:
    return get_scoped_or_404(
        _visible(user).select_related("competition", "kim", "regency", "province"),
        user,
        pk=pk,
    )


def nomination_notes(*, nomination: Nomination) -> QuerySet[NominationNote]:
    return nomination.notes.select_related("author").order_by("day", "id")


def nominable_competitions(*, user) -> QuerySet[Competition]:
    """Province competitions of the officer's province and national ones, not yet
    over: what a kab/kota may nominate for."""
    code = (user.scope_code or "")[:2]
    return (
        Competition.objects.filter(
            Q(level=CompetitionLevel.NATIONAL)
            | Q(level=CompetitionLevel.PROVINCE, organiser_id=code)
        )
        .exclude(status__in=(CompetitionStatus.ANNOUNCED, CompetitionStatus.CANCELLED))
        .order_by("-registration_opens_on", "id")
    )

"""What a juror reads: only its own assignments, through its active seats. Any other
entry, assignment or score answers 404 — whatever the account's role, the scoping rule
is not what lets a juror see an entry, its assignment is.

Under blind judging a juror never receives the KIM: `juror_entry_view` is the only
shape of an entry a juror's page, export or API response is built from."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from .choices_competitions import CompetitionStatus
from .models import Assignment, Competition, Conflict, Juror, Score
from .rules_competitions import has_conflict


def juror_seats(*, user) -> QuerySet[Juror]:
    if not user.is_authenticated:
        return Juror.objects.none()
    return (
        Juror.objects.filter(user=user, active=True)
        .exclude(competition__status=CompetitionStatus.CANCELLED)
        .select_related("competition")
        .order_by("-competition__registration_opens_on", "id")
    )


def juror_assignments(*, user, competition_id=None) -> QuerySet[Assignment]:
    """The user's assignments (in its active seats), with entry, category and conflict."""
    if not user.is_authenticated:
        return Assignment.objects.none()
    queryset = Assignment.objects.filter(juror__user=user, juror__active=True).exclude(
        entry__competition__status=CompetitionStatus.CANCELLED
    )
    if competition_id is not None:
        queryset = queryset.filter(entry__competition_id=competition_id)
    return queryset.select_related(
        "entry__category", "entry__competition", "entry__kim", "conflict", "juror"
    ).order_by("entry__competition_id", "round", "entry_id")


def juror_assignment_get(*, user, pk) -> Assignment:
    """One of the user's own assignments; 404 for any other."""
    try:
        return juror_assignments(user=user).get(pk=pk)
    except (Assignment.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def juror_entry_view(assignment: Assignment) -> dict[str, Any]:
    """The entry as a juror may see it: without the KIM (name, region, team) when the
    competition judges blind."""
    entry = assignment.entry
    blind = entry.competition.blind_judging
    return {
        "assignment_id": assignment.pk,
        "entry_id": entry.pk,
        "competition_id": entry.competition_id,
        "competition": entry.competition.title,
        "category": entry.category.name,
        "title": entry.title,
        "description": entry.description,
        "link": entry.link,
        "has_file": bool(entry.file),
        "round": assignment.round,
        "kim_name": None if blind else entry.kim.name,
        "team": [] if blind else list(entry.team or []),
        "blind": blind,
        "submitted_at": assignment.submitted_at,
        "conflict": has_conflict(assignment),
    }


def juror_own_scores(*, assignment: Assignment) -> QuerySet[Score]:
    return assignment.scores.select_related("criterion").order_by(
        "criterion__position", "criterion_id"
    )


def others_scores(*, assignment: Assignment) -> list[dict] | None:
    """The other jurors' submitted scores on the entry, only when the competition
    shows them and this juror has submitted its own; None when hidden. Jurors are
    numbered, not named."""
    competition = assignment.entry.competition
    if not competition.scores_visible_after_submit or assignment.submitted_at is None:
        return None
    others = (
        Assignment.objects.filter(
            entry_id=assignment.entry_id,
            round=assignment.round,
            submitted_at__isnull=False,
        )
        .exclude(pk=assignment.pk)
        .prefetch_related("scores__criterion")
        .order_by("id")
    )
    return [
        {
            "juror": index,
            "submitted_at": other.submitted_at,
            "scores": [
                {
                    "criterion": s.criterion.name,
                    "criterion_id": s.criterion_id,
                    "value": s.value,
                    "comment": s.comment,
                }
                for s in other.scores.all()
            ],
        }
        for index, other in enumerate(others, start=1)
    ]


def conflict_list(*, competition: Competition, juror_user=None) -> QuerySet[Conflict]:
    """The conflicts declared in a competition the caller has read (its office), or
    only those `juror_user` declared."""
    rows = Conflict.objects.filter(assignment__entry__competition=competition)
    if juror_user is not None:
        rows = rows.filter(assignment__juror__user=juror_user)
    return rows.select_related("assignment").order_by("id")


def score_sheets(*, competition: Competition) -> QuerySet[Assignment]:
    """Every juror's sheet (assignment with its scores) in a competition the caller
    has read as its office."""
    return (
        Assignment.objects.filter(entry__competition=competition)
        .prefetch_related("scores")
        .order_by("entry_id", "juror_id", "id")
    )

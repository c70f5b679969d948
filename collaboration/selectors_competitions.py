"""Reads of competitions, entries and results for the office and the KIM, through the
scoping rule (out of scope → 404). What a juror reads is in `selectors_judging`.

Results are the office's until published: a KIM (and the public API a KIM can call)
only ever reads published ones."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from kimportal.core.contributions import kim_id_of
from kimportal.core.scoping import get_scoped_or_404, scoped

from .choices_competitions import CompetitionStatus, EntryStatus, ResultStatus
from .models import Assignment, Competition, Entry, Juror, Result


def competition_list(*, user, status: str | None = None) -> QuerySet[Competition]:
    """Competitions of the user's scope (staff) or those its KIM entered (KIM), with
    their number of entries (`entry_count`)."""
    if not user.has_perm("collaboration.view_competitions"):
        return Competition.objects.none()
    visible = scoped(Competition.objects.all(), user).values("pk")
    queryset = Competition.objects.filter(pk__in=visible)
    if status in CompetitionStatus.values:
        queryset = queryset.filter(status=status)
    return queryset.annotate(entry_count=Count("entries")).order_by(
        "-registration_opens_on", "-id"
    )


def competition_get(*, user, pk) -> Competition:
    try:
        return competition_list(user=user).get(pk=pk)
    except (Competition.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def competitions_open_for_kim(*, user) -> QuerySet[Competition]:
    """Competitions taking entries that the user's KIM may enter: published, not yet
    closed, organised by its region's office (a prefix of its desa code) or national."""
    from registry.selectors import kim_own_get

    if not user.is_authenticated or not user.is_kim:
        return Competition.objects.none()
    try:
        kim = kim_own_get(user=user)
    except Http404:
        # A KIM account without an active membership: nothing to enter.
        return Competition.objects.none()
    code = kim.village_id
    prefixes = [code[:2], code[:5]]
    return (
        Competition.objects.filter(status=CompetitionStatus.OPEN)
        .filter(Q(organiser_id__in=prefixes) | Q(organiser__isnull=True))
        .order_by("registration_closes_on", "id")
    )


def competition_open_get(*, user, pk) -> Competition:
    """An open competition the user's KIM may enter, or one it entered; 404 otherwise."""
    try:
        return competitions_open_for_kim(user=user).get(pk=pk)
    except (Competition.DoesNotExist, ValueError):
        return competition_get(user=user, pk=pk)


def competition_categories(*, competition: Competition):
    return competition.categories.prefetch_related("criteria").order_by("id")


def entry_list(
    *, user, competition: Competition | None = None, status: str | None = None
) -> QuerySet[Entry]:
    """Entries of the user's scope; a KIM sees its own."""
    queryset = scoped(Entry.objects.all(), user)
    if competition is not None:
        queryset = queryset.filter(competition=competition)
    if status in EntryStatus.values:
        queryset = queryset.filter(status=status)
    return queryset.select_related("kim", "category", "competition").order_by(
        "competition", "category", "submitted_at", "id"
    )


def entry_get(*, user, pk) -> Entry:
    return get_scoped_or_404(
        Entry.objects.select_related("kim", "category", "competition"), user, pk=pk
    )


def kim_entries(*, user) -> QuerySet[Entry]:
    """The user's KIM's entries with their state, newest first."""
    kim_id = kim_id_of(user) if user.is_authenticated and user.is_kim else None
    if kim_id is None:
        return Entry.objects.none()
    return (
        Entry.objects.filter(kim_id=kim_id)
        .select_related("competition", "category")
        .order_by("-submitted_at", "-id")
    )


def result_list(*, user, competition: Competition) -> QuerySet[Result]:
    """The results of a competition: every one for its office and the staff above it;
    only published ones for anyone else (a KIM: its own entries' results)."""
    queryset = scoped(Result.objects.filter(entry__competition=competition), user)
    if not (
        user.is_authenticated and user.has_perm("collaboration.manage_competitions")
    ):
        queryset = queryset.filter(status=ResultStatus.PUBLISHED)
    return (
        queryset.select_related("entry__kim", "entry__category")
        .prefetch_related("overrides__by")
        .order_by("entry__category_id", "round", "final_rank", "id")
    )


def published_results(*, competition: Competition) -> QuerySet[Result]:
    """The winners' table a KIM may read: published results of the final round."""
    return (
        Result.objects.filter(
            entry__competition=competition, status=ResultStatus.PUBLISHED, round="final"
        )
        .select_related("entry__kim", "entry__category")
        .prefetch_related("overrides__by")
        .order_by("entry__category_id", "final_rank", "id")
    )


def assignable_entries(
    *, competition: Competition, chosen: list[int] | None = None
) -> list[Entry]:
    """The entries a juror can be given now: eligible, in the current round; only the
    `chosen` ones when given."""
    entries = competition.entries.filter(
        status=EntryStatus.ELIGIBLE, round=competition.current_round
    )
    if chosen:
        entries = entries.filter(pk__in=chosen)
    return list(entries.order_by("pk"))


def juror_list(*, competition: Competition) -> QuerySet[Juror]:
    """The jury, each with its number of assignments and submitted sheets (the caller
    got `competition` through the scoping rule)."""
    return (
        Juror.objects.filter(competition=competition)
        .select_related("user")
        .annotate(
            assigned=Count("assignments", distinct=True),
            submitted=Count(
                "assignments",
                filter=Q(assignments__submitted_at__isnull=False),
                distinct=True,
            ),
            conflicts=Count("assignments__conflict", distinct=True),
        )
        .order_by("id")
    )


def assignment_list(*, competition: Competition) -> QuerySet[Assignment]:
    """Every assignment with its conflict and scores, for the office's overview."""
    return (
        Assignment.objects.filter(entry__competition=competition)
        .select_related("juror__user", "entry__kim", "conflict")
        .prefetch_related("scores__criterion")
        .order_by("entry_id", "juror_id", "round")
    )


def report_rows(*, competition: Competition) -> list[dict]:
    """The report (participants, works, scores): one row per entry with its KIM, team,
    state and final result."""
    results = {
        r.entry_id: r
        for r in Result.objects.filter(entry__competition=competition).order_by("round")
    }
    rows = []
    for entry in (
        Entry.objects.filter(competition=competition)
        .select_related("kim", "category")
        .order_by("category_id", "submitted_at", "id")
    ):
        result = results.get(entry.pk)
        rows.append({"entry": entry, "result": result})
    return rows

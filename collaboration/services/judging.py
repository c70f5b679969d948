"""Judging: a juror declares a conflict or scores its assigned entries; the office
computes the results (collaboration.scoring), moves finalists on, overrides a rank with
a reason, and publishes every result at once. Each service locks its row and guards
itself with `collaboration.rules_competitions`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kimportal.core.access import guard
from kimportal.core.locking import lock_row

from .. import rules_competitions  # noqa: F401  (registers the rules the guards name)
from ..choices_competitions import (
    CompetitionStatus,
    ConflictKind,
    EntryStatus,
    ResultStatus,
    Round,
)
from ..models import (
    Assignment,
    Competition,
    Conflict,
    Criterion,
    Entry,
    Result,
    ResultOverride,
    Score,
)
from ..scoring import CriterionSpec, EntrySpec, Sheet, aggregate


@transaction.atomic
def conflict_declare(
    *, actor, assignment: Assignment, kind: str, reason: str = ""
) -> Conflict:
    """The juror declares a conflict of interest (typed) or recuses; it can no longer
    score the entry and is not counted in its result. Scores already drafted stay
    in the history but are not counted."""
    assignment = lock_row(Assignment, assignment)
    guard(actor, "collaboration.declare_conflict", assignment)
    if kind not in ConflictKind.values:
        raise ValidationError({"kind": _("Pilih jenis konflik kepentingan.")})
    reason = (reason or "").strip()
    if kind in (ConflictKind.OTHER, ConflictKind.RECUSAL) and not reason:
        raise ValidationError({"reason": _("Tuliskan alasannya.")})
    if assignment.submitted_at is not None:
        raise ValidationError(_("Nilai karya ini sudah dikirim."))
    if Conflict.objects.filter(assignment=assignment).exists():
        raise ValidationError(_("Konflik untuk karya ini sudah dinyatakan."))
    return Conflict.objects.create(assignment=assignment, kind=kind, reason=reason)


def _value(raw) -> Decimal:
    try:
        value = Decimal(str(raw))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({"scores": _("Nilai harus berupa angka.")}) from exc
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(100):
        raise ValidationError({"scores": _("Nilai harus antara 0 dan 100.")})
    return value.quantize(Decimal("0.01"))


@transaction.atomic
def scores_save(
    *,
    actor,
    assignment: Assignment,
    scores: Sequence[Mapping[str, Any]],
    submit: bool = False,
) -> Assignment:
    """Save the juror's scores [{"criterion": id, "value": 0–100, "comment": ""}] as a
    draft, or submit them: then every required criterion needs a value and every
    criterion whose rules ask for a comment needs one. Submitted scores are final."""
    assignment = lock_row(Assignment, assignment)
    guard(actor, "collaboration.score_entry", assignment)
    criteria = {
        c.pk: c for c in Criterion.objects.filter(category=assignment.entry.category_id)
    }
    existing = {s.criterion_id: s for s in assignment.scores.all()}
    for item in scores:
        try:
            criterion = criteria[int(item.get("criterion"))]
        except (KeyError, TypeError, ValueError) as exc:
            raise ValidationError({"scores": _("Kriteria tidak dikenal.")}) from exc
        value = _value(item.get("value"))
        comment = str(item.get("comment") or "").strip()
        row = existing.get(criterion.pk)
        if row is None:
            existing[criterion.pk] = Score.objects.create(
                assignment=assignment, criterion=criterion, value=value, comment=comment
            )
        elif (row.value, row.comment) != (value, comment):
            row.value, row.comment = value, comment
            row.save(update_fields=["value", "comment", "updated_at"])
    if submit:
        missing = [
            c.name for c in criteria.values() if c.required and c.pk not in existing
        ]
        if missing:
            raise ValidationError(
                {
                    "scores": _("Kriteria wajib belum dinilai: %(names)s.")
                    % {"names": ", ".join(missing)}
                }
            )
        uncommented = [
            c.name
            for c in criteria.values()
            if c.comment_required and c.pk in existing and not existing[c.pk].comment
        ]
        if uncommented:
            raise ValidationError(
                {
                    "scores": _("Komentar wajib untuk kriteria: %(names)s.")
                    % {"names": ", ".join(uncommented)}
                }
            )
        assignment.submitted_at = timezone.now()
        assignment.save(update_fields=["submitted_at"])
    return assignment


def _sheets(assignments: Iterable[Assignment], recused: set[int]) -> list[Sheet]:
    """Submitted sheets and declared conflicts; a draft counts as nothing yet."""
    sheets = []
    for a in assignments:
        if a.pk in recused:
            sheets.append(Sheet(a.juror_id, a.entry_id, recused=True))
        elif a.submitted_at is not None:
            values = {s.criterion_id: float(s.value) for s in a.scores.all()}
            sheets.append(Sheet(a.juror_id, a.entry_id, values))
    return sheets


def _conflict_or_none(assignment: Assignment):
    try:
        return assignment.conflict
    except Conflict.DoesNotExist:
        return None


@transaction.atomic
def results_compute(*, actor, competition: Competition) -> list[Result]:
    """Compute (again) the pending results of the current round, per category, by the
    competition's rules. An override the office made stays in force."""
    competition = lock_row(Competition, competition)
    guard(actor, "collaboration.compute_results", competition)
    round_ = competition.current_round
    entries = list(
        competition.entries.filter(status=EntryStatus.ELIGIBLE, round=round_).order_by(
            "pk"
        )
    )
    assignments = (
        Assignment.objects.filter(entry__in=entries, round=round_, juror__active=True)
        .select_related("conflict")
        .prefetch_related("scores")
    )
    recused = {a.pk for a in assignments if _conflict_or_none(a) is not None}
    by_entry_category = {e.pk: e.category_id for e in entries}
    grouped: dict = defaultdict(list)
    for a in assignments:
        grouped[by_entry_category[a.entry_id]].append(a)
    now = timezone.now()
    notes = []
    saved = []
    for category in competition.categories.prefetch_related("criteria"):
        criteria = [
            CriterionSpec(c.pk, float(c.weight), c.required, c.position, c.name)
            for c in category.criteria.all()
        ]
        category_entries = [e for e in entries if e.category_id == category.pk]
        outcome = aggregate(
            criteria=criteria,
            entries=[EntrySpec(e.pk, e.submitted_at) for e in category_entries],
            sheets=_sheets(grouped[category.pk], recused),
            normalise=competition.normalise_scores,
            tie_break=competition.tie_break,
        )
        if outcome.normalisation_note:
            notes.append(f"{category.name}: {outcome.normalisation_note}")
        for item in outcome.results:
            saved.append(_store(item, round_, now))
    competition.results_note = " ".join(notes)
    competition.save(update_fields=["results_note", "updated_at"])
    return saved


def _store(item, round_: str, now) -> Result:
    result, _created = Result.objects.select_for_update().get_or_create(
        entry_id=item.entry, round=round_, defaults={"computed_at": now}
    )
    if result.status != ResultStatus.PENDING:
        raise ValidationError(_("Hasil babak ini sudah diumumkan."))
    last = result.overrides.order_by("-created_at", "-id").first()
    result.score = None if item.score is None else Decimal(f"{item.score:.3f}")
    result.rank = item.rank
    result.final_rank = last.new_rank if last else item.rank
    result.jurors_counted = item.jurors_counted
    result.tie_note = item.tie_note[:250]
    result.computed_at = now
    result.save()
    return result


@transaction.atomic
def round_advance(
    *,
    actor,
    competition: Competition,
    entries: Sequence[Entry] | None = None,
    reason: str = "",
) -> Competition:
    """Close the shortlist: by the rules, the best `final_size` of each category (by
    their computed rank) move to the final; or the organiser names the finalists, with
    a reason kept on the competition."""
    competition = lock_row(Competition, competition)
    guard(actor, "collaboration.advance_round", competition)
    if competition.current_round != Round.SHORTLIST:
        raise ValidationError(_("Lomba ini sudah berada di babak final."))
    if entries is None:
        results = Result.objects.filter(
            entry__competition=competition,
            round=Round.SHORTLIST,
            final_rank__isnull=False,
        ).select_related("entry")
        if not results.exists():
            raise ValidationError(_("Hitung hasil seleksi awal terlebih dahulu."))
        chosen = [
            r.entry_id for r in results if r.final_rank <= (competition.final_size or 0)
        ]
        note = _("Finalis ditetapkan menurut peringkat seleksi awal.")
    else:
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError({"reason": _("Tuliskan alasan penetapan finalis.")})
        chosen = [e.pk for e in entries if e.competition_id == competition.pk]
        note = _("Finalis ditetapkan penyelenggara (%(who)s): %(why)s") % {
            "who": actor.get_full_name() or actor.username,
            "why": reason,
        }
    Entry.objects.filter(
        pk__in=chosen, status=EntryStatus.ELIGIBLE, round=Round.SHORTLIST
    ).update(round=Round.FINAL, updated_at=timezone.now())
    competition.current_round = Round.FINAL
    competition.round_note = note
    competition.save(update_fields=["current_round", "round_note", "updated_at"])
    return competition


@transaction.atomic
def result_override(
    *, actor, result: Result, new_rank: int, reason: str
) -> ResultOverride:
    """The office changes a computed rank; who, why and the rank before are kept and
    shown beside the result."""
    result = lock_row(Result, result)
    guard(actor, "collaboration.override_result", result)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan perubahan peringkat.")})
    if not isinstance(new_rank, int) or new_rank < 1:
        raise ValidationError(
            {"new_rank": _("Peringkat harus bilangan bulat positif.")}
        )
    override = ResultOverride.objects.create(
        result=result,
        previous_rank=result.final_rank,
        new_rank=new_rank,
        reason=reason,
        by=actor,
    )
    result.final_rank = new_rank
    result.save(update_fields=["final_rank"])
    return override


@transaction.atomic
def results_publish(*, actor, competition: Competition) -> Competition:
    """Announce: every pending result of the competition becomes public at once."""
    competition = lock_row(Competition, competition)
    guard(actor, "collaboration.publish_results", competition)
    if competition.current_round != Round.FINAL:
        raise ValidationError(_("Tetapkan finalis sebelum mengumumkan hasil."))
    finalists = competition.entries.filter(
        status=EntryStatus.ELIGIBLE, round=Round.FINAL
    )
    computed = Result.objects.filter(entry__in=finalists, round=Round.FINAL)
    if not finalists.exists() or computed.count() != finalists.count():
        raise ValidationError(_("Hitung hasil final terlebih dahulu."))
    now = timezone.now()
    Result.objects.filter(
        entry__competition=competition, status=ResultStatus.PENDING
    ).update(status=ResultStatus.PUBLISHED, published_at=now)
    competition.status = CompetitionStatus.ANNOUNCED
    competition.results_published_at = now
    competition.save(update_fields=["status", "results_published_at", "updated_at"])
    return competition

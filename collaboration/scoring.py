"""The aggregation of a jury's scores into ranked results, as plain functions over plain
data (no database), so that every rule can be checked by hand.

The rules, in order:

1. A juror's score of an entry is the weighted mean of its criterion scores, the
   weights taken over the criteria it scored. A sheet that misses a *required*
   criterion is incomplete and is not counted at all: counting it would rank the
   entry on less than the rules ask for, and guessing the missing value would invent
   a judgement. An optional criterion left empty just leaves its weight out.
2. A juror who declared a conflict or recused is not counted: the entry's result is the
   mean over the jurors who did score it, so a recusal neither lowers nor raises it.
3. Optionally, each juror's scores are normalised (z-score: minus the juror's mean,
   divided by its standard deviation) so a strict juror and a generous one weigh the
   same. Only when every counted juror scored at least `MIN_SHEETS_TO_NORMALISE`
   entries: a mean and spread over fewer says little. Otherwise raw scores are used and
   the result says why.
4. Entries are ranked by their result, highest first. Equal results are ordered by the
   tie-break rule chosen at setup; entries the rule cannot separate share a rank. An
   entry nobody could score has no result and no rank.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .choices_competitions import TieBreak

MIN_SHEETS_TO_NORMALISE = 5
# Results closer than this are equal: scores are entered with two decimals, and means
# of them must not differ by floating-point noise alone.
EPSILON = 1e-9


@dataclass(frozen=True)
class CriterionSpec:
    id: Hashable
    weight: float
    required: bool = True
    position: int = 0
    name: str = ""


@dataclass(frozen=True)
class EntrySpec:
    id: Hashable
    # Anything that sorts by time (a datetime in the app, a number in the tests).
    submitted_at: Any = 0


@dataclass(frozen=True)
class Sheet:
    """One juror's scores on one entry; `recused` for a declared conflict or recusal."""

    juror: Hashable
    entry: Hashable
    scores: Mapping[Any, float] = field(default_factory=dict)
    recused: bool = False


@dataclass
class EntryResult:
    entry: Hashable
    score: float | None
    jurors_counted: int = 0
    jurors_recused: int = 0
    jurors_incomplete: int = 0
    rank: int | None = None
    tie_note: str = ""
    # The per-juror scores counted (after normalisation when it applied).
    juror_scores: dict = field(default_factory=dict)


@dataclass
class Outcome:
    results: list[EntryResult]
    normalised: bool
    normalisation_note: str = ""
    tie_break: str = TieBreak.FIRST_CRITERION


def sheet_score(sheet: Sheet, criteria: Sequence[CriterionSpec]) -> float | None:
    """The weighted mean of one sheet; None when it is recused, empty, or misses a
    required criterion (rule 1)."""
    if sheet.recused:
        return None
    total = weight = 0.0
    for criterion in criteria:
        value = sheet.scores.get(criterion.id)
        if value is None:
            if criterion.required:
                return None
            continue
        total += float(criterion.weight) * float(value)
        weight += float(criterion.weight)
    return total / weight if weight else None


def _normalise(raw: dict) -> tuple[dict, bool, str]:
    """Each juror's scores as z-scores, when every juror scored enough entries."""
    by_juror: dict = defaultdict(dict)
    for (juror, entry), value in raw.items():
        by_juror[juror][entry] = value
    few = sorted(
        str(j) for j, s in by_juror.items() if len(s) < MIN_SHEETS_TO_NORMALISE
    )
    if few:
        note = (
            f"Normalisasi tidak dipakai: juri {', '.join(few)} menilai kurang dari "
            f"{MIN_SHEETS_TO_NORMALISE} karya."
        )
        return raw, False, note
    normalised = {}
    for juror, scores in by_juror.items():
        mean = statistics.fmean(scores.values())
        spread = statistics.pstdev(scores.values())
        for entry, value in scores.items():
            # A juror who gave every entry the same score says nothing about order.
            normalised[(juror, entry)] = (value - mean) / spread if spread else 0.0
    return normalised, True, "Nilai tiap juri dinormalisasi (z-score)."


def _first_criterion(criteria: Sequence[CriterionSpec]) -> CriterionSpec | None:
    ordered = sorted(criteria, key=lambda c: (-float(c.weight), c.position))
    return ordered[0] if ordered else None


def _tie_keys(
    rule: str,
    group: list[EntryResult],
    *,
    criteria: Sequence[CriterionSpec],
    sheets: Sequence[Sheet],
    entries: Mapping[Hashable, EntrySpec],
    counted: set,
) -> tuple[dict, str]:
    """A key per entry of a tied group (larger is better) and the note to show."""
    ids = [r.entry for r in group]
    if rule == TieBreak.FIRST_CRITERION:
        first = _first_criterion(criteria)
        keys = {}
        for entry in ids:
            values = [
                float(s.scores[first.id])
                for s in sheets
                if first is not None
                and s.entry == entry
                and (s.juror, entry) in counted
                and first.id in s.scores
            ]
            keys[entry] = statistics.fmean(values) if values else float("-inf")
        name = first.name if first is not None else ""
        return keys, f"kriteria berbobot terbesar ({name})"
    if rule == TieBreak.MEDIAN:
        keys = {r.entry: statistics.median(r.juror_scores.values()) for r in group}
        return keys, "median nilai juri"
    if rule == TieBreak.MORE_JURORS:
        keys = {}
        for result in group:
            wins = 0
            for other in group:
                if other is result:
                    continue
                for juror, value in result.juror_scores.items():
                    theirs = other.juror_scores.get(juror)
                    if theirs is not None and value > theirs + EPSILON:
                        wins += 1
            keys[result.entry] = wins
        return keys, "jumlah juri yang menilai lebih tinggi"
    if rule == TieBreak.EARLIER:
        # Earlier is better: rank by the order of submission, reversed.
        order = sorted(ids, key=lambda e: entries[e].submitted_at)
        return {e: -order.index(e) for e in ids}, "waktu pengiriman lebih awal"
    raise ValueError(f"Unknown tie-break rule {rule!r}")


def aggregate(
    *,
    criteria: Sequence[CriterionSpec],
    entries: Iterable[EntrySpec],
    sheets: Iterable[Sheet],
    normalise: bool = False,
    tie_break: str = TieBreak.FIRST_CRITERION,
) -> Outcome:
    """The ranked results of the entries of one category in one round."""
    entry_map = {e.id: e for e in entries}
    sheets = [s for s in sheets if s.entry in entry_map]
    raw: dict = {}
    recused: dict = defaultdict(int)
    incomplete: dict = defaultdict(int)
    for sheet in sheets:
        if sheet.recused:
            recused[sheet.entry] += 1
            continue
        value = sheet_score(sheet, criteria)
        if value is None:
            incomplete[sheet.entry] += 1
        else:
            raw[(sheet.juror, sheet.entry)] = value
    values, applied, note = raw, False, ""
    if normalise:
        values, applied, note = _normalise(raw)
    per_entry: dict = defaultdict(dict)
    for (juror, entry), value in values.items():
        per_entry[entry][juror] = value
    results = []
    for entry in entry_map:
        scores = per_entry.get(entry, {})
        results.append(
            EntryResult(
                entry=entry,
                score=statistics.fmean(scores.values()) if scores else None,
                jurors_counted=len(scores),
                jurors_recused=recused[entry],
                jurors_incomplete=incomplete[entry],
                juror_scores=dict(scores),
            )
        )
    _rank(
        results,
        rule=tie_break,
        criteria=criteria,
        sheets=sheets,
        entries=entry_map,
        counted=set(values),
    )
    return Outcome(
        results=results,
        normalised=applied,
        normalisation_note=note,
        tie_break=tie_break,
    )


def _score(result: EntryResult) -> float:
    assert result.score is not None  # only scored results are ranked
    return result.score


def _rank(results: list[EntryResult], *, rule: str, **context) -> None:
    """Order `results` in place and give ranks (rule 4)."""
    scored = sorted(
        (r for r in results if r.score is not None), key=lambda r: -_score(r)
    )
    groups: list[list[EntryResult]] = []
    for result in scored:
        if groups and abs(_score(groups[-1][0]) - _score(result)) <= EPSILON:
            groups[-1].append(result)
        else:
            groups.append([result])
    ordered: list[EntryResult] = []
    rank = 1
    for group in groups:
        if len(group) == 1:
            group[0].rank = rank
            ordered.append(group[0])
            rank += 1
            continue
        keys, label = _tie_keys(rule, group, **context)
        group.sort(key=lambda r: -keys[r.entry])
        position = rank
        for index, result in enumerate(group):
            if index and keys[result.entry] < keys[group[index - 1].entry]:
                position = rank + index
            result.rank = position
            same = sum(1 for r in group if keys[r.entry] == keys[result.entry])
            result.tie_note = (
                f"Nilai sama; tidak terpisahkan oleh {label}, peringkat dibagi."
                if same > 1
                else f"Nilai sama; ditentukan oleh {label}."
            )
        ordered.extend(group)
        rank += len(group)
    unscored = [r for r in results if r.score is None]
    results[:] = ordered + unscored

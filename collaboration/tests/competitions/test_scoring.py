"""The aggregation rules of collaboration.scoring on hand-made cases whose results were
worked out on paper (the arithmetic is in the comments)."""

import pytest

from collaboration.choices_competitions import TieBreak
from collaboration.scoring import (
    CriterionSpec,
    EntrySpec,
    Sheet,
    aggregate,
    sheet_score,
)

IDEA = CriterionSpec("idea", weight=3, required=True, position=0, name="Ide")
CRAFT = CriterionSpec("craft", weight=1, required=True, position=1, name="Teknik")
EXTRA = CriterionSpec("extra", weight=1, required=False, position=2, name="Bonus")
CRITERIA = [IDEA, CRAFT, EXTRA]


def flat(juror, entry, value):
    return Sheet(juror, entry, {"idea": value, "craft": value, "extra": value})


def test_sheet_score_is_the_weighted_mean():
    # (3·80 + 1·60 + 1·100) / 5 = 80
    sheet = Sheet("j", "e", {"idea": 80, "craft": 60, "extra": 100})
    assert sheet_score(sheet, CRITERIA) == pytest.approx(80)


def test_optional_criterion_left_empty_leaves_its_weight_out():
    # (3·80 + 1·60) / 4 = 75
    assert sheet_score(Sheet("j", "e", {"idea": 80, "craft": 60}), CRITERIA) == 75


def test_sheet_missing_a_required_criterion_is_incomplete():
    assert sheet_score(Sheet("j", "e", {"idea": 80, "extra": 60}), CRITERIA) is None
    assert sheet_score(Sheet("j", "e", {"idea": 80}, recused=True), CRITERIA) is None


# E1 and E3 both reach 82; E3 was submitted first.
ENTRIES = [
    EntrySpec("E1", submitted_at=3),
    EntrySpec("E2", submitted_at=2),
    EntrySpec("E3", submitted_at=1),
    EntrySpec("E4", submitted_at=4),
    EntrySpec("E5", submitted_at=5),
]
SHEETS = [
    # E1: 90, 84, 72 → mean 82, median 84, mean on Ide 82
    flat("J1", "E1", 90),
    flat("J2", "E1", 84),
    flat("J3", "E1", 72),
    # E2: J1 80; J2 misses the required Teknik (incomplete); J3 recused → 80
    flat("J1", "E2", 80),
    Sheet("J2", "E2", {"idea": 100}),
    Sheet("J3", "E2", recused=True),
    # E3: J1 (3·70+100+100)/5 = 82, J2 (3·86+76+76)/5 = 82, J3 82 → mean 82,
    # median 82, mean on Ide (70+86+82)/3 = 79.33
    Sheet("J1", "E3", {"idea": 70, "craft": 100, "extra": 100}),
    Sheet("J2", "E3", {"idea": 86, "craft": 76, "extra": 76}),
    flat("J3", "E3", 82),
    # E4: J1 (3·60+60)/4 = 60 without the optional one, J2 recused, J3 70 → 65
    Sheet("J1", "E4", {"idea": 60, "craft": 60}),
    Sheet("J2", "E4", recused=True),
    flat("J3", "E4", 70),
    # E5: every juror recused → no result, no rank
    Sheet("J1", "E5", recused=True),
]


def _by_entry(outcome):
    return {r.entry: r for r in outcome.results}


def test_results_weights_recusal_and_incomplete_sheet():
    outcome = aggregate(criteria=CRITERIA, entries=ENTRIES, sheets=SHEETS)
    results = _by_entry(outcome)
    assert results["E1"].score == pytest.approx(82)
    assert results["E3"].score == pytest.approx(82)
    # The recusal does not lower E2 (80, not (80 + 0) / 2) and the incomplete sheet of
    # J2 is not counted.
    assert results["E2"].score == pytest.approx(80)
    assert results["E2"].jurors_counted == 1
    assert results["E2"].jurors_incomplete == 1
    assert results["E2"].jurors_recused == 1
    assert results["E4"].score == pytest.approx(65)
    assert results["E5"].score is None and results["E5"].rank is None
    assert results["E2"].rank == 3 and results["E4"].rank == 4
    assert [r.entry for r in outcome.results][-1] == "E5"


@pytest.mark.parametrize(
    ("rule", "first", "second", "label"),
    [
        # mean on Ide: E1 82 > E3 79.33
        (TieBreak.FIRST_CRITERION, "E1", "E3", "kriteria berbobot terbesar (Ide)"),
        # median: E1 84 > E3 82
        (TieBreak.MEDIAN, "E1", "E3", "median"),
        # J1 and J2 rate E1 higher, J3 rates E3 higher: 2 against 1
        (TieBreak.MORE_JURORS, "E1", "E3", "jumlah juri"),
        # E3 was submitted at 1, E1 at 3
        (TieBreak.EARLIER, "E3", "E1", "pengiriman lebih awal"),
    ],
)
def test_each_tie_break_rule_settles_the_tie(rule, first, second, label):
    outcome = aggregate(
        criteria=CRITERIA, entries=ENTRIES, sheets=SHEETS, tie_break=rule
    )
    results = _by_entry(outcome)
    assert results[first].rank == 1
    assert results[second].rank == 2
    assert label in results[first].tie_note
    assert "ditentukan" in results[second].tie_note
    assert results["E2"].tie_note == ""
    assert outcome.tie_break == rule


def test_a_tie_the_rule_cannot_settle_shares_the_rank():
    sheets = [flat("J1", "A", 80), flat("J1", "B", 80)]
    entries = [EntrySpec("A", 1), EntrySpec("B", 2)]
    outcome = aggregate(
        criteria=CRITERIA, entries=entries, sheets=sheets, tie_break=TieBreak.MEDIAN
    )
    assert [r.rank for r in outcome.results] == [1, 1]
    assert "dibagi" in outcome.results[0].tie_note


def test_normalisation_needs_five_entries_per_juror():
    # J1 scored four entries: raw scores stay, and the outcome says why.
    outcome = aggregate(
        criteria=CRITERIA, entries=ENTRIES, sheets=SHEETS, normalise=True
    )
    assert outcome.normalised is False
    assert "kurang dari 5" in outcome.normalisation_note
    assert _by_entry(outcome)["E1"].score == pytest.approx(82)


# A harsh juror (J1) and a generous one (J2), five entries each. E1 is J1's best (80),
# E6 is J2's worst (81).
NORM_ENTRIES = [EntrySpec(f"E{n}", n) for n in range(1, 7)]
NORM_SHEETS = [
    flat("J1", "E1", 80),
    flat("J1", "E2", 40),
    flat("J1", "E3", 50),
    flat("J1", "E4", 60),
    flat("J1", "E5", 70),
    flat("J2", "E2", 100),
    flat("J2", "E3", 95),
    flat("J2", "E4", 90),
    flat("J2", "E5", 85),
    flat("J2", "E6", 81),
]


def test_normalisation_off_ranks_raw_means():
    results = _by_entry(
        aggregate(criteria=CRITERIA, entries=NORM_ENTRIES, sheets=NORM_SHEETS)
    )
    assert results["E6"].score == 81
    assert results["E1"].score == 80
    assert results["E6"].rank < results["E1"].rank


def test_normalisation_on_uses_z_scores_per_juror():
    outcome = aggregate(
        criteria=CRITERIA, entries=NORM_ENTRIES, sheets=NORM_SHEETS, normalise=True
    )
    results = _by_entry(outcome)
    assert outcome.normalised is True
    # J1: mean 60, population sd √200 → E1 (80 − 60) / 14.142 = 1.4142
    assert results["E1"].score == pytest.approx(20 / 200**0.5)
    # J2: mean 90.2, sd √(((9.8)² + (4.8)² + 0.2² + 5.2² + 9.2²) / 5) → E6 negative
    sd2 = ((9.8**2 + 4.8**2 + 0.2**2 + 5.2**2 + 9.2**2) / 5) ** 0.5
    assert results["E6"].score == pytest.approx((81 - 90.2) / sd2)
    # E2: mean of J1's (40 − 60)/√200 and J2's (100 − 90.2)/sd2
    assert results["E2"].score == pytest.approx(
        ((40 - 60) / 200**0.5 + (100 - 90.2) / sd2) / 2
    )
    assert results["E1"].rank == 1
    assert results["E1"].rank < results["E6"].rank

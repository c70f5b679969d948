"""The award ranking as a pure function, on hand-made figures."""

from decimal import Decimal

import pytest

from collaboration.award_ranking import (
    AwardFigures,
    clean_weights,
    compute_ranking,
    engagement_of,
    final_ranks,
    formula_lines,
)


def test_each_component_is_scored_against_the_best_and_weighted():
    ranking = compute_ranking(
        {
            1: AwardFigures(
                validated_reports=4,
                content_items=2,
                views=90,
                followers=10,
                likes=5,
                comments=3,
                shares=2,
            ),
            2: AwardFigures(
                validated_reports=2,
                content_items=4,
                survey_answers=4,
                survey_positive=2,
            ),
        }  # fmt: skip
    )
    one, two = ranking[1], ranking[2]
    assert one.components["engagement"]["value"] == pytest.approx(0.1)
    assert one.components["reports"]["score"] == Decimal("100.00")
    assert two.components["reports"]["score"] == Decimal("50.00")
    assert one.components["content"]["score"] == Decimal("50.00")
    # No snapshot and no survey answer: measured False, score 0.
    assert two.components["engagement"] == {
        "value": None,
        "best": pytest.approx(0.1),
        "score": Decimal("0.00"),
        "weight": 30,
        "measured": False,
    }
    assert one.components["survey"]["score"] == Decimal("0.00")
    # (30×100 + 20×50 + 30×100 + 20×0) ÷ 100 and (30×50 + 20×100 + 0 + 20×100) ÷ 100
    assert one.score == Decimal("70.00")
    assert two.score == Decimal("55.00")
    assert (one.rank, two.rank) == (1, 2)


def test_equal_totals_are_broken_by_reports_then_content_then_shared():
    ranking = compute_ranking(
        {
            1: AwardFigures(validated_reports=2, content_items=2),
            2: AwardFigures(validated_reports=2, content_items=2),
            3: AwardFigures(validated_reports=1, content_items=4),
            4: AwardFigures(validated_reports=0, content_items=0),
        },
        {"reports": 50, "content": 50, "engagement": 0, "survey": 0},
    )
    # 1 and 2: (50×100 + 50×50)/100 = 75; 3: (50×50 + 50×100)/100 = 75.
    assert {k: r.score for k, r in ranking.items()} == {
        1: Decimal("75.00"),
        2: Decimal("75.00"),
        3: Decimal("75.00"),
        4: Decimal("0.00"),
    }
    assert {k: r.rank for k, r in ranking.items()} == {1: 1, 2: 1, 3: 3, 4: 4}


def test_nobody_measured_scores_zero_not_an_error():
    ranking = compute_ranking({7: AwardFigures(), 8: AwardFigures()})
    assert ranking[7].score == Decimal("0.00")
    assert ranking[7].rank == ranking[8].rank == 1


def test_final_ranks_follow_the_adjusted_totals():
    f = AwardFigures(validated_reports=1)
    assert final_ranks(
        {1: (Decimal("60"), f), 2: (Decimal("80"), f), 3: (Decimal("70"), f)}
    ) == {2: 1, 3: 2, 1: 3}


def test_engagement_needs_reach():
    assert engagement_of(AwardFigures(likes=5)) is None
    assert engagement_of(AwardFigures(likes=5, views=0, followers=0)) is None
    assert engagement_of(AwardFigures(likes=5, followers=50)) == 0.1


def test_weights_default_and_refuse_all_zero():
    assert clean_weights({"reports": 10}) == {
        "reports": 10,
        "content": 20,
        "engagement": 30,
        "survey": 20,
    }
    with pytest.raises(ValueError):
        clean_weights({"reports": 0, "content": 0, "engagement": 0, "survey": 0})


def test_formula_states_the_weights_in_indonesian():
    first = formula_lines({"reports": 40})[0]
    assert first.startswith("Nilai akhir = (40 × skor laporan")
    assert first.endswith("÷ 110.")

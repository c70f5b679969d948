"""The assessment rule on a hand-made kab/kota with known answers."""

from mapping.choices import Approach
from mapping.computation import (
    KimFigures,
    Thresholds,
    approach_for,
    compute_assessments,
    percentile_ranks,
)

# Five KIM of one kab/kota in one period. Expected percentiles worked out by hand with
# the mid-rank rule 100 × (lower + ½ × equal) / n over the KIM that have the component.
DATA = {
    # reach 1000, engagement 100/1000 = 0.1, 4 reports
    1: KimFigures(
        followers=600,
        views=400,
        likes=80,
        comments=15,
        shares=5,
        reports_on_office_material=4,
        report_ids=(11, 12, 11),
        snapshot_ids=(901,),
    ),
    # reach 200, engagement 50/200 = 0.25, 2 reports, survey 0.9
    2: KimFigures(
        followers=200,
        views=0,
        likes=50,
        comments=0,
        shares=0,
        reports_on_office_material=2,
        survey_answers=10,
        survey_positive_share=0.9,
        report_ids=(21,),
    ),
    # reach 200 (tie with 2), engagement 0.05, 2 reports (tie with 2)
    3: KimFigures(
        followers=100,
        views=100,
        likes=10,
        comments=0,
        shares=0,
        reports_on_office_material=2,
    ),
    # measured but inactive: reach 0, no reports
    4: KimFigures(
        followers=0,
        views=0,
        likes=0,
        comments=0,
        shares=0,
        reports_on_office_material=0,
    ),
    # no data at all (no snapshots, no reports counted)
    5: KimFigures(),
}


def test_percentile_is_mid_rank_and_zero_stays_zero():
    assert percentile_ranks({1: 1000, 2: 200, 3: 200, 4: 0}) == {
        1: 87.5,
        2: 50.0,
        3: 50.0,
        4: 0.0,
    }


def test_known_answers_for_hand_made_kab_kota():
    points = compute_assessments(DATA)

    assert points[1].power.score == 87.5
    # 2 and 3 tie at reach 200: (1 lower + ½ × 2 equal) / 4 = 50, exactly the median
    assert points[2].power.score == points[3].power.score == 50.0
    assert points[4].power.score == 0.0

    # influence of 2 = mean(engagement 0.25 → 87.5, survey alone → 50) = 68.75
    assert points[2].influence.percentiles == {"engagement": 87.5, "survey": 50.0}
    assert points[2].influence.score == 68.75
    assert points[1].influence.score == 62.5  # engagement 0.1 is 3rd of 4
    assert points[3].influence.score == 37.5
    # reach 0 makes the engagement rate 0 (measured, no response), not "no data"
    assert points[4].influence.score == 0.0

    assert points[1].interest.score == 87.5
    assert points[2].interest.score == points[3].interest.score == 50.0


def test_tie_exactly_at_threshold_counts_as_high():
    points = compute_assessments(DATA)
    assert points[2].power.high and points[3].power.high
    assert points[2].interest.high and points[3].interest.high
    # raise the threshold just above the tie: both fall to low together
    stricter = compute_assessments(DATA, Thresholds(power=50.01, interest=50.01))
    assert not stricter[2].power.high and not stricter[3].power.high


def test_kim_without_data_has_no_score_and_is_low():
    point = compute_assessments(DATA)[5]
    for dimension in (point.interest, point.power, point.influence):
        assert dimension.score is None
        assert dimension.high is False
        assert dimension.percentiles == {}
    assert point.approach == Approach.MONITOR
    assert point.provenance == {"reports": [], "snapshots": []}


def test_kim_without_data_does_not_change_the_others_ranks():
    with_empty = compute_assessments(DATA)
    without = compute_assessments({k: v for k, v in DATA.items() if k != 5})
    assert {k: p.power.score for k, p in without.items()} == {
        k: with_empty[k].power.score for k in without
    }


def test_approach_follows_table_3_3():
    points = compute_assessments(DATA)
    assert points[1].approach == Approach.PARTNER
    assert points[4].approach == Approach.MONITOR
    assert approach_for(interest_high=False, power_high=True, influence_high=False) == (
        Approach.PERSUADE
    )
    assert approach_for(interest_high=True, power_high=False, influence_high=False) == (
        Approach.DEVELOP
    )
    assert approach_for(interest_high=False, power_high=False, influence_high=True) == (
        Approach.PERSUADE
    )


def test_provenance_lists_each_report_and_snapshot_once():
    points = compute_assessments(DATA)
    assert points[1].provenance == {"reports": [11, 12], "snapshots": [901]}
    assert points[2].provenance == {"reports": [21], "snapshots": []}


def test_questionnaire_can_stand_in_for_reporting():
    data = {
        1: KimFigures(questionnaire_score=80),
        2: KimFigures(questionnaire_score=40),
    }
    points = compute_assessments(data)
    assert points[1].interest.score == 75.0 and points[1].interest.high
    assert points[2].interest.score == 25.0 and not points[2].interest.high


def test_accepts_any_object_with_the_activity_names():
    class Activity:  # monitoring's KimActivity has these attribute names
        followers = 10
        views = None
        likes = None
        comments = None
        shares = None
        reports_on_office_material = 1

    point = compute_assessments({7: Activity()})[7]
    assert point.power.components == {"reach": 10.0}
    assert point.influence.score is None
    assert point.inputs["followers"] == 10

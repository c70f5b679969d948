"""Builders for mapping's tests: verified KIM in Kabupaten and Kota Malang, and their
assessments from hand-made figures."""

from mapping.computation import KimFigures
from mapping.periods import period_parse
from mapping.services import assessments_recompute
from registry.tests.factories import (
    KAB_MALANG_VILLAGE,
    KOTA_MALANG_VILLAGE,
    VerifiedKimFactory,
)

PERIOD = period_parse("2026-Q3")
PREVIOUS = period_parse("2026-Q2")

# Known answers (see test_computation for the rule): reach 1000 / 200 / 200 / 0 / none.
FIGURES_Q3 = [
    KimFigures(
        followers=600,
        views=400,
        likes=80,
        comments=15,
        shares=5,
        reports_on_office_material=4,
        report_ids=(101, 102),
        snapshot_ids=(901,),
    ),
    KimFigures(
        followers=200,
        views=0,
        likes=50,
        comments=0,
        shares=0,
        reports_on_office_material=2,
        survey_answers=10,
        survey_positive_share=0.9,
        report_ids=(201,),
    ),
    KimFigures(
        followers=100,
        views=100,
        likes=10,
        comments=0,
        shares=0,
        reports_on_office_material=2,
    ),
    KimFigures(
        followers=0,
        views=0,
        likes=0,
        comments=0,
        shares=0,
        reports_on_office_material=0,
    ),
    KimFigures(),
]
# The previous quarter: the first KIM was small then, so it moved up.
FIGURES_Q2 = [
    KimFigures(followers=10, views=0, reports_on_office_material=0),
    KimFigures(followers=500, views=500, reports_on_office_material=5),
    KimFigures(followers=100, views=100, reports_on_office_material=2),
    KimFigures(followers=50, views=0, reports_on_office_material=1),
    KimFigures(),
]


def malang_kims(count=5):
    return [
        VerifiedKimFactory(name=f"KIM Malang {i}", village_id=KAB_MALANG_VILLAGE)
        for i in range(count)
    ]


def kota_kims(count=2):
    return [
        VerifiedKimFactory(name=f"KIM Kota {i}", village_id=KOTA_MALANG_VILLAGE)
        for i in range(count)
    ]


def assess(kims, figures, period=PERIOD, regency="35.07"):
    assessments_recompute(
        regency_code=regency,
        period=period,
        figures={kim.pk: f for kim, f in zip(kims, figures, strict=False)},
    )

"""Per-KIM activity for mapping: counts from the rollups, provenance from the reports."""

import datetime

import pytest

from monitoring.choices import IssuerLevel
from monitoring.selectors_activity import kim_activity
from monitoring.services.rollups import rollups_refresh_for_reports

from .effectiveness_factories import content_item, make_kim, make_material, make_report

MAR, JUN = datetime.date(2026, 3, 1), datetime.date(2026, 6, 1)


@pytest.mark.django_db
def test_kim_activity_counts_validated_work_and_reports_on_own_offices_material(
    demo_users,
):
    officer = demo_users["kab-malang"]
    kim, idle = make_kim(), make_kim()
    own = make_material(user=officer)
    ministry = make_material(
        user=demo_users["kementerian"], region_code=None, level=IssuerLevel.MINISTRY
    )
    other = make_material(user=demo_users["kota-malang"], region_code="35.73")
    reports = [
        make_report(kim=kim, user=officer, month=MAR, material=own,
                    items=[content_item(kim=kim)]),
        make_report(kim=kim, user=officer, month=MAR, material=ministry,
                    activity_count=4),
        make_report(kim=kim, user=officer, month=MAR, material=other),
        make_report(kim=kim, user=officer, month=MAR, state="submitted"),
        make_report(kim=kim, user=officer, month=JUN),  # outside the period
    ]  # fmt: skip
    rollups_refresh_for_reports(reports=reports)

    activity = kim_activity(
        kim_ids=[kim.pk, idle.pk],
        start=datetime.date(2026, 1, 15),
        end=datetime.date(2026, 5, 31),
    )
    mine = activity[kim.pk]
    assert mine.validated_reports == 3
    assert mine.activities == 6
    assert mine.reports_on_office_material == 2
    assert mine.content_items == 1
    assert mine.report_ids == sorted(r.pk for r in reports[:3])
    assert mine.survey_positive_share is None
    assert mine.followers is None and mine.likes is None
    assert activity[idle.pk].validated_reports == 0
    assert activity[idle.pk].report_ids == []


@pytest.mark.django_db
def test_kim_activity_of_no_kim_is_empty():
    assert kim_activity(kim_ids=[], start=MAR, end=JUN) == {}

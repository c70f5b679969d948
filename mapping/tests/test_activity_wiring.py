"""Assessments from monitoring's real numbers: the recompute reads `kim_activity`, and
each point's provenance names the validated reports that produced it."""

import datetime

import pytest

from mapping.models import Assessment
from mapping.periods import period_parse
from mapping.services import assessments_recompute
from monitoring.services.rollups import rollups_refresh_for_reports
from monitoring.tests.effectiveness_factories import (
    make_kim,
    make_material,
    make_report,
)

pytestmark = pytest.mark.django_db

Q1 = period_parse("2026-Q1")
FEB, MAY = datetime.date(2026, 2, 1), datetime.date(2026, 5, 1)


def test_recompute_uses_validated_reports_and_keeps_their_ids(demo_users):
    officer = demo_users["kab-malang"]
    busy, quiet, idle = make_kim(), make_kim(), make_kim()
    own = make_material(user=officer)
    reports = [
        make_report(kim=busy, user=officer, month=FEB, material=own),
        make_report(kim=busy, user=officer, month=FEB, material=own),
        make_report(kim=quiet, user=officer, month=FEB, material=own),
        make_report(kim=quiet, user=officer, month=FEB, state="submitted"),
        make_report(kim=busy, user=officer, month=MAY, material=own),  # next quarter
    ]
    rollups_refresh_for_reports(reports=reports)

    assert assessments_recompute(regency_code="35.07", period=Q1) == 3
    by_kim = {a.kim_id: a for a in Assessment.objects.filter(period=Q1.key)}
    assert by_kim[busy.pk].provenance["reports"] == sorted(r.pk for r in reports[:2])
    assert by_kim[quiet.pk].provenance["reports"] == [reports[2].pk]
    assert by_kim[idle.pk].provenance["reports"] == []
    assert by_kim[busy.pk].inputs["reports_on_office_material"] == 2
    # interest: 2 reports > 1 report > none (0 always scores 0)
    assert by_kim[busy.pk].interest_score > by_kim[quiet.pk].interest_score
    assert by_kim[idle.pk].interest_score == 0
    assert by_kim[busy.pk].interest_high and not by_kim[idle.pk].interest_high
    # no metric snapshots yet: power has no data for anyone
    assert by_kim[busy.pk].power_score is None

"""The nightly task, the demo seeder and the home panel."""

import pytest

from kimportal.core.dates import today_in_jakarta
from mapping.demo import seed_demo_mapping
from mapping.models import Assessment, PublicIssue
from mapping.periods import period_containing
from mapping.selectors import home_panel
from mapping.tasks import recompute_assessments, recompute_current_assessments

from .factories import FIGURES_Q3, assess

pytestmark = pytest.mark.django_db


def test_nightly_task_recomputes_current_period(kims, other_kims):
    assert recompute_current_assessments.delay("2026-11-20").get() == 7
    assert recompute_current_assessments("2026-11-20") == 7
    assert set(Assessment.objects.values_list("period", flat=True)) == {"2026-Q4"}
    assert recompute_assessments("35.07", "2026") == 5


def test_demo_seeds_three_periods_with_movement_issues_and_override(
    kims, other_kims, demo_users
):
    summary = seed_demo_mapping(users=demo_users)
    assert "2 isu publik" in summary
    periods = set(Assessment.objects.values_list("period", flat=True))
    assert len(periods) == 3
    by_kim = {}
    for a in Assessment.objects.order_by("period_start"):
        by_kim.setdefault(a.kim_id, []).append(a.approach)
    assert any(len(set(seq)) > 1 for seq in by_kim.values())  # someone moved
    assert Assessment.objects.exclude(override_reason="").count() == 1
    assert PublicIssue.objects.count() == 2
    assert PublicIssue.objects.filter(is_national=True).count() == 1
    # running it again adds nothing
    count = Assessment.objects.count()
    assert "sudah ada" in seed_demo_mapping(users=demo_users)
    assert Assessment.objects.count() == count


def test_home_panel_counts_per_quadrant_in_scope(kims, demo_users):
    current = period_containing(today_in_jakarta(), "quarter")
    assess(kims, FIGURES_Q3, period=current)
    counts = dict(home_panel(user=demo_users["kab-malang"])["mapping_counts"])
    assert sum(counts.values()) == 5 and counts["Jadikan mitra"] >= 1
    counts = dict(home_panel(user=demo_users["kota-malang"])["mapping_counts"])
    assert sum(counts.values()) == 0

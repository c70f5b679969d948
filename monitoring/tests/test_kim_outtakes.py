"""Per-KIM outtakes for awards: only validated, current reports' content counts, with
each item's latest snapshot up to the period's end; three queries whatever the KIM."""

import datetime

import pytest
from django.utils import timezone

from monitoring.models_metrics import ContentSnapshot
from monitoring.selectors_kim_outtakes import kim_outtakes, kims_with_counted_reports
from monitoring.services.rollups import rollups_refresh_for_reports

from .effectiveness_factories import content_item, make_kim, make_report

MAR = datetime.date(2026, 3, 1)
END = datetime.date(2026, 3, 31)


def _snap(item, day, **numbers):
    ContentSnapshot.objects.create(
        content_item=item,
        kim=item.kim,
        platform=item.platform,
        day=day,
        pulled_at=timezone.now(),
        **numbers,
    )


@pytest.mark.django_db
def test_only_counted_reports_content_with_latest_snapshot(
    demo_users, django_assert_num_queries
):
    officer = demo_users["kab-malang"]
    kim, idle = make_kim(), make_kim()
    counted, pending, old = (content_item(kim=kim, platform="youtube") for _ in "abc")
    first = make_report(kim=kim, user=officer, month=MAR, items=[old])
    reports = [
        make_report(kim=kim, user=officer, month=MAR, items=[counted]),
        make_report(kim=kim, user=officer, month=MAR, items=[pending],
                    state="submitted"),
        first,
        # A validated correction supersedes `first`: its item stops counting.
    ]  # fmt: skip
    first.superseded_at = timezone.now()
    first.save(update_fields=["superseded_at"])
    rollups_refresh_for_reports(reports=reports)
    _snap(counted, datetime.date(2026, 3, 5), views=10, likes=1)
    _snap(counted, datetime.date(2026, 3, 25), views=40, likes=4, comments=2)
    _snap(counted, datetime.date(2026, 4, 2), views=900)  # after the end
    _snap(pending, datetime.date(2026, 3, 25), views=500, likes=50)
    _snap(old, datetime.date(2026, 3, 25), views=700, likes=70)

    with django_assert_num_queries(3):
        result = kim_outtakes(kim_ids=[kim.pk, idle.pk], start=MAR, end=END)
    mine = result[kim.pk]
    assert (mine.views, mine.likes, mine.comments, mine.shares) == (40, 4, 2, 0)
    assert mine.items == mine.items_measured == 1
    assert mine.followers is None
    assert result[idle.pk].views is None and result[idle.pk].items == 0
    assert kims_with_counted_reports(region_code="35.07", start=MAR, end=END) == [
        kim.pk
    ]
    assert kims_with_counted_reports(region_code="35.73", start=MAR, end=END) == []

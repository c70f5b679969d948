"""Several counts in one query: each the same number `.count()` gives."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kimportal.core.counting import count_each
from kimportal.regions.models import Region, RegionLevel

pytestmark = pytest.mark.django_db


def test_each_count_is_what_count_gives_in_one_query(regions):
    querysets = {
        "provinces": Region.objects.filter(level=RegionLevel.PROVINCE),
        "in_jatim": Region.objects.filter(code__startswith="35.").order_by("-name"),
        "kab_malang": Region.objects.filter(code="35.07"),
        "none_match": Region.objects.filter(code="no-such-code"),
    }
    expected = {name: qs.count() for name, qs in querysets.items()}
    assert expected["in_jatim"] > expected["kab_malang"] == 1  # the data says something

    with CaptureQueriesContext(connection) as captured:
        counted = count_each(**querysets)

    assert counted == expected
    assert len(captured.captured_queries) == 1


def test_an_empty_queryset_counts_zero_without_failing_the_others(regions):
    counted = count_each(
        nothing=Region.objects.none(),
        provinces=Region.objects.filter(level=RegionLevel.PROVINCE),
    )

    assert counted == {
        "nothing": 0,
        "provinces": Region.objects.filter(level=RegionLevel.PROVINCE).count(),
    }


def test_nothing_asked_is_no_query():
    with CaptureQueriesContext(connection) as captured:
        assert count_each() == {}
    assert not captured.captured_queries

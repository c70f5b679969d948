"""A known monitoring data set for the award tests: three KIM of Kabupaten Malang with
validated reports, content with metric snapshots, a channel and survey answers, and
one KIM of Kota Malang (never in Kabupaten Malang's ranking)."""

import datetime

import pytest
from django.utils import timezone

from collaboration.services.awards import award_period_create
from monitoring.models_effectiveness import SurveyResponse
from monitoring.models_metrics import ChannelSnapshot, ContentSnapshot
from monitoring.services.rollups import (
    rollups_refresh_for_reports,
    rollups_refresh_slices,
)
from monitoring.tests.effectiveness_factories import (
    KOTA_MALANG_VILLAGE,
    content_item,
    make_kim,
    make_link,
    make_material,
    make_report,
)
from registry.models import KimChannel

MAR = datetime.date(2026, 3, 1)
APR = datetime.date(2026, 4, 1)


def _snapshot(item, day, **numbers):
    return ContentSnapshot.objects.create(
        content_item=item,
        kim=item.kim,
        platform=item.platform,
        day=day,
        pulled_at=timezone.now(),
        **numbers,
    )


@pytest.fixture
def dataset(demo_users):
    officer = demo_users["kab-malang"]
    a = make_kim(name="KIM Anggrek")
    b = make_kim(name="KIM Bougenvil")
    c = make_kim(name="KIM Cempaka")
    kota = make_kim(village=KOTA_MALANG_VILLAGE, name="KIM Kota")
    a1 = content_item(kim=a, platform="youtube", platform_id="a1")
    a2 = content_item(kim=a, platform="youtube", platform_id="a2")
    b1 = content_item(kim=b, platform="youtube", platform_id="b1")
    reports = [
        make_report(kim=a, user=officer, month=MAR, items=[a1]),
        make_report(kim=a, user=officer, month=APR, items=[a2]),
        make_report(kim=a, user=officer, month=APR),
        make_report(kim=b, user=officer, month=MAR, items=[b1]),
        make_report(kim=b, user=officer, month=MAR, state="submitted"),
        make_report(kim=b, user=officer, month=APR, state="returned"),
        make_report(kim=c, user=officer, month=MAR),
        make_report(kim=c, user=officer, month=APR),
        make_report(kim=kota, user=demo_users["kota-malang"], month=MAR),
        # Outside the period (July): counts nowhere here.
        make_report(kim=b, user=officer, month=datetime.date(2026, 7, 1)),
    ]
    rollups_refresh_for_reports(reports=reports)
    _snapshot(a1, datetime.date(2026, 3, 10), views=100, likes=10, comments=5, shares=5)
    _snapshot(a1, datetime.date(2026, 3, 20), views=200, likes=20, comments=10,
              shares=10)  # fmt: skip
    _snapshot(a1, datetime.date(2026, 7, 5), views=9999, likes=999)  # after the end
    _snapshot(a2, datetime.date(2026, 4, 2), views=0, likes=0, comments=0, shares=0,
              source="manual")  # fmt: skip
    _snapshot(b1, datetime.date(2026, 3, 15), views=50, likes=10, comments=0, shares=0)
    channel = KimChannel.objects.create(kim=a, platform="youtube", address="@anggrek")
    ChannelSnapshot.objects.create(
        channel=channel,
        kim=a,
        platform="youtube",
        day=datetime.date(2026, 6, 30),
        followers=100,
        pulled_at=timezone.now(),
    )
    material = make_material(user=officer)
    link = make_link(material=material, kim=c)
    for attitude in (2, 2, 2, 1):
        SurveyResponse.objects.create(
            link=link,
            material=material,
            kim=c,
            village_code=c.village_id,
            medium=link.medium,
            answered_on=datetime.date(2026, 4, 3),
            month=APR,
            understood=2,
            attitude=attitude,
            intent=2,
        )
    rollups_refresh_slices(slices=[(c.pk, APR, c.village_id)])
    return {
        "officer": officer,
        "a": a,
        "b": b,
        "c": c,
        "kota": kota,
        "reports": reports,
    }


@pytest.fixture
def period(dataset):
    return award_period_create(
        actor=dataset["officer"],
        data={
            "title": "Apresiasi KIM Semester I 2026",
            "starts_on": datetime.date(2026, 1, 15),
            "ends_on": datetime.date(2026, 6, 10),
            "jury": "Tim penilai Diskominfo",
        },
    )

"""The effectiveness rollups stay equal to a full recomputation however reports start and
stop counting, and a content item counts once, in the first report that cites it."""

import datetime

import pytest
from django.db.models import Sum
from django.utils import timezone

from monitoring.choices import Medium, ReportState
from monitoring.models import (
    ActiveKimRollup,
    KimMonthRollup,
    ProvinceMonthRollup,
    RegionMonthRollup,
)
from monitoring.services.rollups import (
    period_keys,
    rollup_rebuild_month,
    rollups_rebuild_all,
    rollups_refresh_clicks,
    rollups_refresh_for_reports,
)

from .effectiveness_factories import (
    KOTA_MALANG_VILLAGE,
    add_clicks,
    content_item,
    make_kim,
    make_link,
    make_material,
    make_report,
)

FEB, MAR, APR = (datetime.date(2026, m, 1) for m in (2, 3, 4))
COUNTS = (
    "reports",
    "activities",
    "content_items",
    "link_clicks",
    "survey_answers",
    "survey_understood",
    "survey_positive",
    "survey_intent",
)


def snapshot():
    fine = sorted(
        KimMonthRollup.objects.values_list(
            "month", "kim_id", "village_code", "regency_code", "medium", "platform",
            "material_id", *COUNTS,
        )
    )  # fmt: skip
    coarse = sorted(
        RegionMonthRollup.objects.values_list(
            "month", "regency_code", "medium", "platform", *COUNTS
        )
    )
    province = sorted(
        ProvinceMonthRollup.objects.values_list(
            "month", "province_code", "medium", "platform", *COUNTS
        )
    )
    active = sorted(
        ActiveKimRollup.objects.values_list("period", "regency_code", "active_kims")
    )
    return fine, coarse, province, active


def rebuild_everything(months):
    for month in months:
        rollup_rebuild_month(month=month)


def validate(report):
    report.state = ReportState.VALIDATED
    report.validated_at = timezone.now()
    report.save()
    rollups_refresh_for_reports(reports=[report])


def content_total(**filters):
    total = KimMonthRollup.objects.filter(**filters).aggregate(n=Sum("content_items"))
    return total["n"] or 0


@pytest.fixture
def world(demo_users):
    officer = demo_users["kab-malang"]
    return {
        "officer": officer,
        "kim_a": make_kim(),
        "kim_b": make_kim(village=KOTA_MALANG_VILLAGE),
        "material": make_material(user=officer),
    }


def test_period_keys_of_a_month():
    assert period_keys(datetime.date(2026, 11, 1)) == [
        ("2026-11", datetime.date(2026, 11, 1), datetime.date(2026, 12, 1)),
        ("2026-Q4", datetime.date(2026, 10, 1), datetime.date(2027, 1, 1)),
        ("2026", datetime.date(2026, 1, 1), datetime.date(2027, 1, 1)),
    ]


@pytest.mark.django_db
def test_rollups_equal_a_full_recomputation_after_validations_returns_and_corrections(
    world,
):
    officer, kim_a, kim_b = world["officer"], world["kim_a"], world["kim_b"]
    x = content_item(kim=kim_a, platform_id="X")
    y = content_item(kim=kim_a, platform="youtube", platform_id="Y")
    z = content_item(kim=kim_a, platform_id="Z")

    r1 = make_report(kim=kim_a, user=officer, month=MAR, state="submitted", items=[x])
    validate(r1)
    r2 = make_report(
        kim=kim_a, user=officer, month=APR, state="submitted", items=[y, x],
        material=world["material"], activity_count=3,
    )  # fmt: skip
    validate(r2)
    assert content_total() == 2  # X once (March), Y in April
    assert content_total(month=MAR) == 1

    # A back-dated report of another KIM cites X earlier: X moves to February.
    r3 = make_report(kim=kim_b, user=officer, month=FEB, state="submitted", items=[x])
    validate(r3)
    assert content_total(month=FEB, kim=kim_b) == 1
    assert content_total(month=MAR) == 0
    assert (
        ActiveKimRollup.objects.get(period="2026-Q1", regency_code="35.73").active_kims
        == 1
    )

    # Returned: it stops counting, X is back in March.
    r3.state = ReportState.RETURNED
    r3.return_reason = "Tautan salah"
    r3.save()
    rollups_refresh_for_reports(reports=[r3])
    assert content_total(month=MAR) == 1
    assert not ActiveKimRollup.objects.filter(regency_code="35.73").exists()

    # A correction of r1 (after the month lock) cites Z instead of X.
    r4 = make_report(
        kim=kim_a, user=officer, month=MAR, state="submitted", items=[z], supersedes=r1
    )
    r4.state = ReportState.VALIDATED
    r4.save()
    r1.superseded_at = timezone.now()
    r1.save()
    rollups_refresh_for_reports(reports=[r4, r1])
    assert content_total(month=MAR) == 1  # Z; X now counts with r2 in April
    assert content_total(month=APR) == 2

    # Not counted: a draft and a submitted report.
    make_report(kim=kim_a, user=officer, month=MAR, state="draft", items=[x])
    make_report(kim=kim_a, user=officer, month=APR, state="submitted")

    link = make_link(material=world["material"], kim=kim_a)
    add_clicks(link=link, day=datetime.date(2026, 3, 5), count=7)
    add_clicks(link=link, day=datetime.date(2026, 3, 6), count=5)
    rollups_refresh_clicks(month=MAR)

    incremental = snapshot()
    fine, coarse, province, active = incremental
    # Province rows are the sums of their kab/kota rows (Kab. and Kota Malang: 35).
    assert {row[1] for row in province} == {"35"}
    assert sum(row[4] for row in province) == sum(row[4] for row in coarse) == 2
    totals = RegionMonthRollup.objects.aggregate(
        reports=Sum("reports"), activities=Sum("activities"), clicks=Sum("link_clicks")
    )
    assert totals == {"reports": 2, "activities": 4, "clicks": 12}
    assert ("2026-Q1", "35.07", 1) in active
    assert ("2026", "35.07", 1) in active

    KimMonthRollup.objects.all().delete()
    RegionMonthRollup.objects.all().delete()
    ProvinceMonthRollup.objects.all().delete()
    ActiveKimRollup.objects.all().delete()
    rebuild_everything([FEB, MAR, APR])
    assert snapshot() == incremental
    rebuild_everything([FEB, MAR, APR])  # idempotent
    assert snapshot() == incremental
    rollups_rebuild_all()  # every month in one set-based pass
    assert snapshot() == incremental


@pytest.mark.django_db
def test_report_rows_carry_medium_platform_and_material(world):
    officer, kim_a = world["officer"], world["kim_a"]
    item = content_item(kim=kim_a, platform="youtube")
    report = make_report(
        kim=kim_a, user=officer, items=[item], material=world["material"],
        medium=Medium.SOCIAL, activity_count=2,
    )  # fmt: skip
    bare = make_report(kim=kim_a, user=officer, medium=Medium.FACE_TO_FACE)
    rollups_refresh_for_reports(reports=[report, bare])
    rows = {
        (r.medium, r.platform, r.material_id): (
            r.reports,
            r.activities,
            r.content_items,
        )
        for r in KimMonthRollup.objects.all()
    }
    assert rows == {
        ("social", "youtube", world["material"].pk): (1, 2, 1),
        ("face_to_face", "", None): (1, 1, 0),
    }
    region = RegionMonthRollup.objects.get(medium="social")
    assert (region.regency_code, region.platform, region.reports) == (
        "35.07",
        "youtube",
        1,
    )


@pytest.mark.django_db
def test_clicks_that_disappear_from_a_month_leave_no_rows(world):
    link = make_link(material=world["material"], kim=world["kim_a"])
    clicks = add_clicks(link=link, day=datetime.date(2026, 3, 9), count=4)
    rollups_refresh_clicks(month=MAR)
    assert RegionMonthRollup.objects.get().link_clicks == 4
    clicks.count = 0
    clicks.save()
    rollups_refresh_clicks(month=MAR)
    assert RegionMonthRollup.objects.aggregate(n=Sum("link_clicks"))["n"] == 0


@pytest.mark.django_db
def test_validation_services_update_the_rollups_in_their_transaction(
    kab, kim, kim_user, kota_pair
):
    from monitoring import services

    from .factories import make_report as report_through_services

    first = report_through_services(kim=kim, user=kim_user, activity_count=2)
    second = report_through_services(
        kim=kim, user=kim_user, urls=["https://www.instagram.com/p/Cx1/"]
    )
    services.report_validate(report=first, validated_by=kab)
    assert RegionMonthRollup.objects.aggregate(n=Sum("reports"))["n"] == 1
    services.reports_validate(report_ids=[second.pk], validated_by=kab)
    totals = RegionMonthRollup.objects.filter(regency_code="35.07").aggregate(
        reports=Sum("reports"),
        activities=Sum("activities"),
        content=Sum("content_items"),
    )
    assert totals == {"reports": 2, "activities": 3, "content": 2}

    services.report_return(report=first, returned_by=kab, reason="Tautan salah")
    assert RegionMonthRollup.objects.aggregate(n=Sum("reports"))["n"] == 1
    incremental = snapshot()
    month = first.month
    rollup_rebuild_month(month=month)
    assert snapshot() == incremental


@pytest.mark.django_db
def test_tasks_rebuild_a_month_and_refresh_todays_clicks(world):
    from kimportal.core.dates import today_in_jakarta
    from monitoring import tasks

    today = today_in_jakarta()
    link = make_link(material=world["material"], kim=world["kim_a"])
    add_clicks(link=link, day=today, count=3)
    assert tasks.rollups_refresh_clicks.delay().get() == 1
    assert RegionMonthRollup.objects.get().link_clicks == 3
    RegionMonthRollup.objects.all().delete()
    tasks.rollup_rebuild_month.delay(f"{today:%Y-%m}").get()
    assert RegionMonthRollup.objects.get().link_clicks == 3

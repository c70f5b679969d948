"""Effectiveness: periods and regions parse strictly, every number stays in the user's
scope (Kabupaten Malang never sees Kota Malang), exports are formula-safe, and the
dashboard's query count does not grow with the data."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from openpyxl import load_workbook

from kimportal.core.exports import formula_safe
from monitoring.periods_effectiveness import PeriodError, parse_period
from monitoring.selectors_effectiveness import (
    RegionError,
    effectiveness_region,
    effectiveness_summary,
)
from monitoring.services.rollups import rollups_refresh_for_reports

from .effectiveness_factories import (
    KOTA_MALANG_VILLAGE,
    content_item,
    make_kim,
    make_material,
    make_report,
)

TODAY = datetime.date(2026, 12, 3)


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("2026-11", "month", datetime.date(2026, 11, 1), datetime.date(2026, 12, 1)),
        ("2026-Q3", "quarter", datetime.date(2026, 7, 1), datetime.date(2026, 10, 1)),
        ("2026", "year", datetime.date(2026, 1, 1), datetime.date(2027, 1, 1)),
        ("", "year", datetime.date(2026, 1, 1), datetime.date(2027, 1, 1)),
    ],
)
def test_parse_period(text, kind, start, end):
    period = parse_period(text, today=TODAY)
    assert (period.kind, period.start, period.end) == (kind, start, end)


@pytest.mark.parametrize(
    "text",
    ["2026-13", "2026-Q5", "26", "2026-1", "1999", "2031", "x' OR 1=1", "２０２６"],
)
def test_parse_period_refuses_bad_input_with_a_message(text):
    with pytest.raises(PeriodError) as error:
        parse_period(text, today=TODAY)
    assert str(error.value)


@pytest.mark.django_db
def test_region_follows_the_scope(demo_users):
    kab, kota = demo_users["kab-malang"], demo_users["kota-malang"]
    province, ministry = demo_users["prov-jatim"], demo_users["kementerian"]
    assert effectiveness_region(user=kab, code=None).code == "35.07"
    assert effectiveness_region(user=province, code="35.07").level == "regency"
    assert effectiveness_region(user=ministry, code="").level == "nation"
    assert effectiveness_region(user=ministry, code="id").level == "nation"
    for user, code in [(kota, "35.07"), (kab, "35"), (province, ""), (province, "33")]:
        with pytest.raises(Http404):
            effectiveness_region(user=user, code=code or "id")
    with pytest.raises(Http404):
        effectiveness_region(user=ministry, code="99")
    with pytest.raises(RegionError):
        effectiveness_region(user=kab, code="35.07.01.2001")
    with pytest.raises(PermissionDenied):
        effectiveness_region(user=demo_users["kl-demo"], code=None)


@pytest.fixture
def two_regencies(demo_users):
    """Counted reports in Kabupaten Malang (3) and Kota Malang (1), this year."""
    kab = demo_users["kab-malang"]
    kim_kab = make_kim(name="KIM Tulungrejo")
    kim_kota = make_kim(village=KOTA_MALANG_VILLAGE, name='=HYPERLINK("x")')
    material = make_material(user=kab)
    month = datetime.date(2026, 3, 1)
    reports = [
        make_report(kim=kim_kab, user=kab, month=month, material=material,
                    items=[content_item(kim=kim_kab)]),
        make_report(kim=kim_kab, user=kab, month=month, activity_count=2),
        make_report(kim=kim_kab, user=kab, month=datetime.date(2026, 5, 1)),
        make_report(kim=kim_kota, user=kab, month=month),
    ]  # fmt: skip
    rollups_refresh_for_reports(reports=reports)
    return {"kim_kab": kim_kab, "kim_kota": kim_kota, "material": material}


@pytest.mark.django_db
def test_summary_counts_only_the_region(demo_users, two_regencies):
    period = parse_period("2026")
    for username, code, reports, active in [
        ("kab-malang", None, 3, 1),
        ("kota-malang", None, 1, 1),
        ("prov-jatim", None, 4, 2),
        ("kementerian", "35.73", 1, 1),
    ]:
        user = demo_users[username]
        region = effectiveness_region(user=user, code=code)
        output = effectiveness_summary(user=user, region=region, period=period)[
            "output"
        ]
        assert (output["validated_reports"], output["active_kims"]) == (reports, active)
    quarter = effectiveness_summary(
        user=demo_users["kab-malang"],
        region=effectiveness_region(user=demo_users["kab-malang"], code=None),
        period=parse_period("2026-Q1"),
    )
    assert quarter["output"]["validated_reports"] == 2
    assert quarter["output"]["activities"] == 3
    assert quarter["outtakes"] is None


def _dashboard(client, user, query="period=2026"):
    client.force_login(user)
    return client.get(f"{reverse('monitoring:effectiveness')}?{query}")


@pytest.mark.django_db
def test_dashboard_shows_the_officers_own_kab_kota(client, demo_users, two_regencies):
    response = _dashboard(client, demo_users["kab-malang"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "KIM Tulungrejo" in html  # the KIM ranking
    assert "HYPERLINK" not in html  # Kota Malang's KIM
    assert "Belum ada data" in html  # outtakes before the snapshots
    assert html.count('<details class="chart-data">') >= 2

    response = _dashboard(client, demo_users["kota-malang"], "region=35.07&period=2026")
    assert response.status_code == 404


@pytest.mark.django_db
def test_dashboard_bad_period_is_400_with_a_message(client, demo_users):
    response = _dashboard(client, demo_users["kab-malang"], "period=2026-99")
    assert response.status_code == 400
    assert "Bulan periode harus 01 sampai 12." in response.content.decode()


@pytest.mark.django_db
def test_dashboard_query_count_does_not_grow_with_data(
    client, demo_users, two_regencies, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    province = demo_users["prov-jatim"]
    client.force_login(province)
    url = f"{reverse('monitoring:effectiveness')}?period=2026"
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    kab = demo_users["kab-malang"]
    more = []
    for i in range(6):
        kim = make_kim(name=f"KIM Tambahan {i}")
        for month in (1, 4, 7, 10):
            more.append(
                make_report(kim=kim, user=kab, month=datetime.date(2026, month, 1),
                            items=[content_item(kim=kim, platform="youtube")])
            )  # fmt: skip
    rollups_refresh_for_reports(reports=more)
    with django_assert_num_queries(len(before.captured_queries)):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_exports_are_scoped_and_formula_safe(client, demo_users, two_regencies):
    client.force_login(demo_users["kementerian"])
    base = reverse("monitoring:effectiveness-export", args=["csv"])
    response = client.get(f"{base}?region=35.73&period=2026&table=ranking")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[2][0] == '\'=HYPERLINK("x")'
    assert rows[2][1] == "1"

    client.force_login(demo_users["kab-malang"])
    response = client.get(f"{base}?region=35.07&period=2026&table=ranking")
    body = b"".join(response.streaming_content).decode()
    assert "KIM Tulungrejo" in body and "HYPERLINK" not in body
    assert client.get(f"{base}?region=35.73&period=2026").status_code == 404

    xlsx = reverse("monitoring:effectiveness-export", args=["xlsx"])
    response = client.get(f"{xlsx}?period=2026&table=trend")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[1][0] == "Bulan"
    march = next(row for row in values[2:] if row[0] == "2026-03")
    assert march[1] == 2  # numbers stay numbers

    assert (
        client.get(reverse("monitoring:effectiveness-export", args=["pdf"])).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+62", "'+62"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("KIM Maju", "KIM Maju"),
        ("", ""),
    ],
)
def test_formula_safe(value, safe):
    assert formula_safe(value) == safe


@pytest.mark.django_db
def test_material_loop_page_follows_the_material_in_scope(
    client, demo_users, two_regencies
):
    from monitoring.models import MaterialDelivery

    material = two_regencies["material"]
    MaterialDelivery.objects.create(
        material=material,
        kim=two_regencies["kim_kab"],
        delivered_at="2026-03-01T00:00Z",
    )
    url = reverse("monitoring:material-effectiveness", args=[material.pk])
    client.force_login(demo_users["kab-malang"])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for step in ("Ditargetkan", "Terkirim", "Dibuka", "Dilaporkan", "Tervalidasi",
                 "Klik tautan", "Outtakes", "Jawaban survei"):  # fmt: skip
        assert step in html
    assert "belum ada data" in html
    client.force_login(demo_users["kota-malang"])
    assert client.get(url).status_code == 404

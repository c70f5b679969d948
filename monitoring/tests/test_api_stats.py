"""`GET /api/v1/stats/`: numbers of the region and period asked for, in scope; 400 for
bad input, 403 for a role without dashboards, 404 out of scope — never 500."""

import datetime

import pytest
from rest_framework.test import APIClient

from monitoring.services.rollups import rollups_refresh_for_reports

from .effectiveness_factories import KOTA_MALANG_VILLAGE, make_kim, make_report

URL = "/api/v1/stats/"


@pytest.fixture
def reports(demo_users):
    kab = demo_users["kab-malang"]
    made = [
        make_report(kim=make_kim(), user=kab, month=datetime.date(2026, 11, 1)),
        make_report(kim=make_kim(), user=kab, month=datetime.date(2026, 8, 1)),
        make_report(
            kim=make_kim(village=KOTA_MALANG_VILLAGE),
            user=kab,
            month=datetime.date(2026, 11, 1),
        ),
    ]
    rollups_refresh_for_reports(reports=made)
    return made


def get(user, **params):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client.get(URL, params)


@pytest.mark.django_db
def test_stats_of_own_kab_kota_by_month_quarter_and_year(demo_users, reports):
    kab = demo_users["kab-malang"]
    month = get(kab, period="2026-11")
    assert month.status_code == 200
    body = month.json()
    assert body["region"] == {
        "code": "35.07",
        "name": body["region"]["name"],
        "level": "regency",
    }
    assert body["period"] == {
        "key": "2026-11",
        "kind": "month",
        "start": "2026-11-01",
        "end": "2026-11-30",
    }
    assert body["output"]["validated_reports"] == 1
    assert body["output"]["active_kims"] == 1
    assert body["outtakes"] is None
    assert body["outcome"]["answers"] == 0 and body["outcome"]["positive_share"] is None
    assert get(kab, period="2026-Q3").json()["output"]["validated_reports"] == 1
    assert get(kab, period="2026").json()["output"]["validated_reports"] == 2


@pytest.mark.django_db
def test_stats_nation_and_province(demo_users, reports):
    nation = get(demo_users["kementerian"], region="id", period="2026").json()
    assert nation["region"]["level"] == "nation"
    assert nation["output"]["validated_reports"] == 3
    province = get(demo_users["prov-jatim"], period="2026-11").json()
    assert province["region"]["code"] == "35"
    assert province["output"]["validated_reports"] == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("username", "params", "status"),
    [
        (None, {}, 401),
        ("kim", {}, 403),
        ("kl-demo", {}, 403),
        ("kl-demo", {"region": "zz"}, 403),  # the role is refused before the input
        ("kab-malang", {"period": "2026-13"}, 400),
        ("kab-malang", {"period": "bulan lalu"}, 400),
        ("kab-malang", {"region": "35.07.01"}, 400),
        ("kab-malang", {"region": "<script>"}, 400),
        ("kab-malang", {"region": "35.73"}, 404),  # kota-malang's
        ("kota-malang", {"region": "35.07"}, 404),
        ("kab-malang", {"region": "35"}, 404),  # its province is above it
        ("prov-jatim", {"region": "id"}, 404),
        ("prov-jatim", {"region": "33"}, 404),
        ("kementerian", {"region": "99"}, 404),  # no such province
        ("kementerian", {"region": "35.07", "period": "2026-Q2"}, 200),
    ],
)
def test_stats_status_codes(demo_users, username, params, status):
    if username == "kim":
        from .factories import kim_with_user

        user = kim_with_user()[1]
    else:
        user = demo_users[username] if username else None
    response = get(user, **params)
    assert response.status_code == status, response.content
    if status == 400:
        assert set(response.json()) & {"region", "period"}

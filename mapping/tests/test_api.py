"""Mapping's API: scoping, status codes, override, grid and report."""

import io

import pytest
from rest_framework.test import APIClient

from mapping.models import Assessment, PublicIssue

from .factories import PERIOD

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(demo_users):
    def as_user(username):
        client = APIClient()
        client.force_authenticate(demo_users[username])
        return client

    return as_user


def test_assessment_list_by_period_and_regency_is_scoped(api, assessed, other_kims):
    data = api("kab-malang").get("/api/v1/assessments/", {"period": PERIOD.key}).json()
    assert data["count"] == 5
    assert {row["regency"] for row in data["results"]} == {"35.07"}
    data = api("prov-jatim").get("/api/v1/assessments/", {"period": PERIOD.key}).json()
    assert data["count"] == 7
    data = (
        api("prov-jatim")
        .get("/api/v1/assessments/", {"period": PERIOD.key, "regency": "35.73"})
        .json()
    )
    assert data["count"] == 2
    response = api("kota-malang").get("/api/v1/assessments/", {"regency": "35.07"})
    assert response.status_code == 404
    response = api("kab-malang").get("/api/v1/assessments/", {"period": "Q9"})
    assert response.status_code == 400
    assert "Periode" in str(response.json())


def test_assessment_detail_has_provenance_and_effective_values(api, assessed, kims):
    pk = assessed[kims[0].pk].pk
    data = api("kab-malang").get(f"/api/v1/assessments/{pk}/").json()
    assert data["provenance"] == {"reports": [101, 102], "snapshots": [901]}
    assert data["effective"]["power"] == {"score": 87.5, "high": True}
    assert api("kota-malang").get(f"/api/v1/assessments/{pk}/").status_code == 404
    assert api("kl-demo").get(f"/api/v1/assessments/{pk}/").status_code == 403


def test_override_needs_reason_and_keeps_both_values(api, assessed, kims):
    pk = assessed[kims[0].pk].pk
    url = f"/api/v1/assessments/{pk}/override/"
    response = api("kab-malang").post(url, {"power": 12}, format="json")
    assert response.status_code == 400
    assert "reason" in response.json()
    response = api("kab-malang").post(
        url, {"power": 12, "reason": "Data tatap muka"}, format="json"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["power_score"] == "87.50" and data["power_override"] == "12.00"
    assert data["overridden_by"] == "kab-malang"
    assert (
        api("prov-jatim").post(url, {"reason": "x"}, format="json").status_code == 403
    )
    assert (
        api("kota-malang").post(url, {"reason": "x"}, format="json").status_code == 404
    )
    response = api("kab-malang").post(
        url, {"power": "abc", "reason": "x"}, format="json"
    )
    assert response.status_code == 400
    response = api("kab-malang").post(url, {"power": 500, "reason": "x"}, format="json")
    assert response.status_code == 400


def test_area_grid_leaves_provenance_to_each_assessment(api, assessed, kims):
    data = api("kementerian").get("/api/v1/mapping/grid/", {"period": PERIOD.key})
    points = data.json()["points"]
    assert len(points) == data.json()["total"] > 0
    assert all(p["provenance"] is None for p in points)
    detail = api("kementerian").get(
        f"/api/v1/assessments/{points[0]['assessment_id']}/"
    )
    assert detail.json()["provenance"]["reports"]


def test_grid_points_have_quadrant_previous_and_provenance(api, assessed, kims):
    data = (
        api("kab-malang")
        .get("/api/v1/mapping/grid/", {"period": PERIOD.key, "regency": "35.07"})
        .json()
    )
    points = {p["kim_id"]: p for p in data["points"]}
    first = points[kims[0].pk]
    assert first["approach"] == "partner"
    assert first["previous"]["power"] is not None
    assert first["previous"]["power"] < first["power"]
    assert first["provenance"]["reports"] == [101, 102]
    assert data["previous_period"] == "2026-Q2"
    assert (
        api("kota-malang")
        .get("/api/v1/mapping/grid/", {"regency": "35.07"})
        .status_code
        == 404
    )
    assert api("kl-demo").get("/api/v1/mapping/grid/").status_code == 403


def test_report_as_pdf_and_xlsx(api, assessed):
    client = api("kab-malang")
    response = client.get(
        "/api/v1/mapping/report/", {"period": PERIOD.key, "format": "pdf"}
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    response = client.get(
        "/api/v1/mapping/report/", {"period": PERIOD.key, "format": "xlsx"}
    )
    assert response.status_code == 200
    from openpyxl import load_workbook

    load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    response = client.get("/api/v1/mapping/report/", {"format": "doc"})
    assert response.status_code == 400
    assert response.json()["format"]
    response = api("kota-malang").get(
        "/api/v1/mapping/report/", {"regency": "35.07", "format": "xlsx"}
    )
    assert response.status_code == 404


def test_public_issue_api_create_update_national(api, kims, other_kims):
    response = api("kab-malang").post(
        "/api/v1/public-issues/",
        {
            "title": "Stunting",
            "field": "kesehatan",
            "sources": [{"kind": "poll", "url": "https://survei.example.id"}],
            "kims": [kims[0].pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["kims"] == [kims[0].pk]
    response = api("kab-malang").post(
        "/api/v1/public-issues/",
        {"title": "X", "field": "kesehatan", "kims": [other_kims[0].pk]},
        format="json",
    )
    assert response.status_code == 400
    response = api("kab-malang").post(
        "/api/v1/public-issues/", {"title": "X", "field": "bukan"}, format="json"
    )
    assert response.status_code == 400
    url = f"/api/v1/public-issues/{pk}/"
    assert api("kota-malang").get(url).status_code == 404
    assert (
        api("prov-jatim").patch(url, {"title": "Y"}, format="json").status_code == 403
    )
    response = api("kab-malang").patch(url, {"is_crisis": True}, format="json")
    assert response.status_code == 200 and response.json()["is_crisis"]
    assert api("prov-jatim").post(url + "national/").status_code == 403
    assert api("kementerian").post(url + "national/").status_code == 200
    # national: now every office sees it, but not the KIM of another kab/kota
    data = api("kota-malang").get(url).json()
    assert data["is_national"] and data["kims"] == []
    assert PublicIssue.objects.get(pk=pk).is_national


def test_assessment_list_query_count_is_constant(
    api, assessed, django_assert_max_num_queries
):
    client = api("prov-jatim")
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/assessments/", {"period": PERIOD.key})
    assert (
        response.json()["count"] == Assessment.objects.filter(period=PERIOD.key).count()
    )

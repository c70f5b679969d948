"""The API: scoping (404), roles (403), states (409), input (400), idempotent create."""

import pytest
from rest_framework.test import APIClient

from kimportal.core.dates import today_in_jakarta
from monitoring import services

from .factories import make_report, material_data

pytestmark = pytest.mark.django_db


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _payload(**overrides):
    data = {
        "action_kind": "social_post",
        "format": "video",
        "medium": "social",
        "activity_date": today_in_jakarta().isoformat(),
        "evidence": ["https://youtu.be/dQw4w9WgXcQ"],
        "submit": True,
    }
    data.update(overrides)
    return data


def test_kim_creates_idempotently_with_the_header(kim_user):
    api = _api(kim_user)
    first = api.post(
        "/api/v1/reports/", _payload(), format="json", HTTP_IDEMPOTENCY_KEY="abc-1"
    )
    again = api.post(
        "/api/v1/reports/", _payload(), format="json", HTTP_IDEMPOTENCY_KEY="abc-1"
    )
    assert first.status_code == 201 and again.status_code == 200
    assert first.data["id"] == again.data["id"]
    assert first.data["state"] == "submitted"
    assert first.data["evidence"][0]["platform"] == "youtube"
    assert first.data["evidence"][0]["check_status"] in ("pending", "unreachable")


def test_lifecycle_over_the_api(kim, kim_user, kab):
    report = make_report(kim=kim, user=kim_user, submit=False)
    assert (
        _api(kim_user).post(f"/api/v1/reports/{report.pk}/submit/").status_code == 200
    )
    # The KIM may not validate (403); the kab/kota may, once (then 409).
    assert (
        _api(kim_user).post(f"/api/v1/reports/{report.pk}/validate/").status_code == 403
    )
    kab_api = _api(kab)
    response = kab_api.post(f"/api/v1/reports/{report.pk}/return/", {}, format="json")
    assert response.status_code == 400 and "reason" in response.data
    assert kab_api.post(f"/api/v1/reports/{report.pk}/validate/").status_code == 200
    assert kab_api.post(f"/api/v1/reports/{report.pk}/validate/").status_code == 409
    assert kab_api.post(f"/api/v1/reports/{report.pk}/submit/").status_code == 409


def test_scope_kab_vs_kota_in_the_api(kim, kim_user, kota):
    report = make_report(kim=kim, user=kim_user)
    api = _api(kota)
    assert api.get("/api/v1/reports/").data["count"] == 0
    assert api.get(f"/api/v1/reports/{report.pk}/").status_code == 404
    assert api.post(f"/api/v1/reports/{report.pk}/validate/").status_code == 404
    assert (
        api.post("/api/v1/reports/", _payload(kim=kim.pk), format="json").status_code
        == 404
    )
    assert api.get("/api/v1/content/").data["count"] == 0


def test_bad_input_is_400_never_500(kim_user, kab):
    api = _api(kim_user)
    response = api.post(
        "/api/v1/reports/",
        _payload(evidence=["javascript:alert(1)"], medium="tv"),
        format="json",
    )
    assert response.status_code == 400 and "medium" in response.data
    response = api.post(
        "/api/v1/reports/", _payload(evidence=["ftp://x"]), format="json"
    )
    assert response.status_code == 400 and "evidence" in response.data
    # A kab/kota must say for which KIM it reports.
    assert (
        _api(kab).post("/api/v1/reports/", _payload(), format="json").status_code == 400
    )


def test_agency_gets_403(demo_users):
    api = _api(demo_users["kl-demo"])
    for url in ("/api/v1/reports/", "/api/v1/materials/", "/api/v1/content/"):
        assert api.get(url).status_code == 403


def test_materials_api_create_publish(kim, kab, kim_user, kota):
    data = material_data()
    data = {k: str(v) for k, v in data.items()}
    response = _api(kab).post("/api/v1/materials/", data, format="json")
    assert response.status_code == 201, response.data
    pk = response.data["id"]
    assert _api(kota).post(f"/api/v1/materials/{pk}/publish/").status_code == 404
    assert _api(kim_user).get(f"/api/v1/materials/{pk}/").status_code == 404
    published = _api(kab).post(f"/api/v1/materials/{pk}/publish/")
    assert published.status_code == 200 and published.data["delivered"] == 1
    assert _api(kab).post(f"/api/v1/materials/{pk}/publish/").status_code == 409
    assert _api(kim_user).get(f"/api/v1/materials/{pk}/").status_code == 200
    assert (
        _api(kim_user).post("/api/v1/materials/", data, format="json").status_code
        == 403
    )


def test_content_items_listed_once_per_post(kim, kim_user):
    make_report(kim=kim, user=kim_user, urls=["https://youtu.be/dQw4w9WgXcQ"])
    make_report(kim=kim, user=kim_user, urls=["https://youtube.com/shorts/dQw4w9WgXcQ"])
    data = _api(kim_user).get("/api/v1/content/").data
    assert data["count"] == 1
    assert data["results"][0]["platform_id"] == "dQw4w9WgXcQ"


def test_material_out_of_scope_is_404_for_kim(kim, kim_user, kab):
    material = services.material_create(created_by=kab, data=material_data())
    assert _api(kim_user).get(f"/api/v1/materials/{material.pk}/").status_code == 404


def test_bulk_validate_over_the_api_is_all_or_nothing(kim, kim_user, kab, kota):
    from monitoring.models import DisseminationReport

    first, second = (make_report(kim=kim, user=kim_user) for _ in range(2))
    draft = make_report(kim=kim, user=kim_user, submit=False)
    url = "/api/v1/reports/validate/"
    ids = {"reports": [first.pk, second.pk]}
    assert _api(kim_user).post(url, ids, format="json").status_code == 403
    assert _api(kota).post(url, ids, format="json").status_code == 404  # not theirs
    assert _api(kab).post(url, {"reports": []}, format="json").status_code == 400
    with_draft = {"reports": [first.pk, draft.pk]}
    assert _api(kab).post(url, with_draft, format="json").status_code == 409
    assert not DisseminationReport.objects.filter(state="validated").exists()
    response = _api(kab).post(url, ids, format="json")
    assert response.status_code == 200 and response.data == {"validated": 2}
    assert DisseminationReport.objects.filter(state="validated").count() == 2
    assert _api(kab).post(url, ids, format="json").status_code == 409


def test_withdraw_over_the_api(kab, kota, kim_user):
    material = services.material_create(created_by=kab, data=material_data())
    services.material_publish(material=material, published_by=kab)
    url = f"/api/v1/materials/{material.pk}/withdraw/"
    assert _api(kota).post(url).status_code == 404
    assert _api(kim_user).post(url).status_code in (403, 404)
    response = _api(kab).post(url)
    assert response.status_code == 200 and response.data["state"] == "withdrawn"
    assert _api(kab).post(url).status_code == 409

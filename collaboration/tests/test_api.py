import pytest
from rest_framework.test import APIClient

from collaboration.models import CapacityNeed
from collaboration.tests.factories import need_data

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_kim_posts_its_needs_and_reads_them(kims, kim_user):
    data = need_data()
    answer = api(kim_user).post(
        "/api/v1/capacity-needs/", {**data, "kim": kims["b"].pk}, format="json"
    )
    assert answer.status_code == 201, answer.json()
    # The KIM always files for its own KIM, whatever `kim` says.
    assert answer.json()["kim"] == kims["a"].pk
    listing = api(kim_user).get("/api/v1/capacity-needs/").json()
    assert [row["id"] for row in listing["results"]] == [answer.json()["id"]]


def test_staff_posts_for_a_kim_in_scope_and_gets_status_codes(kab, kims, demo_users):
    data = need_data()
    created = api(kab).post(
        "/api/v1/capacity-needs/", {**data, "kim": kims["a"].pk}, format="json"
    )
    assert created.status_code == 201
    assert created.json()["skills"][0]["is_needed"] in (True, False)
    pk = created.json()["id"]
    assert (
        api(kab).post("/api/v1/capacity-needs/", data, format="json").status_code == 404
    )
    kota = api(demo_users["kota-malang"])
    assert kota.get(f"/api/v1/capacity-needs/{pk}/").status_code == 404
    assert (
        kota.post(
            "/api/v1/capacity-needs/", {**data, "kim": kims["a"].pk}, format="json"
        ).status_code
        == 404
    )
    assert (
        api(demo_users["prov-jatim"])
        .post("/api/v1/capacity-needs/", {**data, "kim": kims["a"].pk}, format="json")
        .status_code
        == 403
    )
    assert (
        api(kab)
        .post(
            "/api/v1/capacity-needs/", {**data, "kim": kims["draft"].pk}, format="json"
        )
        .status_code
        == 409
    )
    assert api(demo_users["kl-demo"]).get("/api/v1/capacity-needs/").status_code == 403
    bad = api(kab).post(
        "/api/v1/capacity-needs/",
        {**data, "kim": kims["a"].pk, "skills": []},
        format="json",
    )
    assert bad.status_code == 400
    assert CapacityNeed.objects.count() == 1


def test_campaign_api_lifecycle(kab, kims, kim_user):
    client = api(kab)
    created = client.post(
        "/api/v1/campaigns/",
        {
            "title": "Cegah DBD",
            "message": "3M Plus",
            "kind": "proactive",
            "target_kim_types": ["A", "B"],
            "trial_months": 2,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    base = f"/api/v1/campaigns/{pk}/"
    assert client.post(base + "collaborate/").status_code == 409
    opened = client.post(base + "open/")
    assert opened.status_code == 200 and opened.json()["kim_count"] == 3
    feedback = api(kim_user).post(base + "feedback/", {"body": "Setuju"}, format="json")
    assert feedback.status_code == 201
    assert client.post(base + "collaborate/").json()["state"] == "collaboration"
    designed = client.post(
        base + "design/", {"angle": "Kader", "material_format": "poster"}, format="json"
    )
    assert designed.status_code == 200
    launched = client.post(base + "launch/", {}, format="json")
    assert launched.status_code == 200 and launched.json()["material"]
    assert (
        client.post(
            base + "fix-period/", {"kim_ids": [kims["a"].pk]}, format="json"
        ).status_code
        == 409
    )
    assert api(kim_user).post(base + "close/").status_code == 403
    assert client.post(base + "close/").json()["state"] == "closed"

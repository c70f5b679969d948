import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_children_of_a_regency(client, regions):
    response = client.get(reverse("api-region-list"), {"parent": "35.07"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 33  # Kabupaten Malang has 33 kecamatan
    assert body["results"][0] == {
        "code": "35.07.01",
        "name": "Donomulyo",
        "level": "district",
    }


@pytest.mark.django_db
def test_filter_by_level(client, regions):
    body = client.get(reverse("api-region-list"), {"level": "province"}).json()
    assert body["count"] == 38
    assert {r["level"] for r in body["results"]} == {"province"}


@pytest.mark.django_db
def test_unknown_level_is_a_json_field_error(client, regions):
    response = client.get(reverse("api-region-list"), {"level": "planet"})
    assert response.status_code == 400
    assert "level" in response.json()


@pytest.mark.django_db
def test_htmx_options_follow_the_deepest_choice(client, regions):
    response = client.get(
        reverse("regions:options"), {"province": "35", "regency": "35.07"}
    )
    assert b'value="35.07.01"' in response.content
    assert b'value="35.73' not in response.content

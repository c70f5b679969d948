"""Power and influence are read-only on the KIM: filled from its latest assessment
(mapping), shown on the profile and in the API, never set by a form or an API write."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from registry import services
from registry.models import KIM_ASSESSED_FIELDS, KIM_PROFILE_FIELDS

from .factories import VerifiedKimFactory
from .view_helpers import update_data

pytestmark = pytest.mark.django_db


def test_assessed_figures_are_not_editable_profile_fields():
    assert not set(KIM_ASSESSED_FIELDS) & set(KIM_PROFILE_FIELDS)


def test_api_patch_and_detail_keep_the_assessed_figures(demo_users):
    kim = VerifiedKimFactory(power_reach=700, influence_response=70)
    client = APIClient()
    client.force_authenticate(demo_users["kab-malang"])
    url = reverse("api-kim-detail", args=[kim.pk])
    response = client.patch(
        url,
        {"chair_name": "Baru", "power_reach": 5, "influence_response": 5},
        format="json",
    )
    assert response.status_code == 200, response.json()
    kim.refresh_from_db()
    assert (kim.chair_name, kim.power_reach, kim.influence_response) == (
        "Baru",
        700,
        70,
    )
    shown = client.get(url).json()
    assert (shown["power_reach"], shown["influence_response"]) == (700, 70)


def test_update_form_shows_the_figures_read_only_and_ignores_posted_ones(
    kab_malang, demo_users
):
    kim = VerifiedKimFactory(power_reach=700, influence_response=70)
    url = reverse("registry:kim-update", args=[kim.pk])
    page = kab_malang.get(url).text
    assert 'name="power_reach"' not in page and 'name="influence_response"' not in page
    assert "<dd>700</dd>" in page
    data = update_data(kim, power_reach="5", influence_response="5")
    kab_malang.post(url, data)
    kim.refresh_from_db()
    assert (kim.power_reach, kim.influence_response) == (700, 70)


def test_services_refuse_to_set_the_figures(demo_users):
    kim = VerifiedKimFactory(power_reach=700)
    with pytest.raises(TypeError):
        services.kim_update(
            kim=kim, updated_by=demo_users["kab-malang"], data={"power_reach": 5}
        )

"""Issue 7, finding 8: each role gets only the filters its page offers. A filter a
role's page does not offer is ignored (the answer is the unfiltered list), so
`kl-demo ?partnership=under_review` tells nothing about review state."""

import datetime

import pytest
from django.urls import reverse

from registry.choices import PartnershipStatus
from registry.models import Partnership

from .factories import VerifiedKimFactory
from .test_api import client_for

pytestmark = pytest.mark.django_db

# Filters of the staff KIM list that the agency directory does not offer.
NOT_FOR_AGENCY = {
    "partnership": ["under_review", "active", "none"],
    "status": ["draft", "verified", "inactive"],
    "sort": ["-updated_at", "-created_at", "nik"],
}


@pytest.fixture
def kims(demo_users):
    reviewed, plain = VerifiedKimFactory.create_batch(2)
    Partnership.objects.create(
        kim=reviewed,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
        status=PartnershipStatus.UNDER_REVIEW,
        created_by=demo_users["kab-malang"],
    )
    return reviewed, plain


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    ("name", "value"),
    [(name, value) for name, values in NOT_FOR_AGENCY.items() for value in values],
)
def test_agency_kim_list_ignores_filters_its_directory_does_not_offer(
    demo_users, kims, name, value
):
    api = client_for(demo_users["kl-demo"])
    url = reverse("api-kim-list")
    assert ids(api.get(url, {name: value})) == ids(api.get(url))


def test_agency_keeps_the_directory_filters(demo_users, kims):
    api = client_for(demo_users["kl-demo"])
    reviewed, _plain = kims
    found = ids(api.get(reverse("api-kim-list"), {"q": reviewed.name}))
    assert found == [reviewed.pk]


def test_staff_still_filter_by_partnership(demo_users, kims):
    reviewed, _plain = kims
    api = client_for(demo_users["kab-malang"])
    url = reverse("api-kim-list")
    assert ids(api.get(url, {"partnership": "under_review"})) == [reviewed.pk]


@pytest.mark.parametrize(
    "params",
    [
        {"partnership": "under_review"},
        {"partnership": "none"},
        {"status": "draft"},
        {"q": "tidak ada nama ini"},
        {"kim_type": "B"},
        {"sort": "-created_at"},
    ],
)
def test_kim_user_list_takes_no_filter(demo_users, kims, params):
    from .factories import UserFactory

    reviewed, _plain = kims
    member = UserFactory(role="kim", kim=reviewed)
    api = client_for(member)
    url = reverse("api-kim-list")
    assert ids(api.get(url, params)) == ids(api.get(url)) == [reviewed.pk]

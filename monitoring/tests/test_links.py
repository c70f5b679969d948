"""The tracked link: public, counts per KIM, medium and day, never an open redirect."""

import pytest
from django.test import Client

from kimportal.core.dates import today_in_jakarta
from monitoring import services
from monitoring.models import LinkClickDaily, TrackedLink

from .factories import material_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(kim, kab):
    material = services.material_create(created_by=kab, data=material_data())
    services.material_publish(material=material, published_by=kab)
    return TrackedLink.objects.get(delivery__kim=kim, medium="messaging")


def test_click_redirects_to_the_material_and_counts(
    link, django_assert_max_num_queries
):
    client = Client()
    with django_assert_max_num_queries(2):
        response = client.get(f"/l/{link.code}")
    assert response.status_code == 302
    assert response["Location"] == "https://www.kemkes.go.id/dbd"
    client.get(f"/l/{link.code}")
    row = LinkClickDaily.objects.get()
    assert (row.link_id, row.kim_id, row.medium, row.day, row.count) == (
        link.pk,
        link.delivery.kim_id,
        "messaging",
        today_in_jakarta(),
        2,
    )
    # No personal data: the row has no field for who clicked.
    names = {f.name for f in LinkClickDaily._meta.get_fields()}
    assert not names & {"ip", "user", "user_agent", "referrer", "session"}


@pytest.mark.parametrize(
    "suffix",
    [
        "?next=https://evil.example",
        "?url=//evil.example",
        "/https://evil.example",
        "%2F%2Fevil.example",
    ],
)
def test_no_open_redirect(link, suffix):
    response = Client().get(f"/l/{link.code}{suffix}")
    if response.status_code == 302:
        assert response["Location"] == "https://www.kemkes.go.id/dbd"
    else:
        assert response.status_code == 404


def test_unknown_or_overlong_code_is_404_and_counts_nothing(link):
    assert Client().get("/l/AAAAAAAAAAAA").status_code == 404
    assert Client().get("/l/" + "A" * 200).status_code == 404
    assert Client().head(f"/l/{link.code}").status_code == 302
    assert not LinkClickDaily.objects.exists()  # HEAD (link previews) does not count


def test_material_without_url_gets_no_tracked_links(kim, kab):
    material = services.material_create(created_by=kab, data=material_data(url=""))
    services.material_publish(material=material, published_by=kab)
    assert not TrackedLink.objects.filter(delivery__material=material).exists()

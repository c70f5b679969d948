"""Stored values as people read them (registry/presenters.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry import services
from registry.choices import MediaType, SocialGroup
from registry.presenters import (
    change_rows,
    choice_labels,
    kim_list_labels,
    region_codes_of,
    value_display,
)
from registry.selectors_views import regions_by_code
from registry.tests.factories import KAB_MALANG_VILLAGE
from registry.tests.helpers import OTHER_KAB_MALANG_VILLAGE

pytestmark = pytest.mark.django_db


def test_choice_labels_keep_the_stored_order_and_show_an_unknown_code_as_is():
    assert choice_labels(["meeting", "social", "kentongan"], MediaType) == [
        str(MediaType.MEETING.label),
        str(MediaType.SOCIAL.label),
        "kentongan",
    ]
    assert choice_labels(None, SocialGroup) == []


def test_kim_list_labels_cover_the_four_multiple_choice_fields(verified_kim):
    labels = kim_list_labels(verified_kim)
    assert set(labels) == {"social_groups", "media_types", "fields", "content_types"}
    assert labels["media_types"] == choice_labels(verified_kim.media_types, MediaType)


def test_change_rows_name_both_desa_from_one_region_query(regions):
    changes = {
        "village": {"old": KAB_MALANG_VILLAGE, "new": OTHER_KAB_MALANG_VILLAGE},
        "kim_type": {"old": "A", "new": "B"},
        "officers": {"old": [], "new": [{"name": "Rina", "position": "Ketua"}]},
    }
    current = {"village": KAB_MALANG_VILLAGE, "kim_type": "A", "officers": []}
    with CaptureQueriesContext(connection) as queries:
        regions_ = regions_by_code(region_codes_of(changes, current))
        rows = change_rows(changes, current=current, regions=regions_)
    assert len(queries) == 1
    village, kim_type, officers = rows
    assert village["current"].endswith(f"({KAB_MALANG_VILLAGE})")
    assert village["requested"].startswith("Banjarejo")
    assert kim_type["requested"] != "B"  # the type's label, not its code
    assert officers == {
        "label": "Susunan pengurus",
        "current": "—",
        "requested": "Rina (Ketua)",
    }
    assert value_display("rt", "", regions={}) == "—"


def test_change_request_page_reads_regions_once_however_many_desa_it_shows(
    client, officer, verified_kim
):
    member = services.kim_invite_user(
        kim=verified_kim, invited_by=officer, email="ketua@kim.example.id"
    )
    _kim, request = services.kim_self_update(
        kim=verified_kim,
        user=member,
        data={"name": "KIM Baru"},
        village_code=OTHER_KAB_MALANG_VILLAGE,
    )
    client.force_login(officer)
    url = reverse("registry:change-request-detail", args=[request.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert "Banjarejo" in response.text
    region_queries = [q for q in queries if 'FROM "regions_region"' in q["sql"]]
    assert len(region_queries) <= 2  # the page's rows, and the KIM's own seat

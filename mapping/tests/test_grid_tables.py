"""The grid's points as PostgreSQL works them out, and the lists beside the grid: the
KIM per quadrant (a few, with the count and a link to the rest), the table alternative
a page at a time, and the full assessment table with its quadrant filter."""

import pytest
from django.urls import reverse

from mapping import services
from mapping.models import Assessment
from mapping.selectors import approach_counts
from mapping.selectors_grid import (
    approach_counts_by_regency,
    approach_totals,
    grid_points,
)

from .factories import FIGURES_Q3, PERIOD, assess, malang_kims

pytestmark = pytest.mark.django_db

DIMENSIONS = ("interest", "power", "influence")


def _client(client, demo_users, username="kab-malang"):
    client.force_login(demo_users[username])
    return client


def test_grid_points_match_the_assessments_effective_values(demo_users, assessed, kims):
    """Scores, highs and the override flag come from SQL; they must say what the
    model's own effective()/effective_high() say, override or not."""
    officer = demo_users["kab-malang"]
    # KIM 0 is high on power; overridden to just below the threshold it turns low.
    # KIM 3 has no reach; overridden exactly onto the threshold it turns high.
    services.assessment_override(
        assessment=assessed[kims[0].pk], actor=officer, reason="Rapat", power=49.99
    )
    services.assessment_override(
        assessment=assessed[kims[3].pk], actor=officer, reason="Rapat", interest=50
    )
    points = {
        p["kim_id"]: p
        for p in grid_points(user=officer, period=PERIOD, regency_code="35.07")
    }
    assert len(points) == len(kims)
    for assessment in Assessment.objects.filter(period=PERIOD.key, regency="35.07"):
        point = points[assessment.kim_id]
        for d in DIMENSIONS:
            effective = assessment.effective(d)
            assert point[d] == (None if effective is None else float(effective)), d
            assert point[f"{d}_high"] is assessment.effective_high(d), d
        assert point["is_overridden"] is assessment.is_overridden
        assert point["approach"] == assessment.approach
    assert points[kims[0].pk]["power"] == 49.99
    assert points[kims[0].pk]["power_high"] is False
    assert points[kims[3].pk]["interest_high"] is True
    # the previous quarter's position of the KIM that moved up
    assert points[kims[0].pk]["previous"]["power"] < points[kims[0].pk]["power"]


def test_area_counts_per_kab_kota_sum_to_the_area(demo_users, assessed):
    province = demo_users["prov-jatim"]
    by_regency = approach_counts_by_regency(user=province, period=PERIOD)
    assert [r["code"] for r in by_regency] == ["35.07", "35.73"]
    assert by_regency[0]["name"] and by_regency[0]["total"] == 5
    assert approach_totals(by_regency) == approach_counts(
        user=province, period=PERIOD, regency_code=None
    )


def test_quadrant_lists_name_a_few_and_link_to_the_rest(
    client, demo_users, assessed, monkeypatch
):
    from mapping.views import grid

    monkeypatch.setattr(grid, "QUADRANT_LIST_SIZE", 1)
    html = (
        _client(client, demo_users)
        .get(reverse("mapping:grid"), {"period": PERIOD.key})
        .content.decode()
    )
    # Kab. Malang: 3 partners and 2 monitored; one of each named, the count kept
    partners = html.split('id="q-partner"')[1].split("</section>")[0]
    assert partners.count("<li>") == 1
    assert "(3)" in partners
    assert "Lihat semua 3 KIM di kuadran ini" in partners
    assert "approach=partner" in partners
    empty = html.split('id="q-persuade"')[1].split("</section>")[0]
    assert "Lihat semua" not in empty


def test_table_alternative_is_paginated_in_place(
    client, demo_users, assessed, monkeypatch
):
    from mapping.views import grid

    monkeypatch.setattr(grid, "TABLE_PAGE_SIZE", 2)
    client = _client(client, demo_users)
    first = client.get(reverse("mapping:grid"), {"period": PERIOD.key})
    table = first.content.decode().split('id="grid-table"')[1].split("</details>")[0]
    assert table.count("<tr><td>") == 2
    assert "Halaman 1 dari 3" in table and "page=2#grid-table" in table
    assert '<details class="card" id="grid-table">' in first.content.decode()
    # a later page opens the table where the reader left it
    third = client.get(reverse("mapping:grid"), {"period": PERIOD.key, "page": 3})
    html = third.content.decode()
    assert '<details class="card" id="grid-table" open>' in html
    table = html.split('id="grid-table"')[1].split("</details>")[0]
    assert table.count("<tr><td>") == 1
    # every KIM appears once over the pages
    names = set()
    for page in (1, 2, 3):
        html = client.get(
            reverse("mapping:grid"), {"period": PERIOD.key, "page": page}
        ).content.decode()
        table = html.split('id="grid-table"')[1].split("</details>")[0]
        names |= {
            f"KIM Malang {i}" for i in range(5) if f">KIM Malang {i}</a>" in table
        }
    assert len(names) == 5


def test_assessment_table_pages_filters_by_quadrant_and_shows_movement(
    client, demo_users, assessed, kims, monkeypatch
):
    from mapping.views import assessments

    monkeypatch.setattr(assessments, "LIST_PAGE_SIZE", 2)
    client = _client(client, demo_users)
    url = reverse("mapping:assessment-list")
    html = client.get(url, {"period": PERIOD.key}).content.decode()
    assert (
        html.count("/mapping/assessments/") - html.count("/mapping/assessments/export/")
        == 2
    )
    assert "KIM 1–2 dari 5" in html and "Halaman 1 dari 3" in html
    # the quadrant filter: the 3 partners, and KIM 0 came from another quadrant
    html = client.get(
        url, {"period": PERIOD.key, "approach": "partner", "page": 2}
    ).content.decode()
    assert "KIM 3–3 dari 3" in html
    pager = html.split('class="pager"')[1].split("</nav>")[0]
    assert "approach=partner" in pager and "page=1" in pager
    html = client.get(
        url, {"period": PERIOD.key, "approach": "partner"}
    ).content.decode()
    row = html.split(">KIM Malang 0</a>")[1].split("</tr>")[0]
    assert "Jadikan mitra" in row  # now
    assert "Catat dan pantau" in row  # the quarter before
    # an unknown quadrant shows them all
    html = client.get(url, {"period": PERIOD.key, "approach": "x"}).content.decode()
    assert "dari 5" in html


def test_assessment_table_query_count_is_constant(
    client, demo_users, assessed, django_assert_max_num_queries
):
    client = _client(client, demo_users)
    url = reverse("mapping:assessment-list")
    with django_assert_max_num_queries(16) as small:
        client.get(url, {"period": PERIOD.key})
    assess(malang_kims(6), FIGURES_Q3 + FIGURES_Q3)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url, {"period": PERIOD.key})
    assert "dari 11" in response.content.decode()


@pytest.mark.parametrize("limit", [100, 2])
def test_grid_api_counts_every_assessment_whether_cut_or_not(
    demo_users, assessed, monkeypatch, limit
):
    from rest_framework.test import APIClient

    from mapping import api

    monkeypatch.setattr(api, "GRID_API_LIMIT", limit)
    client = APIClient()
    client.force_authenticate(demo_users["kab-malang"])
    data = client.get(
        "/api/v1/mapping/grid/", {"period": PERIOD.key, "regency": "35.07"}
    ).json()
    assert data["counts"] == approach_counts(
        user=demo_users["kab-malang"], period=PERIOD, regency_code="35.07"
    )
    assert data["total"] == 5
    assert len(data["points"]) == min(limit, 5)
    assert data["truncated"] is (limit < 5)


def test_assessment_export_follows_the_quadrant_filter(client, demo_users, assessed):
    client = _client(client, demo_users)
    html = client.get(
        reverse("mapping:assessment-list"),
        {"period": PERIOD.key, "approach": "monitor"},
    ).content.decode()
    assert "approach=monitor" in html.split(">CSV<")[0].rsplit("href=", 1)[1]
    url = reverse("mapping:assessment-export", args=["csv"])
    body = b"".join(
        client.get(url, {"period": PERIOD.key, "approach": "monitor"}).streaming_content
    ).decode("utf-8-sig")
    assert len(body.splitlines()) == 1 + 2  # header and Kab. Malang's 2 monitored KIM
    body = b"".join(client.get(url, {"period": PERIOD.key}).streaming_content).decode(
        "utf-8-sig"
    )
    assert len(body.splitlines()) == 1 + 5

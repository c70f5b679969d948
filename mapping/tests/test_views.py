"""Mapping's pages and exports: content, scope, and query counts."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mapping import services
from mapping.models import Assessment

from .factories import FIGURES_Q3, PERIOD, assess, malang_kims

pytestmark = pytest.mark.django_db


def _client(client, demo_users, username="kab-malang"):
    client.force_login(demo_users[username])
    return client


def test_grid_draws_dots_arrows_and_quadrant_lists(client, demo_users, assessed, kims):
    response = _client(client, demo_users).get(
        reverse("mapping:grid"), {"period": PERIOD.key}
    )
    assert response.status_code == 200
    html = response.content.decode()
    # two grids (the core's scatter chart), one dot per KIM with a score on both
    # axes (4 of 5 have both); every KIM is a link in the quadrant lists
    assert html.count('class="chart-svg"') == 2
    assert html.count('<circle class="dot"') == 8
    assert html.count("/mapping/assessments/") >= 5
    # KIM 0 moved from low to high since Q2: an arrow is drawn on the power grid
    assert 'class="arrow"' in html
    assert "KIM Malang 0" in html and "Jadikan mitra" in html
    assert "Cara menghitung" in html
    # the previous/next links name the neighbouring quarters
    assert "period=2026-Q2" in html and "period=2026-Q4" in html
    assert "KIM Kota" not in html


def test_grid_for_another_kab_kota_is_404(client, demo_users, assessed):
    response = _client(client, demo_users, "kota-malang").get(
        reverse("mapping:grid"), {"regency": "35.07"}
    )
    assert response.status_code == 404


def test_province_sees_all_its_kab_kota_on_one_grid(client, demo_users, assessed):
    html = (
        _client(client, demo_users, "prov-jatim")
        .get(reverse("mapping:grid"), {"period": PERIOD.key})
        .content.decode()
    )
    assert "KIM Malang 0" in html and "KIM Kota 0" in html


def test_province_grid_is_aggregated_with_counts_per_kab_kota(
    client, demo_users, assessed, monkeypatch
):
    from mapping.views import grid

    monkeypatch.setattr(grid, "AREA_MAX_POINTS", 2)
    html = (
        _client(client, demo_users, "prov-jatim")
        .get(reverse("mapping:grid"), {"period": PERIOD.key})
        .content.decode()
    )
    # at most 2 KIM drawn on each of the two grids, the counts stay whole
    assert html.count('<circle class="dot"') <= 4
    assert "Grafik memuat 2 KIM" in html
    # one row per kab/kota: Kab. Malang's 5 KIM (3 partners, 2 monitored) and
    # Kota Malang's 2, each linking to its own full grid
    assert "regency=35.07" in html and "regency=35.73" in html
    table = html.split('id="by-regency"')[1].split("</table>")[0]
    assert "<td>3</td><td>0</td><td>0</td><td>2</td><td>5</td>" in table
    # a kab/kota's own grid has no such table
    html = (
        _client(client, demo_users, "kab-malang")
        .get(reverse("mapping:grid"), {"period": PERIOD.key})
        .content.decode()
    )
    assert 'id="by-regency"' not in html


def test_bad_period_falls_back_with_a_message(client, demo_users, assessed):
    response = _client(client, demo_users).get(
        reverse("mapping:grid"), {"period": "kemarin"}
    )
    assert response.status_code == 200
    assert "Periode tidak dikenal" in response.content.decode()


def test_grid_query_count_is_constant(
    client, demo_users, assessed, django_assert_max_num_queries
):
    client = _client(client, demo_users)
    url = reverse("mapping:grid")
    with django_assert_max_num_queries(14) as small:
        client.get(url, {"period": PERIOD.key})
    more = malang_kims(6)
    assess([*more], FIGURES_Q3 + FIGURES_Q3)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url, {"period": PERIOD.key})
    assert response.content.decode().count('<circle class="dot"') > 8


def test_assessment_detail_shows_formula_provenance_and_forms(
    client, demo_users, assessed, kims
):
    assessment = assessed[kims[0].pk]
    html = (
        _client(client, demo_users)
        .get(reverse("mapping:assessment-detail", args=[assessment.pk]))
        .content.decode()
    )
    assert "#101" in html and "#102" in html and "#901" in html
    assert "Simpan penyesuaian" in html and "Alasan penyesuaian" in html
    # the province reads it but gets no forms
    client.force_login(demo_users["prov-jatim"])
    html = client.get(
        reverse("mapping:assessment-detail", args=[assessment.pk])
    ).content.decode()
    assert "#101" in html and "Simpan penyesuaian" not in html


def test_override_page_without_reason_is_400_and_changes_nothing(
    client, demo_users, assessed, kims
):
    assessment = assessed[kims[0].pk]
    url = reverse("mapping:assessment-override", args=[assessment.pk])
    response = _client(client, demo_users).post(url, {"power": "10", "reason": ""})
    assert response.status_code == 400
    assert Assessment.objects.get(pk=assessment.pk).power_override is None
    response = client.post(url, {"power": "10", "reason": "Rapat warga"})
    assert response.status_code == 302
    assert Assessment.objects.get(pk=assessment.pk).power_override == 10


def test_other_kab_kota_cannot_reach_an_assessment(client, demo_users, assessed, kims):
    assessment = assessed[kims[0].pk]
    client = _client(client, demo_users, "kota-malang")
    for name in ("assessment-detail", "assessment-override", "assessment-plan"):
        url = reverse(f"mapping:{name}", args=[assessment.pk])
        response = client.post(url, {"reason": "x", "power": "1"})
        assert response.status_code == 404, name


def test_recompute_now_from_the_list(client, demo_users, kims):
    response = _client(client, demo_users).post(
        reverse("mapping:recompute") + f"?period={PERIOD.key}"
    )
    assert response.status_code == 302
    assert Assessment.objects.filter(period=PERIOD.key).count() == len(kims)


def test_report_xlsx_is_formula_safe_and_scoped(client, demo_users, assessed, kims):
    services.assessment_plan(
        assessment=assessed[kims[0].pk],
        actor=demo_users["kab-malang"],
        is_prioritised=True,
        is_involved=True,
    )
    kims[0].name = "=HYPERLINK(1)"
    kims[0].save()
    response = _client(client, demo_users).get(
        reverse("mapping:report-export", args=["xlsx"]), {"period": PERIOD.key}
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)))["Matriks"]
    names = [row[1] for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert names == ["'=HYPERLINK(1)"]  # only the prioritised KIM, escaped


def test_report_pdf_opens_and_has_the_grid(client, demo_users, assessed):
    from pypdf import PdfReader

    response = _client(client, demo_users).get(
        reverse("mapping:report-export", args=["pdf"]), {"period": PERIOD.key}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Laporan Hasil Pemetaan KIM" in text
    assert "Dinas Kominfo Kabupaten Malang" in text
    assert "Halaman 1 dari" in text
    # the grid is drawn: its quadrant labels and axis titles are in the PDF
    for label in ("Jadikan mitra", "Persuasi", "Pembinaan", "Ketertarikan"):
        assert label in text


def test_report_pdf_of_all_kim_is_cut_prioritised_first(
    client, demo_users, assessed, kims, monkeypatch
):
    from pypdf import PdfReader

    from mapping import reports

    monkeypatch.setattr(reports, "PDF_MAX_ROWS", 2)
    Assessment.objects.filter(kim=kims[4], period=PERIOD.key).update(
        is_prioritised=True
    )
    response = _client(client, demo_users).get(
        reverse("mapping:report-export", args=["pdf"]),
        {"period": PERIOD.key, "all": "1"},
    )
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    # two rows: the prioritised KIM 4, then the first other one by name
    assert "KIM Malang 4" in text and "KIM Malang 0" in text
    assert "KIM Malang 1" not in text and "KIM Malang 3" not in text
    assert "Daftar dipotong" in text
    # the XLSX keeps every KIM
    sheet = load_workbook(
        io.BytesIO(
            b"".join(
                _client(client, demo_users)
                .get(
                    reverse("mapping:report-export", args=["xlsx"]),
                    {"period": PERIOD.key, "all": "1"},
                )
                .streaming_content
            )
        )
    ).active
    assert sheet.max_row >= 1 + len(kims)


def test_report_for_another_kab_kota_is_404(client, demo_users, assessed):
    client = _client(client, demo_users, "kota-malang")
    for url in (
        reverse("mapping:report"),
        reverse("mapping:report-export", args=["xlsx"]),
    ):
        assert client.get(url, {"regency": "35.07"}).status_code == 404


def test_categories_count_and_export(client, demo_users, kims, other_kims):
    response = _client(client, demo_users).get(reverse("mapping:categories"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kesehatan: <b>5</b>" in html  # the factory gives every KIM kesehatan
    assert "Media sosial: <b>5</b>" in html
    response = client.get(reverse("mapping:categories-export", args=["csv"]))
    body = b"".join(response.streaming_content).decode()
    assert "Bidang kegiatan,Kesehatan,5" in body
    # another kab/kota's area is 404
    assert (
        client.get(reverse("mapping:categories"), {"area": "35.73"}).status_code == 404
    )


def test_issue_pages_create_and_scope(client, demo_users, kims):
    client = _client(client, demo_users)
    response = client.post(
        reverse("mapping:issue-create"),
        {
            "title": "Harga pupuk",
            "field": "pertanian",
            "source_mass_media": "https://berita.example.id/pupuk\nRadar Malang",
            "kims": [str(kims[0].pk)],
            "is_priority": "on",
        },
    )
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "https://berita.example.id/pupuk" in detail and "Radar Malang" in detail
    assert "KIM Malang 0" in detail
    other = client.__class__()
    other.force_login(demo_users["kota-malang"])
    assert other.get(response["Location"]).status_code == 404


def test_issue_form_with_bad_link_is_400(client, demo_users):
    response = _client(client, demo_users).post(
        reverse("mapping:issue-create"),
        {"title": "X", "field": "pertanian", "source_poll": "ftp://x"},
    )
    # "ftp://x" is not http(s): kept as a note, so the form is valid
    assert response.status_code == 302
    response = client.post(reverse("mapping:issue-create"), {"title": "", "field": ""})
    assert response.status_code == 400


def test_assessment_export_is_scoped_to_the_kab_kota(
    client, demo_users, assessed, kims
):
    url = reverse("mapping:assessment-export", args=["csv"])
    own = _client(client, demo_users).get(url, {"period": PERIOD.key})
    body = b"".join(own.streaming_content).decode("utf-8-sig")
    assert body.splitlines()[0].startswith("Kab/kota,KIM,NIK")
    assert kims[0].name in body
    other = _client(client, demo_users, "kota-malang").get(url, {"period": PERIOD.key})
    assert kims[0].name not in b"".join(other.streaming_content).decode("utf-8-sig")

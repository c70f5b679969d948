"""The report list / validation queue export: scoped, filtered, formula-safe."""

import csv
import io

import pytest
from openpyxl import load_workbook

from .factories import make_report

pytestmark = pytest.mark.django_db


def _rows(response, fmt):
    data = b"".join(response.streaming_content)
    if fmt == "csv":
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    sheet = load_workbook(io.BytesIO(data)).active
    return [list(r) for r in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_queue_export_is_scoped_and_formula_safe(
    client, kab, kota, kim_pair, kota_pair, fmt
):
    kim, kim_user = kim_pair
    make_report(kim=kim, user=kim_user, activity='\x03=HYPERLINK("http://x")')
    make_report(kim=kota_pair[0], user=kota_pair[1])

    client.force_login(kab)
    rows = _rows(client.get(f"/monitoring/reports/export/{fmt}/?state=submitted"), fmt)

    assert rows[0][:2] == ["Tanggal kegiatan", "KIM"]
    assert [r[1] for r in rows[1:]] == ["KIM Tulungrejo"]
    activity = rows[1][rows[0].index("Uraian kegiatan")]
    assert activity.startswith("'") and "=HYPERLINK" in activity
    assert rows[1][rows[0].index("Status")] == "Diajukan"

    client.force_login(kota)
    rows = _rows(client.get(f"/monitoring/reports/export/{fmt}/"), fmt)
    assert [r[1] for r in rows[1:]] == ["KIM Kota Malang"]


def test_above_the_threshold_a_background_job_writes_the_scoped_filtered_reports(
    client,
    kab,
    kota,
    kim_pair,
    kota_pair,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    """A province's or the nation's reports are too many for one request: the export
    offers a job, and the worker writes what the requester sees with its filters."""
    from kimportal.imports import exportjobs
    from kimportal.imports.models import ExportJob, ExportState

    monkeypatch.setattr(exportjobs, "BACKGROUND_ROWS", {"csv": 1, "xlsx": 1})
    kim, kim_user = kim_pair
    for activity in ("Sosialisasi A", "Sosialisasi B", "Sosialisasi C"):
        make_report(kim=kim, user=kim_user, activity=activity)
    make_report(kim=kota_pair[0], user=kota_pair[1], activity="Kota lain")

    client.force_login(kab)
    offer = client.get("/monitoring/reports/export/csv/?state=submitted")
    assert offer.status_code == 200 and "latar belakang" in offer.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            "/impor/ekspor/",
            {"kind": "reports", "fmt": "csv", "query": "state=submitted"},
        )
    assert started.status_code == 302

    job = ExportJob.objects.get()
    assert job.state == ExportState.DONE and job.rows_total == 3
    download = client.get(f"/impor/ekspor/{job.pk}/unduh/")
    rows = _rows(download, "csv")
    activities = sorted(r[rows[0].index("Uraian kegiatan")] for r in rows[1:])
    assert activities == ["Sosialisasi A", "Sosialisasi B", "Sosialisasi C"]

    client.force_login(kota)  # another office: not its job
    assert client.get(f"/impor/ekspor/{job.pk}/unduh/").status_code == 404

"""Reports from a spreadsheet: filed through `report_create`, submitted, all or
nothing, re-import unchanged, another kab/kota's KIM is an error."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from kimportal.core.dates import today_in_jakarta
from kimportal.imports.models import ImportState
from kimportal.imports.services import import_job_confirm, import_job_create
from monitoring.choices import ReportState
from monitoring.models import DisseminationReport

pytestmark = pytest.mark.django_db
HEADERS = [
    "NIK KIM",
    "Tanggal kegiatan",
    "Aksi diseminasi",
    "Format",
    "Media",
    "Uraian kegiatan",
    "Jumlah kegiatan",
    "Tautan bukti",
]


def _file(rows):
    workbook = Workbook()
    workbook.active.append(HEADERS)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("laporan.xlsx", buffer.getvalue())


def _row(kim, activity="Berbagi video DBD"):
    return [
        kim.nik,
        today_in_jakarta(),  # a real date cell: Excel stores a serial number
        "social_post",
        "video",
        "social",
        activity,
        2,
        f"https://www.youtube.com/watch?v=abcdefghi{len(activity):02d}",
    ]


def _run(django_capture_on_commit_callbacks, user, rows, *, confirm=False):
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(user=user, kind="reports", uploaded_file=_file(rows))
    job.refresh_from_db()
    if confirm and job.state == ImportState.READY:
        with django_capture_on_commit_callbacks(execute=True):
            import_job_confirm(job=job, user=user)
        job.refresh_from_db()
    return job


def test_reports_are_filed_submitted_and_a_reimport_is_unchanged(
    django_capture_on_commit_callbacks, kab, kim
):
    job = _run(
        django_capture_on_commit_callbacks,
        kab,
        [_row(kim), _row(kim, "Rapat warga")],
        confirm=True,
    )

    assert job.state == ImportState.DONE, job.errors
    reports = DisseminationReport.objects.filter(pk__in=job.created_ids)
    assert reports.count() == 2
    assert {r.state for r in reports} == {ReportState.SUBMITTED}
    assert {r.activity_date for r in reports} == {today_in_jakarta()}

    again = _run(
        django_capture_on_commit_callbacks, kab, [_row(kim), _row(kim, "Rapat warga")]
    )
    assert again.counts == {"new": 0, "updated": 0, "unchanged": 2, "errors": 0}


def test_another_kab_kota_kim_is_an_error_and_nothing_is_written(
    django_capture_on_commit_callbacks, kab, kim, kota_pair
):
    job = _run(django_capture_on_commit_callbacks, kab, [_row(kim), _row(kota_pair[0])])

    assert job.state == ImportState.INVALID
    assert job.errors == [
        {
            "row": 3,
            "column": "NIK KIM",
            "message": "KIM dengan NIK ini tidak ada di wilayah Anda.",
        }
    ]
    assert not DisseminationReport.objects.exists()

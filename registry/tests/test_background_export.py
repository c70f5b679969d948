"""Big KIM exports run in the background: above the threshold the export offers a
job; the worker writes the list the requester may see (with the filters), progress
moves, only the requester opens and downloads it (others 404), the download is
recorded, and the file expires."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from kimportal.imports import exportjobs
from kimportal.imports.models import ExportJob, ExportState
from kimportal.security.models import SecurityEvent, SecurityEventKind

from .factories import KAB_MALANG_VILLAGE, KOTA_MALANG_VILLAGE, KimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_threshold(monkeypatch):
    monkeypatch.setattr(exportjobs, "BACKGROUND_ROWS", {"csv": 2, "xlsx": 2})


@pytest.fixture
def kims(demo_users):
    for i in range(3):
        KimFactory(name=f"KIM Besar {i}", village_id=KAB_MALANG_VILLAGE)
    KimFactory(name="KIM Kota Lain", village_id=KOTA_MALANG_VILLAGE)


def _start(client, user, fmt="csv", query="", capture=None) -> ExportJob:
    client.force_login(user)
    offer = client.get(f"/kim/export/{fmt}/{query}")
    assert offer.status_code == 200
    assert "latar belakang" in offer.content.decode()
    assert not SecurityEvent.objects.filter(kind=SecurityEventKind.EXPORT).exists()
    with capture(execute=True):
        response = client.post(
            "/impor/ekspor/",
            {"kind": "kim", "fmt": fmt, "query": query.lstrip("?")},
        )
    assert response.status_code == 302
    return ExportJob.objects.get()


def _csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_above_the_threshold_a_job_writes_the_scoped_list(
    client, demo_users, kims, small_threshold, django_capture_on_commit_callbacks
):
    officer = demo_users["kab-malang"]
    job = _start(client, officer, capture=django_capture_on_commit_callbacks)
    job.refresh_from_db()

    assert job.state == ExportState.DONE and job.rows_total == 3
    assert job.expires_at > timezone.now()
    page = client.get(f"/impor/ekspor/{job.pk}/").content.decode()
    assert "Unduh berkas" in page and "3 baris" in page

    download = client.get(f"/impor/ekspor/{job.pk}/unduh/")
    assert download.status_code == 200
    rows = _csv(b"".join(download.streaming_content))
    names = sorted(r[1] for r in rows[1:])
    assert names == ["KIM Besar 0", "KIM Besar 1", "KIM Besar 2"]
    (event,) = SecurityEvent.objects.filter(kind=SecurityEventKind.EXPORT)
    assert event.detail["export"] == "kim" and event.detail["rows"] == 3


def test_the_job_keeps_the_filters_and_writes_xlsx(
    client, demo_users, kims, small_threshold, django_capture_on_commit_callbacks
):
    from openpyxl import load_workbook

    monkey = {"csv": 0, "xlsx": 0}
    exportjobs.BACKGROUND_ROWS.update(monkey)
    job = _start(
        client,
        demo_users["kab-malang"],
        fmt="xlsx",
        query="?q=Besar+1",
        capture=django_capture_on_commit_callbacks,
    )
    job.refresh_from_db()
    assert job.filters == {"q": ["Besar 1"]} and job.rows_total == 1
    content = b"".join(client.get(f"/impor/ekspor/{job.pk}/unduh/").streaming_content)
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["KIM Besar 1"]


def test_others_cannot_see_or_download_the_job(
    client, demo_users, kims, small_threshold, django_capture_on_commit_callbacks
):
    job = _start(
        client, demo_users["kab-malang"], capture=django_capture_on_commit_callbacks
    )
    for name in ("kota-malang", "prov-jatim", "kementerian"):
        client.force_login(demo_users[name])
        for path in ("", "status/", "unduh/"):
            assert client.get(f"/impor/ekspor/{job.pk}/{path}").status_code == 404


def test_the_worker_reapplies_the_requesters_scope(demo_users, kims):
    """Even a job naming another region's filter only holds the requester's KIM."""
    job = ExportJob.objects.create(
        kind="kim",
        fmt="csv",
        created_by=demo_users["kota-malang"],
        filters={"region": ["35.07"]},
    )
    job = exportjobs.export_job_run(job_id=job.pk)
    assert job.state == ExportState.DONE
    with job.file.open("rb") as data:
        names = [r[1] for r in _csv(data.read())[1:]]
    assert "KIM Besar 0" not in names


def test_the_progress_endpoint_moves(demo_users, kims, monkeypatch, client):
    officer = demo_users["kab-malang"]
    job = ExportJob.objects.create(kind="kim", fmt="xlsx", created_by=officer)
    seen = []
    original = exportjobs._counted

    def counted(rows, job, started, every=5000):
        for n, row in enumerate(original(rows, job, started, every=1)):
            if n:
                seen.append(exportjobs.export_progress(job)["rows_done"])
            yield row

    monkeypatch.setattr(exportjobs, "_counted", counted)
    exportjobs.export_job_run(job_id=job.pk)

    assert seen[-1] >= 2 and seen == sorted(seen) and len(set(seen)) > 1
    client.force_login(officer)
    status = client.get(f"/impor/ekspor/{job.pk}/status/").content.decode()
    assert "Siap diunduh" in status and "hx-get" not in status


def test_a_running_job_polls_its_status(client, demo_users):
    officer = demo_users["kab-malang"]
    job = ExportJob.objects.create(
        kind="kim", fmt="csv", created_by=officer, state=ExportState.RUNNING
    )
    client.force_login(officer)
    page = client.get(f"/impor/ekspor/{job.pk}/").content.decode()
    assert f'hx-get="/impor/ekspor/{job.pk}/status/"' in page


def test_files_expire(demo_users, kims):
    job = ExportJob.objects.create(
        kind="kim", fmt="csv", created_by=demo_users["kab-malang"]
    )
    job = exportjobs.export_job_run(job_id=job.pk)
    name = job.file.name
    assert job.file.storage.exists(name)

    later = job.expires_at + datetime.timedelta(minutes=1)
    assert exportjobs.export_jobs_expire(now=later) == 1
    job.refresh_from_db()
    assert job.state == ExportState.EXPIRED and not job.file
    assert not job.file.storage.exists(name)


def test_below_the_threshold_the_export_streams(client, demo_users, kims):
    client.force_login(demo_users["kab-malang"])
    response = client.get("/kim/export/csv/")
    assert response.streaming
    assert not ExportJob.objects.exists()


def test_the_api_asks_follows_and_downloads_an_export(
    client, demo_users, kims, django_capture_on_commit_callbacks
):
    officer = demo_users["kab-malang"]
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(
            "/api/v1/exports/",
            {"kind": "kim", "fmt": "csv", "query": "q=Besar"},
            content_type="application/json",
        )
    assert created.status_code == 201
    pk = created.json()["id"]

    detail = client.get(f"/api/v1/exports/{pk}/").json()
    assert detail["state"] == "done" and detail["progress"]["rows_total"] == 3
    assert detail["download"] == f"/api/v1/exports/{pk}/download/"
    download = client.get(detail["download"])
    assert download.status_code == 200
    assert len(_csv(b"".join(download.streaming_content))) == 4

    client.force_login(demo_users["kota-malang"])
    assert client.get(f"/api/v1/exports/{pk}/").status_code == 404
    assert client.get(f"/api/v1/exports/{pk}/download/").status_code == 404
    client.force_login(demo_users["kl-demo"])
    refused = client.post(
        "/api/v1/exports/",
        {"kind": "kim", "fmt": "csv"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert ExportJob.objects.count() == 1

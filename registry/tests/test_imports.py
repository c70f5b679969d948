"""The KIM import kind end to end: template, dry run, all-or-nothing commit, re-import,
scope, round trip with the export, API and progress."""

import dataclasses
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from kimportal.imports import kinds
from kimportal.imports.models import ImportJob, ImportState
from kimportal.imports.services import import_job_confirm, import_job_create
from registry.choices import KimStatus
from registry.models import Kim, KimCount

from .factories import KAB_MALANG_VILLAGE, KOTA_MALANG_VILLAGE, KimFactory

pytestmark = pytest.mark.django_db


_capture = None


@pytest.fixture(autouse=True)
def _tasks(django_capture_on_commit_callbacks):
    """Tasks go through the outbox on commit; the test transaction never commits, so
    each step runs its on-commit callbacks (the worker's part) when it ends."""
    global _capture
    _capture = django_capture_on_commit_callbacks


def tasks_run():
    return _capture(execute=True)


HEADERS = [
    "Nama KIM",
    "Tipe",
    "Kode desa/kelurahan",
    "Ketua/narahubung",
    "WhatsApp",
    "Email",
    "Jenis media",
    "Bidang kegiatan",
]


def _row(i: int, village: str = KAB_MALANG_VILLAGE) -> list:
    return [
        f"KIM Impor {i}",
        "A",
        village,
        f"Ketua {i}",
        "081234567890",
        f"kim{i}@example.id",
        "Media sosial",
        "Kesehatan; Pertanian",
    ]


def xlsx_file(rows, headers=HEADERS, name="kim.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(user, rows, **kwargs) -> ImportJob:
    with tasks_run():
        job = import_job_create(
            user=user, kind="kim", uploaded_file=xlsx_file(rows, **kwargs)
        )
    job.refresh_from_db()
    return job


def commit(job, user) -> ImportJob:
    with tasks_run():
        import_job_confirm(job=job, user=user)
    job.refresh_from_db()
    return job


def test_a_clean_file_is_checked_then_committed_as_submitted_kim(demo_users):
    officer = demo_users["kab-malang"]
    job = upload(officer, [_row(i) for i in range(3)])

    assert job.state == ImportState.READY
    assert job.counts == {"new": 3, "updated": 0, "unchanged": 0, "errors": 0}
    assert not Kim.objects.filter(name__startswith="KIM Impor").exists()

    job = commit(job, officer)

    assert job.state == ImportState.DONE
    kims = Kim.objects.filter(name__startswith="KIM Impor")
    assert sorted(job.created_ids) == sorted(kims.values_list("pk", flat=True))
    kim = kims.get(name="KIM Impor 1")
    assert kim.status == KimStatus.SUBMITTED and kim.from_old_list
    assert kim.whatsapp == "+6281234567890"
    assert kim.fields == ["kesehatan", "pertanian"]
    # Audit rows (pghistory triggers) and the per-kab/kota counts follow the COPY.
    assert (
        Kim.pgh_event_model.objects.filter(pgh_obj_id__in=job.created_ids).count() == 3
    )
    event = Kim.pgh_event_model.objects.filter(pgh_obj_id__in=job.created_ids).first()
    assert event.pgh_context.metadata["import_job"] == job.pk
    count = KimCount.objects.get(regency_code="35.07", status=KimStatus.SUBMITTED)
    assert count.total >= 3


def test_one_bad_row_in_a_thousand_changes_nothing_and_names_row_and_column(
    demo_users,
):
    officer = demo_users["kab-malang"]
    rows = [_row(i) for i in range(1000)]
    rows[499][1] = "Tipe Z"
    before = Kim.objects.count()

    job = upload(officer, rows)

    assert job.state == ImportState.INVALID
    assert job.counts["errors"] == 1 and job.counts["new"] == 999
    assert job.errors == [
        {
            "row": 501,
            "column": "Tipe",
            "message": "Pilih Tipe A atau Tipe B dari daftar.",
        }
    ]
    with pytest.raises(Exception) as refused:
        import_job_confirm(job=job, user=officer)
    assert "kesalahan" in str(refused.value)
    assert Kim.objects.count() == before


def test_reimporting_the_same_file_changes_nothing(demo_users):
    officer = demo_users["kab-malang"]
    rows = [_row(i) for i in range(5)]
    commit(upload(officer, rows), officer)
    events = Kim.pgh_event_model.objects.count()

    again = upload(officer, rows)

    assert again.counts == {"new": 0, "updated": 0, "unchanged": 5, "errors": 0}
    again = commit(again, officer)
    assert again.created_ids == []
    assert Kim.pgh_event_model.objects.count() == events


def test_a_row_of_another_region_is_an_error_not_a_skip(demo_users):
    officer = demo_users["kab-malang"]

    job = upload(officer, [_row(1), _row(2, village=KOTA_MALANG_VILLAGE)])

    assert job.state == ImportState.INVALID
    assert job.errors == [
        {
            "row": 3,
            "column": "Kode desa/kelurahan",
            "message": "Desa/kelurahan ini di luar wilayah kerja Anda.",
        }
    ]


def test_a_changed_row_updates_through_the_service(demo_users):
    officer = demo_users["kab-malang"]
    commit(upload(officer, [_row(1)]), officer)
    row = _row(1)
    row[3] = "Ketua Baru"

    job = commit(upload(officer, [row]), officer)

    assert job.counts["updated"] == 1
    assert Kim.objects.get(name="KIM Impor 1").chair_name == "Ketua Baru"


def test_template_round_trip_export_then_import_is_unchanged(client, demo_users):
    officer = demo_users["kab-malang"]
    KimFactory(name="=KIM Formula", chair_name="@Ketua", whatsapp="+6281234567890")
    KimFactory(name="KIM Biasa", media_types=["social"], fields=["kesehatan"])
    client.force_login(officer)
    exported = b"".join(client.get("/kim/export/xlsx/").streaming_content)

    with tasks_run():
        job = import_job_create(
            user=officer,
            kind="kim",
            uploaded_file=SimpleUploadedFile("ekspor.xlsx", exported),
        )
    job.refresh_from_db()

    assert job.errors == []
    assert job.counts == {"new": 0, "updated": 0, "unchanged": 2, "errors": 0}


def test_csv_export_imports_unchanged_too(client, demo_users):
    officer = demo_users["kab-malang"]
    KimFactory(name="KIM Csv")
    client.force_login(officer)
    exported = b"".join(client.get("/kim/export/csv/").streaming_content)

    with tasks_run():
        job = import_job_create(
            user=officer,
            kind="kim",
            uploaded_file=SimpleUploadedFile("k.csv", exported),
        )
    job.refresh_from_db()

    assert job.counts["unchanged"] == 1 and job.errors == []


def test_template_has_dropdowns_an_example_and_the_regions_of_the_scope(
    client, demo_users
):
    client.force_login(demo_users["kab-malang"])
    response = client.get("/impor/templates/kim/")

    workbook = load_workbook(io.BytesIO(response.content))
    data = workbook["Data"]
    headers = [c.value for c in data[1]]
    assert headers[:3] == ["NIK", "Nama KIM", "Tipe"]
    assert data["B2"].value == "KIM Mentari"
    ranges = {str(v.sqref).split(":")[0] for v in data.data_validations.dataValidation}
    assert {"C2", "D2", "H2", "I2"} <= ranges  # Tipe, desa, media, bidang
    codes = [r[0] for r in workbook["Wilayah"].iter_rows(min_row=2, values_only=True)]
    assert KAB_MALANG_VILLAGE in codes
    assert all(code.startswith("35.07") for code in codes)


def test_the_api_uploads_reports_errors_and_refuses_confirm_with_409(
    client, demo_users
):
    client.force_login(demo_users["kab-malang"])
    with tasks_run():
        good = client.post(
            "/api/v1/imports/", {"kind": "kim", "file": xlsx_file([_row(3)])}
        )
    assert good.status_code == 201
    with tasks_run():
        confirmed = client.post(f"/api/v1/imports/{good.json()['id']}/confirm/")
    assert confirmed.status_code == 200
    assert confirmed.json()["state"] in ("committing", "done")
    done = client.get(f"/api/v1/imports/{good.json()['id']}/").json()
    assert done["state"] == "done" and len(done["created_ids"]) == 1
    bad = [_row(1), _row(2, village="99.99.99.9999")]
    with tasks_run():
        created = client.post(
            "/api/v1/imports/", {"kind": "kim", "file": xlsx_file(bad)}
        )
    pk = created.json()["id"]
    detail = client.get(f"/api/v1/imports/{pk}/").json()
    assert detail["state"] == "invalid"
    assert detail["counts"] == {"new": 1, "updated": 0, "unchanged": 0, "errors": 1}
    assert detail["errors"] == [
        {
            "row": 3,
            "column": "Kode desa/kelurahan",
            "message": "Kode desa/kelurahan tidak terdaftar.",
        }
    ]
    # DRF marks the test's transaction for rollback on an error: this comes last.
    assert client.post(f"/api/v1/imports/{pk}/confirm/").status_code == 409


def test_imports_of_another_kab_kota_are_404_and_agencies_cannot_import(
    client, demo_users
):
    job = upload(demo_users["kab-malang"], [_row(1)])
    client.force_login(demo_users["kota-malang"])
    assert client.get(f"/impor/{job.pk}/").status_code == 404
    assert client.get(f"/api/v1/imports/{job.pk}/").status_code == 404
    client.force_login(demo_users["prov-jatim"])
    assert client.get(f"/impor/{job.pk}/").status_code == 200
    client.force_login(demo_users["kl-demo"])
    posted = client.post(
        "/api/v1/imports/", {"kind": "kim", "file": xlsx_file([_row(1)])}
    )
    assert posted.status_code == 404


def test_the_progress_endpoint_moves(client, demo_users, monkeypatch):
    from kimportal.imports import services

    officer = demo_users["kab-malang"]
    seen = []
    original = services.progress_set

    def record(job_id, **kwargs):
        original(job_id, **kwargs)
        seen.append(
            services.progress_get(ImportJob.objects.get(pk=job_id))["rows_done"]
        )

    monkeypatch.setattr(services, "progress_set", record)
    kind = kinds.import_kind("kim")
    monkeypatch.setitem(kinds._kinds, "kim", dataclasses.replace(kind, batch_size=100))
    job = upload(officer, [_row(i) for i in range(350)])

    assert seen == [100, 200, 300]
    client.force_login(officer)
    page = client.get(f"/impor/{job.pk}/status/").content.decode()
    assert "Siap disimpan" in page
    assert (
        client.get(f"/api/v1/imports/{job.pk}/").json()["progress"]["rows_done"] == 350
    )


def test_the_bulk_copy_writes_the_same_audit_rows_as_the_insert_trigger(demo_users):
    """One `insert` event per KIM, every tracked column as pghistory's row trigger
    writes it, and the context (who, which import) attached."""
    import pghistory
    from django.db import transaction

    from kimportal.imports.bulk import copy_tracked

    officer = demo_users["kab-malang"]
    with pghistory.context(user=officer.pk, import_job=-1):
        by_trigger = KimFactory(
            name='KIM \\Tab\tBaris\nKutip"', media_types=["social"], fields=[]
        )
        values = {
            f.attname: getattr(by_trigger, f.attname)
            for f in Kim._meta.concrete_fields
            if f.attname != "id"
        }
        values["name"] = 'KIM \\Tab\tBaris\nKutip" salinan'
        with transaction.atomic():
            (copied_id,) = copy_tracked(
                Kim, list(values), [list(values.values())], count=1
            )
    copied = Kim.objects.get(pk=copied_id)
    assert copied.name == values["name"] and copied.media_types == ["social"]
    events = Kim.pgh_event_model.objects.filter(
        pgh_obj_id__in=[by_trigger.pk, copied_id]
    )
    assert events.count() == 2
    trigger_event = events.get(pgh_obj_id=by_trigger.pk)
    copy_event = events.get(pgh_obj_id=copied_id)
    skip = {"pgh_id", "pgh_created_at", "pgh_obj", "id", "name", "pgh_context"}
    for field in Kim.pgh_event_model._meta.concrete_fields:
        if field.name not in skip:
            assert getattr(copy_event, field.attname) == getattr(
                trigger_event, field.attname
            ), field.name
    assert copy_event.pgh_label == "insert" and copy_event.name == copied.name
    assert copy_event.pgh_context_id == trigger_event.pgh_context_id
    assert copy_event.pgh_context.metadata["user"] == officer.pk


def test_a_committed_import_has_one_insert_event_per_kim_with_its_context(
    demo_users,
):
    officer = demo_users["kab-malang"]
    job = commit(upload(officer, [_row(i) for i in range(40)]), officer)

    assert job.state == ImportState.DONE and len(job.created_ids) == 40
    events = Kim.pgh_event_model.objects.filter(pgh_obj_id__in=job.created_ids)
    assert events.count() == 40
    assert set(events.values_list("pgh_label", flat=True)) == {"insert"}
    assert {e.pgh_context.metadata["import_job"] for e in events} == {job.pk}
    assert {e.pgh_context.metadata["user"] for e in events} == {officer.pk}
    by_kim = {e.pgh_obj_id: e for e in events}
    for kim in Kim.objects.filter(pk__in=job.created_ids):
        assert by_kim[kim.pk].name == kim.name
        assert by_kim[kim.pk].village_id == kim.village_id


def test_the_commit_checks_the_kept_rows_again_against_the_database(demo_users):
    """The dry run keeps the rows; a KIM made in between turns the commit's row
    into an update/unchanged, not a duplicate."""
    officer = demo_users["kab-malang"]
    job = upload(officer, [_row(i) for i in range(3)])
    assert job.counts["new"] == 3
    assert job.file.storage.exists(f"{job.file.name}.rows.jsonl.gz")
    job.file.storage.delete(job.file.name)  # the commit does not read the file again
    KimFactory(
        name="KIM Impor 1",
        village_id=KAB_MALANG_VILLAGE,
        kim_type="A",
        chair_name="Ketua 1",
        whatsapp="+6281234567890",
        email="kim1@example.id",
        media_types=["social"],
        fields=["kesehatan", "pertanian"],
    )

    job = commit(job, officer)

    assert job.state == ImportState.DONE
    assert job.counts["new"] == 2 and job.counts["unchanged"] == 1
    assert Kim.objects.filter(name="KIM Impor 1").count() == 1

"""The capacity-needs import kind: template, export → import round trip, one bad row
changes nothing, re-import is a no-op, another region's KIM is an error."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from kimportal.imports.models import ImportState
from kimportal.imports.services import import_job_confirm, import_job_create
from registry.tests.factories import KAB_MALANG_VILLAGE, KOTA_MALANG_VILLAGE

from ..imports import need_import_columns
from ..models import CapacityNeed
from .factories import file_need, malang_kim

pytestmark = pytest.mark.django_db

_capture = None


@pytest.fixture(autouse=True)
def _tasks(django_capture_on_commit_callbacks):
    global _capture
    _capture = django_capture_on_commit_callbacks


def _run(user, data: bytes, name="kebutuhan.xlsx"):
    with _capture(execute=True):
        job = import_job_create(
            user=user,
            kind="capacity-needs",
            uploaded_file=SimpleUploadedFile(name, data),
        )
    job.refresh_from_db()
    return job


def _commit(job, user):
    with _capture(execute=True):
        import_job_confirm(job=job, user=user)
    job.refresh_from_db()
    return job


HEADERS = [c.header for c in need_import_columns()]


def _row(nik: str, **values) -> list:
    row = {
        "NIK KIM": nik,
        "Media siap dikelola": "Media sosial",
        "Jenis konten": "Foto; Video",
        "Dimuat di media": "Media sosial",
        "Anggota yang terlibat produksi": "3",
        "Pengelolaan produksi": "Sebagian terencana",
        "Tingkat Penulisan": "Dasar",
        "Tingkat Fotografi": "Mahir",
        "Ingin pelatihan": "Penulisan",
        **values,
    }
    return [row.get(h, "") for h in HEADERS]


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    workbook.active.append(HEADERS)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def officer(demo_users):
    return demo_users["kab-malang"]


def test_a_clean_file_files_each_kim_and_reimport_changes_nothing(officer):
    kims = [malang_kim(f"KIM Kebutuhan {i}") for i in range(3)]
    data = _xlsx([_row(k.nik) for k in kims])

    job = _run(officer, data)
    assert job.state == ImportState.READY, job.errors
    assert job.counts == {"new": 3, "updated": 0, "unchanged": 0, "errors": 0}
    assert not CapacityNeed.objects.exists()

    job = _commit(job, officer)
    assert job.state == ImportState.DONE
    need = CapacityNeed.objects.get(kim=kims[0], is_latest=True)
    assert need.media_readiness == {"social": "ready"}
    assert sorted(need.content_types) == ["photo", "video"]
    assert need.production_management == "partial"
    skills = {
        s.skill: (s.level, s.wants_training, s.is_needed) for s in need.skills.all()
    }
    assert skills == {"writing": (2, True, True), "photography": (4, False, False)}
    assert sorted(job.created_ids) == sorted(
        CapacityNeed.objects.values_list("pk", flat=True)
    )

    again = _run(officer, data)
    assert again.counts == {"new": 0, "updated": 0, "unchanged": 3, "errors": 0}
    again = _commit(again, officer)
    assert CapacityNeed.objects.count() == 3


def test_one_bad_row_changes_nothing_and_names_row_and_column(officer):
    kims = [malang_kim(f"KIM Baris {i}") for i in range(20)]
    rows = [_row(k.nik) for k in kims]
    rows[11] = _row(kims[11].nik, **{"Tingkat Fotografi": "Jago"})

    job = _run(officer, _xlsx(rows))

    assert job.state == ImportState.INVALID
    assert job.errors == [
        {
            "row": 13,
            "column": "Tingkat Fotografi",
            "message": "Pilih tingkat dari daftar.",
        }
    ]
    assert job.counts["new"] == 19
    with pytest.raises(Exception, match="kesalahan"):
        import_job_confirm(job=job, user=officer)
    assert not CapacityNeed.objects.exists()


def test_a_kim_of_another_region_is_an_error_not_a_skip(officer):
    ours = malang_kim("KIM Kita", village_id=KAB_MALANG_VILLAGE)
    theirs = malang_kim("KIM Tetangga", village_id=KOTA_MALANG_VILLAGE)

    job = _run(officer, _xlsx([_row(ours.nik), _row(theirs.nik)]))

    assert job.state == ImportState.INVALID
    assert job.errors == [
        {
            "row": 3,
            "column": "NIK KIM",
            "message": "KIM dengan NIK ini tidak ada di wilayah Anda.",
        }
    ]


def test_the_export_imports_back_unchanged(client, officer):
    kim = malang_kim("KIM Bolak Balik")
    file_need(officer, kim)
    client.force_login(officer)
    exported = b"".join(
        client.get("/kolaborasi/kebutuhan/ekspor/xlsx/").streaming_content
    )

    job = _run(officer, exported, name="ekspor.xlsx")

    assert job.errors == []
    assert job.counts == {"new": 0, "updated": 0, "unchanged": 1, "errors": 0}


def test_the_template_has_headers_an_example_dropdowns_and_regions(client, officer):
    client.force_login(officer)
    response = client.get("/impor/templates/capacity-needs/")
    assert response.status_code == 200

    workbook = load_workbook(io.BytesIO(response.content))
    data = workbook["Data"]
    assert [c.value for c in data[1]] == HEADERS
    assert data["A2"].value  # the example row
    ranges = {str(v.sqref).split(":")[0] for v in data.data_validations.dataValidation}
    management = HEADERS.index("Pengelolaan produksi")
    assert f"{chr(65 + management)}2" in ranges
    assert "Wilayah" in workbook.sheetnames


def test_only_kab_kota_officers_import_needs(client, demo_users):
    from kimportal.imports.kinds import import_kind

    kind = import_kind("capacity-needs")
    assert kind.may_import(demo_users["kab-malang"])
    assert not kind.may_import(demo_users["prov-jatim"])
    assert not kind.may_import(demo_users["kl-demo"])

"""Imports' and list exports' rows of the role × URL access test (tests/test_access.py).

Roles in order: anonymous kementerian prov-jatim kab-malang kota-malang kl-demo kim-demo.
The world: one import of Kabupaten Malang (kab-malang's), already checked; the events
world's event (for its daftar hadir).
"""

EXPECTED = {
    "imports:list": "L 200 200 200 200 404 404",
    "imports:detail": "L 200 200 200 404 404 404",
    "imports:status": "L 200 200 200 404 404 404",
    "imports:confirm": "L 405 405 405 405 405 405",
    "imports:template": "L 200 200 200 200 404 404",
    "api-import-list": "401 405 405 405 405 405 405",
    "api-import-detail": "401 200 200 200 404 404 404",
    "api-import-confirm": "401 405 405 405 405 405 405",
    "api-import-template": "401 200 200 200 200 404 404",
    # Background exports: only the requester (kab-malang) sees its job.
    "imports:export-create": "L 405 405 405 405 405 405",
    "imports:export-detail": "L 404 404 200 404 404 404",
    "imports:export-status": "L 404 404 200 404 404 404",
    "imports:export-download": "L 404 404 200 404 404 404",
    "api-export-list": "401 405 405 405 405 405 405",
    "api-export-detail": "401 404 404 200 404 404 404",
    "api-export-download": "401 404 404 200 404 404 404",
    # List exports (the list page's rule; an object of Kabupaten Malang: 404 outside).
    "collaboration:event-export": "L 200 200 200 200 404 404",
    "collaboration:event-attendance-export": "L 200 200 200 404 404 404",
    "security:event-export": "L 200 200 200 200 404 404",
}


def _job(world):
    return {"pk": world["import_job"].pk}


PARAMETERS_BY_NAME = {
    "imports:detail": _job,
    "imports:status": _job,
    "imports:confirm": _job,
    "api-import-detail": _job,
    "api-import-confirm": _job,
    "imports:template": lambda w: {"kind": "kim"},
    "api-import-template": lambda w: {"kind": "kim"},
    "imports:export-detail": lambda w: {"pk": w["export_job"].pk},
    "imports:export-status": lambda w: {"pk": w["export_job"].pk},
    "imports:export-download": lambda w: {"pk": w["export_job"].pk},
    "api-export-detail": lambda w: {"pk": w["export_job"].pk},
    "api-export-download": lambda w: {"pk": w["export_job"].pk},
    "collaboration:event-export": lambda w: {"fmt": "csv"},
    "collaboration:event-attendance-export": lambda w: {
        "pk": w["collab_event"].pk,
        "fmt": "xlsx",
    },
    "security:event-export": lambda w: {"fmt": "csv"},
}


def build_imports_world(world, users) -> dict:
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from kimportal.imports.models import (
        ExportJob,
        ExportState,
        ImportJob,
        ImportState,
    )

    officer = users["kab-malang"]
    job = ImportJob(
        kind="kim",
        created_by=officer,
        region_code=officer.scope_code,
        original_name="kim.csv",
        state=ImportState.INVALID,
        rows_total=1,
        counts={"new": 0, "updated": 0, "unchanged": 0, "errors": 1},
        errors=[{"row": 2, "column": "Tipe", "message": "Pilih Tipe A atau Tipe B."}],
    )
    job.file.save("imports/test/upload.csv", ContentFile(b"a\n1\n"), save=False)
    job.save()
    export = ExportJob(
        kind="kim",
        fmt="csv",
        created_by=officer,
        region_code=officer.scope_code,
        state=ExportState.DONE,
        rows_total=1,
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    export.file.save("exports/test/kim.csv", ContentFile(b"a\n1\n"), save=False)
    export.save()
    return {"import_job": job, "export_job": export}

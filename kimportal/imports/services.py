"""Import jobs: upload (then a dry run starts), the dry run itself, confirmation and
the all-or-nothing commit. Tasks call `import_job_check` / `import_job_commit`."""

from __future__ import annotations

import gzip
import json
import logging
import tempfile
import time
from collections.abc import Iterator

import pghistory
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kimportal.core.errors import TransitionError
from kimportal.core.locking import lock_row
from kimportal.core.outbox import outbox_enqueue_task

from .kinds import CheckResult, CommitError, RowError, import_kind
from .models import ImportJob, ImportState
from .reading import FORMULA_CELL, MAX_BYTES, cell_text, open_sheet

PROGRESS_TTL = 24 * 3600
logger = logging.getLogger(__name__)


def _schedule(task_name: str, job: ImportJob, phase: str) -> None:
    """The one place imports hand work to Celery (through the transactional outbox)."""
    outbox_enqueue_task(
        task_name,
        kwargs={"job_id": job.pk},
        idempotency_key=f"import-{job.pk}-{phase}",
    )


def _progress_key(job_id: int) -> str:
    return f"imports:progress:{job_id}"


def progress_set(job_id: int, *, phase: str, done: int, total: int, started: float):
    cache.set(
        _progress_key(job_id),
        {"phase": phase, "done": done, "total": total, "started": started},
        PROGRESS_TTL,
    )


def progress_get(job: ImportJob) -> dict:
    """Rows done, rows per second and seconds left of the running phase."""
    data = cache.get(_progress_key(job.pk)) or {}
    done = int(data.get("done", 0))
    total = int(data.get("total") or job.rows_total or 0)
    if job.state in (ImportState.READY, ImportState.INVALID, ImportState.DONE):
        done = total
    elapsed = max(time.time() - float(data.get("started", time.time())), 0.001)
    rate = done / elapsed if done else 0.0
    left = (total - done) / rate if rate and total > done else 0.0
    return {
        "phase": data.get("phase", ""),
        "rows_done": done,
        "rows_total": total,
        "rows_per_second": round(rate),
        "seconds_left": round(left),
        "percent": round(100 * done / total) if total else 0,
    }


def import_job_create(*, user, kind: str, uploaded_file) -> ImportJob:
    """Keep the uploaded file privately and start its dry run. Nothing else is written."""
    try:
        spec = import_kind(kind)
    except LookupError:
        raise ValidationError({"kind": _("Jenis impor tidak dikenal.")}) from None
    if not spec.may_import(user):
        raise PermissionDenied(_("Anda tidak berwenang mengimpor data ini."))
    if uploaded_file.size > MAX_BYTES:
        raise ValidationError(
            {"file": _("Berkas lebih dari 20 MB. Bagi menjadi beberapa berkas.")}
        )
    name = (uploaded_file.name or "berkas").rsplit("/", 1)[-1][:200]
    suffix = ".csv" if name.lower().endswith(".csv") else ".xlsx"
    with transaction.atomic():
        job = ImportJob(
            kind=kind,
            created_by=user,
            region_code=user.scope_code or "",
            original_name=name,
        )
        job.file.save(
            f"imports/{timezone.now():%Y/%m}/upload{suffix}",
            File(uploaded_file),
            save=False,
        )
        job.save()
        _schedule("kimportal.imports.tasks.import_check", job, "check")
    return job


def _rows_name(job: ImportJob) -> str:
    """The private file with the dry run's rows, as the checks read them (gzip, one
    JSON list of rows a line). It refers to no row: the daily sweep of orphan private
    files removes it a day or two later; a commit after that reads the upload again."""
    return f"{job.file.name}.rows.jsonl.gz"


def _sheet_rows(job: ImportJob, spec, result: CheckResult) -> Iterator[dict] | None:
    """The data rows of the uploaded file as dicts (header -> text, `row` its Excel
    number); None, with the errors in `result`, when the file cannot be read."""
    data = job.file.open("rb")
    try:
        sheet = open_sheet(data, name=job.original_name)
    except ValidationError as exc:
        data.close()
        result.errors.append(RowError(1, "", " ".join(exc.messages)))
        return None
    known = {c.header for c in spec.columns}
    missing = [
        c.header for c in spec.columns if c.required and c.header not in sheet.headers
    ]
    if missing:
        data.close()
        for header in missing:
            result.errors.append(
                RowError(1, header, _("Kolom wajib tidak ada di baris judul."))
            )
        return None
    index = [(i, h) for i, h in enumerate(sheet.headers) if h in known]

    def rows() -> Iterator[dict]:
        with data:
            for number, values in sheet.rows:
                row: dict = {"row": number}
                for i, header in index:
                    value = values[i] if i < len(values) else None
                    if value is FORMULA_CELL:
                        result.errors.append(
                            RowError(
                                number, header, _("Sel berisi rumus; isi nilainya.")
                            )
                        )
                        value = None
                    row[header] = cell_text(value)
                yield row

    return rows()


def _kept_rows(job: ImportJob) -> Iterator[dict] | None:
    """The rows the dry run kept, so the commit reads the file once, not twice."""
    storage = job.file.storage
    name = _rows_name(job)
    if not job.file or not storage.exists(name):
        return None

    def rows() -> Iterator[dict]:
        with storage.open(name, "rb") as raw, gzip.open(raw, "rt") as lines:
            for line in lines:  # one batch of rows a line
                yield from json.loads(line)

    return rows()


def _run_check(job: ImportJob, *, phase: str) -> CheckResult:
    """Check every row in batches, reporting progress. The dry run reads the file and
    keeps its rows (gzip JSON lines, private); the commit checks those rows again
    against the database as it is then."""
    spec = import_kind(job.kind)
    result = CheckResult()
    started = time.time()
    rows = _kept_rows(job) if phase == "commit" else None
    if rows is None:
        rows = _sheet_rows(job, spec, result)
        if rows is None:
            return result
    keep = None
    if phase == "check":
        keep = tempfile.TemporaryFile()
        writer = gzip.open(keep, "wt", compresslevel=1)
    batch: list[dict] = []
    state: dict = {}
    done = 0
    try:
        for row in rows:
            batch.append(row)
            if len(batch) >= spec.batch_size:
                result.add(spec.check(batch, user=job.created_by, state=state))
                done += len(batch)
                if keep is not None:  # after the check: a kind may note its parse
                    writer.write(json.dumps(batch, ensure_ascii=False) + "\n")
                batch = []
                progress_set(job.pk, phase=phase, done=done, total=0, started=started)
        if batch:
            result.add(spec.check(batch, user=job.created_by, state=state))
            done += len(batch)
            if keep is not None:
                writer.write(json.dumps(batch, ensure_ascii=False) + "\n")
        if keep is not None:
            writer.close()
            keep.seek(0)
            if not result.errors:
                job.file.storage.save(_rows_name(job), File(keep))
    except ValidationError as exc:
        result.errors.append(RowError(1, "", " ".join(exc.messages)))
        return result
    finally:
        if keep is not None:
            keep.close()
    job.rows_total = done
    return result


def _counts(result: CheckResult) -> dict:
    return {
        "new": result.new,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "errors": len(result.errors),
    }


def import_job_check(*, job_id: int) -> ImportJob:
    """The dry run: check every row, store counts and errors; write no record."""
    with transaction.atomic():
        job = lock_row(ImportJob, job_id)
        if job.state not in (ImportState.QUEUED, ImportState.CHECKING):
            return job  # a repeated delivery of the task
        job.state = ImportState.CHECKING
        job.save(update_fields=["state", "updated_at"])
    try:
        result = _run_check(job, phase="check")
    except Exception:  # a bug must not leave the job "checking" for ever
        logger.exception("Import %s: the dry run failed", job.pk)
        result = CheckResult(
            errors=[RowError(1, "", _("Berkas tidak dapat diperiksa. Hubungi admin."))]
        )
    result.errors.sort(key=lambda e: (e.row, e.column))
    job.counts = _counts(result)
    job.errors = [e.as_dict() for e in result.errors]
    job.state = ImportState.INVALID if result.errors else ImportState.READY
    job.checked_at = timezone.now()
    job.save(
        update_fields=[
            "counts",
            "errors",
            "state",
            "checked_at",
            "rows_total",
            "updated_at",
        ]
    )
    return job


def import_job_confirm(*, job: ImportJob, user) -> ImportJob:
    """Ask for the commit of a clean dry run; refused (409) while any error stands."""
    with transaction.atomic():
        job = lock_row(ImportJob, job)
        if job.created_by_id != user.pk and not import_kind(job.kind).may_import(user):
            raise PermissionDenied(_("Anda tidak berwenang menyimpan impor ini."))
        if job.state != ImportState.READY or job.errors:
            raise TransitionError(
                _(
                    "Impor hanya dapat disimpan setelah pemeriksaan selesai tanpa kesalahan."
                )
            )
        job.state = ImportState.COMMITTING
        job.save(update_fields=["state", "updated_at"])
        _schedule("kimportal.imports.tasks.import_commit", job, "commit")
    return job


def import_job_commit(*, job_id: int) -> ImportJob:
    """Check again and write every row in one transaction: one bad row and nothing
    changes (the job goes back to `invalid` with the errors)."""
    job = ImportJob.objects.get(pk=job_id)
    if job.state != ImportState.COMMITTING:
        return job
    spec = import_kind(job.kind)
    try:
        with (
            transaction.atomic(),
            pghistory.context(import_job=job.pk, user=job.created_by_id),
        ):
            result = _run_check(job, phase="commit")
            if result.errors:
                raise _Rollback(result)
            try:
                ids = spec.commit(result.plan, user=job.created_by)
            except CommitError as exc:
                result.errors = exc.errors
                raise _Rollback(result) from exc
            job = lock_row(ImportJob, job)
            job.counts = _counts(result)
            job.created_ids = ids
            job.state = ImportState.DONE
            job.committed_at = timezone.now()
            job.save(
                update_fields=[
                    "counts",
                    "created_ids",
                    "state",
                    "committed_at",
                    "updated_at",
                ]
            )
    except _Rollback as stop:
        job.refresh_from_db()
        job.counts = _counts(stop.result)
        job.errors = [e.as_dict() for e in stop.result.errors]
        job.state = ImportState.INVALID
        job.save(update_fields=["counts", "errors", "state", "updated_at"])
    return job


class _Rollback(Exception):
    def __init__(self, result: CheckResult):
        self.result = result

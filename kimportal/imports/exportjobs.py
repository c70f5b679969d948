"""Exports that run in the background: a list too big to stream within one request is
written by a Celery worker to a private file, with a progress bar and a download link.

When: a list's export view streams it (CSV by COPY, XLSX by the streaming writer) up to
`BACKGROUND_ROWS[fmt]` rows, and offers a background export above. The thresholds keep
every streamed export well inside gunicorn's 30 s worker timeout on this machine under
load: 100,000 KIM take 3–6 s as CSV and 10–19 s as XLSX (bench/imports.py), so CSV
streams up to 300,000 rows and XLSX up to 100,000.

Scope: a job keeps the list's filters, never its rows or a queryset; the worker builds
the list again through the app's own selector *as the requester*, so the file holds
what that user may see at the time it is written. Only the requester opens the job and
downloads the file (anyone else: 404); the file is removed `KEEP_FOR` after it is made
(`export_jobs_expire`, daily), the job row stays as the record.

Apps register what can run in the background (the core names no domain app):

    register_background_export(BackgroundExport(key="kim", label=..., name="kim",
        may_export=..., build=lambda user, filters: (queryset, columns, title, filename)))
"""

from __future__ import annotations

import datetime
import logging
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.base import File
from django.db import transaction
from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from kimportal.core.exports import (
    FORMATS,
    copy_csv_stream,
    queryset_rows,
    xlsx_stream,
)
from kimportal.core.locking import lock_row
from kimportal.core.outbox import outbox_enqueue_task

from .models import ExportJob, ExportState

BACKGROUND_ROWS = {"csv": 300_000, "xlsx": 100_000}
KEEP_FOR = datetime.timedelta(days=3)
PROGRESS_TTL = 24 * 3600
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackgroundExport:
    key: str
    label: Any
    # The name record_export logs (the list's streamed export logs the same name).
    name: str
    may_export: Callable[[Any], bool]
    # (user, filters as a QueryDict) -> (scoped queryset, columns, sheet title, filename)
    build: Callable[[Any, QueryDict], tuple]


_exports: dict[str, BackgroundExport] = {}


def register_background_export(export: BackgroundExport) -> None:
    _exports[export.key] = export


def background_export(key: str) -> BackgroundExport:
    try:
        return _exports[key]
    except KeyError:
        raise LookupError(key) from None


def background_export_keys() -> list[str]:
    return sorted(_exports)


def runs_in_background(fmt: str, rows: int) -> bool:
    return rows > BACKGROUND_ROWS.get(fmt, 0)


def _query(filters: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, values in filters.items():
        query.setlist(key, [str(v) for v in values][:10])
    return query


def export_job_create(*, user, kind: str, fmt: str, filters: QueryDict) -> ExportJob:
    """Queue a background export of the list `kind` with `filters` for `user`."""
    try:
        spec = background_export(kind)
    except LookupError:
        raise Http404 from None
    if fmt not in FORMATS:
        raise Http404
    if not spec.may_export(user):
        raise PermissionDenied(_("Anda tidak berwenang mengekspor daftar ini."))
    kept = {
        key: filters.getlist(key)[:10]
        for key in list(filters)[:30]
        if key not in ("page", "csrfmiddlewaretoken")
    }
    with transaction.atomic():
        job = ExportJob.objects.create(
            kind=kind,
            fmt=fmt,
            created_by=user,
            region_code=user.scope_code or "",
            filters=kept,
        )
        outbox_enqueue_task(
            "kimportal.imports.tasks.export_run",
            kwargs={"job_id": job.pk},
            idempotency_key=f"export-{job.pk}",
        )
    return job


def export_job_get(*, user, pk: int) -> ExportJob:
    """The requester's own job; anyone else's is 404 (not even its existence leaks)."""
    job = ExportJob.objects.filter(pk=pk, created_by_id=user.pk).first()
    if job is None or not user.is_authenticated:
        raise Http404
    return job


def export_job_list(*, user):
    return ExportJob.objects.filter(created_by_id=user.pk)


def _progress_key(job_id: int) -> str:
    return f"exports:progress:{job_id}"


def export_progress(job: ExportJob) -> dict:
    """Rows written, rows per second and seconds left (from the worker's notes)."""
    data = cache.get(_progress_key(job.pk)) or {}
    total = job.rows_total or int(data.get("total", 0))
    done = total if job.state == ExportState.DONE else int(data.get("done", 0))
    elapsed = max(time.time() - float(data.get("started", time.time())), 0.001)
    rate = done / elapsed if done else 0.0
    left = (total - done) / rate if rate and total > done else 0.0
    return {
        "rows_done": done,
        "rows_total": total,
        "rows_per_second": round(rate),
        "seconds_left": round(left),
        "percent": min(100, round(100 * done / total)) if total else 0,
    }


def _counted(rows: Iterator, job: ExportJob, started: float, every: int = 5000):
    """`rows` unchanged, noting progress every `every` rows (the header is row 0)."""
    for n, row in enumerate(rows):
        if n and n % every == 0:
            cache.set(
                _progress_key(job.pk),
                {"done": n, "total": job.rows_total, "started": started},
                PROGRESS_TTL,
            )
        yield row


def _csv_counted(blocks: Iterator[bytes], job: ExportJob, started: float):
    done = -1  # the header line
    for block in blocks:
        done += block.count(b"\n")
        cache.set(
            _progress_key(job.pk),
            {"done": max(done, 0), "total": job.rows_total, "started": started},
            PROGRESS_TTL,
        )
        yield block


def export_job_run(*, job_id: int) -> ExportJob:
    """The worker's part: the list again as the requester, written to a private file.
    A repeated delivery of a finished job does nothing."""
    with transaction.atomic():
        job = lock_row(ExportJob, job_id)
        if job.state != ExportState.QUEUED:
            return job
        job.state = ExportState.RUNNING
        job.save(update_fields=["state", "updated_at"])
    spec = background_export(job.kind)
    started = time.time()
    try:
        if not spec.may_export(job.created_by):
            raise PermissionDenied
        queryset, columns, title, filename = spec.build(
            job.created_by, _query(job.filters)
        )
        job.rows_total = queryset.count()
        job.save(update_fields=["rows_total", "updated_at"])
        if job.fmt == "csv":
            content = _csv_counted(copy_csv_stream(queryset, columns), job, started)
        else:
            rows = _counted(queryset_rows(queryset, columns), job, started)
            content = xlsx_stream([(title, rows)])
        with tempfile.TemporaryFile() as out:
            for block in content:
                out.write(block)
            job.size = out.tell()
            out.seek(0)
            job.file.save(
                f"exports/{timezone.now():%Y/%m}/{filename}.{job.fmt}",
                File(out),
                save=False,
            )
        job.state = ExportState.DONE
        job.finished_at = timezone.now()
        job.expires_at = job.finished_at + KEEP_FOR
    except Exception:  # a failed export must not stay "running" for ever
        logger.exception("Export %s failed", job.pk)
        job.state = ExportState.FAILED
        job.finished_at = timezone.now()
    job.save()
    return job


def export_jobs_expire(*, now: datetime.datetime | None = None) -> int:
    """Remove the files of finished exports past `expires_at`; the rows stay."""
    now = now or timezone.now()
    count = 0
    for job in ExportJob.objects.filter(state=ExportState.DONE, expires_at__lte=now):
        if job.file:
            job.file.delete(save=False)
        job.state = ExportState.EXPIRED
        job.save(update_fields=["file", "state", "updated_at"])
        count += 1
    return count

"""Background exports' pages: the offer a list's export shows when the list is too big
to stream, the job's page with its progress bar (htmx polls `status`; the page
survives a reload), and the download. Only the requester sees a job (others: 404)."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from kimportal.core.exports import CONTENT_TYPES
from kimportal.security.exports import record_export

from .exportjobs import (
    BACKGROUND_ROWS,
    background_export,
    export_job_create,
    export_job_get,
    export_job_list,
    export_progress,
)
from .models import ExportState

RUNNING = (ExportState.QUEUED, ExportState.RUNNING)


def export_offer_response(request, *, kind: str, fmt: str, rows: int):
    """What a list's export view answers instead of a stream when the list has more
    than `BACKGROUND_ROWS[fmt]` rows: a page offering the background export."""
    return render(
        request,
        "imports/export_offer.html",
        {
            "kind": background_export(kind),
            "kind_key": kind,
            "fmt": fmt,
            "rows": rows,
            "limit": BACKGROUND_ROWS[fmt],
            "query": request.GET.urlencode(),
            "jobs": export_job_list(user=request.user)[:5],
        },
    )


@login_required
@require_POST
def export_create_view(request):
    filters = QueryDict(request.POST.get("query", "")[:2000])
    job = export_job_create(
        user=request.user,
        kind=request.POST.get("kind", ""),
        fmt=request.POST.get("fmt", ""),
        filters=filters,
    )
    return redirect(job)


def _context(job):
    return {
        "job": job,
        "kind": background_export(job.kind),
        "progress": export_progress(job),
        "running": job.state in RUNNING,
    }


@login_required
@require_GET
def export_detail_view(request, pk: int):
    job = export_job_get(user=request.user, pk=pk)
    return render(request, "imports/export_detail.html", _context(job))


@login_required
@require_GET
def export_status_view(request, pk: int):
    job = export_job_get(user=request.user, pk=pk)
    return render(request, "imports/partials/export_status.html", _context(job))


@login_required
@require_GET
def export_download_view(request, pk: int):
    return export_file_response(request, pk)


def export_file_response(request, pk: int) -> FileResponse:
    """The finished file of the requester's job `pk` (anyone else, or a job not done:
    404), recorded as an export of the list it holds. The page and the API serve it."""
    job = export_job_get(user=request.user, pk=pk)
    if job.state != ExportState.DONE or not job.file:
        raise Http404
    record_export(
        request,
        name=background_export(job.kind).name,
        fmt=job.fmt,
        rows=job.rows_total,
    )
    response = FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.file.name.rsplit("/", 1)[-1],
        content_type=CONTENT_TYPES[job.fmt],
    )
    response["Cache-Control"] = "private, no-store"
    return response

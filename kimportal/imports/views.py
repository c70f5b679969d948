"""Import pages: the list of imports with the upload form, one import's preview with its
progress bar (htmx polls `status`), the confirmation, and the templates."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from kimportal.core.errors import TransitionError

from .kinds import import_kind, import_kinds_for
from .models import ImportState
from .selectors import import_job_get, import_job_list, may_use_imports
from .services import import_job_confirm, import_job_create, progress_get
from .template import template_response

RUNNING = (ImportState.QUEUED, ImportState.CHECKING, ImportState.COMMITTING)


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis data"))
    file = forms.FileField(label=_("Berkas XLSX atau CSV (paling besar 20 MB)"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.key, k.label) for k in import_kinds_for(user)]


def _staff(request):
    if not may_use_imports(request.user):
        raise Http404


@login_required
def import_list_view(request):
    _staff(request)
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_job_create(
                user=request.user,
                kind=form.cleaned_data["kind"],
                uploaded_file=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect(job)
    return render(
        request,
        "imports/list.html",
        {
            "form": form,
            "kinds": import_kinds_for(request.user),
            "jobs": import_job_list(user=request.user)[:50],
        },
    )


def _context(request, job):
    kind = import_kind(job.kind)
    links = []
    if kind.record_url and job.created_ids:
        links = [(pk, kind.record_url(pk)) for pk in job.created_ids[:200]]
    return {
        "job": job,
        "kind": kind,
        "progress": progress_get(job),
        "running": job.state in RUNNING,
        "may_confirm": job.state == ImportState.READY
        and not job.errors
        and kind.may_import(request.user),
        "links": links,
    }


def _render_job(request, pk: int, template: str):
    _staff(request)
    job = import_job_get(user=request.user, pk=pk)
    return render(request, template, _context(request, job))


@login_required
@require_GET
def import_detail_view(request, pk: int):
    return _render_job(request, pk, "imports/detail.html")


@login_required
@require_GET
def import_status_view(request, pk: int):
    """The progress block alone, polled by htmx every two seconds while the job runs."""
    return _render_job(request, pk, "imports/partials/status.html")


@login_required
@require_POST
def import_confirm_view(request, pk: int):
    _staff(request)
    job = import_job_get(user=request.user, pk=pk)
    try:
        import_job_confirm(job=job, user=request.user)
    except (TransitionError, PermissionDenied) as exc:
        return HttpResponse(
            str(exc), status=409 if isinstance(exc, TransitionError) else 403
        )
    return redirect(job)


@login_required
@require_GET
def import_template_view(request, kind: str):
    _staff(request)
    return template_response(kind, user=request.user)

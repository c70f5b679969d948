"""A KIM's documents: an officer adds one, and private files are downloaded (KIM
documents, review evidence, decision letters).

Each file is reached only through its record, read through the scoping rule, so a file of
another kab/kota is a 404 like a file that does not exist.
"""

import re
import unicodedata
from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kimportal.core.errors import TransitionError
from kimportal.core.service_errors import add_service_error
from kimportal.core.uploads import CONTENT_TYPES

from .. import services
from ..forms import KimDocumentForm
from ..selectors import decision_letter_case_get, document_get, evidence_get, kim_get
from .common import deny, staff_only

FALLBACK_NAME = "dokumen"
UNSAFE_RUN = re.compile(r"[^A-Za-z0-9_-]+")


def safe_download_name(original: str, stored: str) -> str:
    """A harmless ASCII file name from the uploader's `original` name, with the extension
    of the stored file (which the server chose from the file's real format)."""
    base = PurePosixPath((original or "").replace("\\", "/")).name
    stem = PurePosixPath(base).stem if "." in base else base
    ascii_stem = (
        unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    )
    cleaned = UNSAFE_RUN.sub("_", ascii_stem).strip("_-")[:80] or FALLBACK_NAME
    extension = PurePosixPath(stored).suffix.lower()
    return f"{cleaned}{extension}"


def _serve(field_file, *, original_name: str, content_type: str):
    """A private file as an attachment with a safe name; a missing file is a 404."""
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=safe_download_name(original_name, field_file.name),
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _serve_upload(record):
    """A record's uploaded `file`, named after the uploader's original name."""
    return _serve(
        record.file,
        original_name=record.original_name,
        content_type=record.content_type,
    )


@login_required
@require_GET
def document_download(request, pk: int):
    """A KIM document (SK, officers list, declaration)."""
    return _serve_upload(document_get(user=request.user, pk=pk))


@login_required
@require_GET
def evidence_download(request, pk: int):
    """An evidence file of a review case."""
    return _serve_upload(evidence_get(user=request.user, pk=pk))


@login_required
@require_GET
def decision_letter_download(request, pk: int):
    """The termination decision letter of a review case."""
    case = decision_letter_case_get(user=request.user, pk=pk)
    extension = PurePosixPath(case.decision_letter.name).suffix.lstrip(".").lower()
    return _serve(
        case.decision_letter,
        # A decision number holds slashes ("800/12/2026"), which are not path parts here.
        original_name=f"surat-keputusan-{case.decision_number.replace('/', '-')}",
        content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
    )


@staff_only
@require_http_methods(["GET", "POST"])
def kim_document_add_view(request, pk: int):
    """An officer adds a document; it replaces the current one of its kind."""
    kim = kim_get(user=request.user, pk=pk)
    if not request.user.has_perm("registry.change_kim", kim):
        return deny(request, kim)
    posted = request.method == "POST"
    form = KimDocumentForm(
        request.POST if posted else None, request.FILES if posted else None
    )
    if posted and form.is_valid():
        try:
            services.kim_document_add(
                kim=kim, uploaded_by=request.user, **form.cleaned_data
            )
        except TransitionError as error:
            messages.error(request, error.message)
            return redirect(kim)
        except ValidationError as error:
            add_service_error(form, error, {"file": "uploaded_file"})
        else:
            messages.success(request, _("Dokumen ditambahkan."))
            return redirect(kim)
    return render(
        request,
        "registry/kim_document_form.html",
        {"kim": kim, "form": form},
        status=400 if form.is_bound else 200,
    )

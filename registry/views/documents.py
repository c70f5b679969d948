"""Downloads of private files: KIM documents, review evidence and decision letters.

Each file is reached only through its record, read through the scoping rule, so a file of
another kab/kota is a 404 like a file that does not exist.
"""

import re
import unicodedata
from pathlib import PurePosixPath

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from kimportal.core.uploads import CONTENT_TYPES

from ..selectors import decision_letter_case_get, document_get, evidence_get

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

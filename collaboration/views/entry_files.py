"""Serving an entry's work file: to the office (scope), to the KIM that entered it,
and to a juror it is assigned to. The download name is "karya-<id>", never the KIM's
name (blind judging)."""

from pathlib import PurePosixPath

from django.http import FileResponse, Http404

from kimportal.core.uploads import CONTENT_TYPES


def serve_entry_file(entry) -> FileResponse:
    if not entry.file:
        raise Http404
    try:
        handle = entry.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    extension = PurePosixPath(entry.file.name).suffix.lower()
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"karya-{entry.pk}{extension}",
        content_type=CONTENT_TYPES.get(
            extension.lstrip("."), "application/octet-stream"
        ),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response

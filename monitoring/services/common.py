"""Pieces the monitoring services share: stored uploads and the counting hook."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kimportal.core.uploads import CONTENT_TYPES, server_file_name, validate_upload

IMAGE_FORMATS = ("jpg", "png")
MATERIAL_FILE_FORMATS = ("pdf", "jpg", "png")


def store_upload(field_file, uploaded, *, folder: str, formats, field: str):
    """Check `uploaded` by its bytes and size, and store it under a server-made name in
    `field_file` (not yet saved on the row). Returns (content type, original name)."""
    try:
        fmt = validate_upload(uploaded, formats=formats)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc
    original = PurePath(uploaded.name or "berkas").name[:200]
    field_file.save(server_file_name(folder, original, fmt), uploaded, save=False)
    return CONTENT_TYPES[fmt], original


def reports_counted_changed(*, added=(), removed=()) -> None:
    """Called inside the transaction whenever reports start (`added`) or stop
    (`removed`) counting: validated, returned after validation, or superseded by a
    validated correction. The effectiveness rollups hook in here."""
    from .rollups import rollups_refresh_for_reports

    rollups_refresh_for_reports(reports=[*added, *removed])


def require_text(value: str, *, field: str, message: str | None = None) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: message or _("Wajib diisi.")})
    return text

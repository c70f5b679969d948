"""Files the registry stores: checked by content, saved under a server-made name."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kimportal.core.uploads import (
    CONTENT_TYPES,
    DOCUMENT_FORMATS,
    server_file_name,
    validate_upload,
)


def store_upload(
    field_file, uploaded, *, folder: str, formats=DOCUMENT_FORMATS, field="file"
):
    """Check `uploaded` by its content and store it under a server-made name in
    `field_file` (not yet saved on the model). Returns (content type, original name)."""
    if uploaded is None:
        raise ValidationError({field: _("Berkas wajib diunggah.")})
    try:
        fmt = validate_upload(uploaded, formats=formats)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc
    original = PurePath(uploaded.name or "berkas").name[:200]
    field_file.save(server_file_name(folder, original, fmt), uploaded, save=False)
    return CONTENT_TYPES[fmt], original

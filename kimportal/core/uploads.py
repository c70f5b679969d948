"""Checks and names for uploaded documents.

A file is judged by its bytes, not its name or the browser's content type: a renamed
executable is refused. Stored names are made by the server, so no user text reaches the
file system.
"""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext as _

# Leading bytes of each accepted format, and the extension the stored file gets.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
PDF_ONLY = ("pdf",)
DOCUMENT_FORMATS = ("pdf", "jpg", "png")
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
FORMAT_LABELS = {"pdf": "PDF", "jpg": "JPEG", "png": "PNG"}


def detect_format(uploaded) -> str | None:
    """The format of an uploaded file from its first bytes, or None."""
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    for fmt, prefixes in SIGNATURES.items():
        if any(head.startswith(p) for p in prefixes):
            return fmt
    return None


def validate_upload(uploaded, *, formats=DOCUMENT_FORMATS) -> str:
    """Raise a ValidationError in Indonesian unless the file is small enough and really of
    one of `formats`; return its format."""
    limit = settings.UPLOAD_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("Berkas terlalu besar (%(size).1f MB). Batas ukuran %(limit)d MB.")
            % {"size": uploaded.size / 1024 / 1024, "limit": limit // 1024 // 1024},
            code="too_large",
        )
    fmt = detect_format(uploaded)
    if fmt not in formats:
        allowed = ", ".join(FORMAT_LABELS[f] for f in formats)
        raise ValidationError(
            _(
                "Isi berkas bukan %(allowed)s. Unggah dokumen asli dalam format %(allowed)s."
            )
            % {"allowed": allowed},
            code="wrong_format",
        )
    return fmt


class _PrivateStorage(LazyObject):
    """`storages["private"]`, looked up on first use and again after STORAGES changes.
    Model file fields bind their storage once, when the models load; through this proxy
    they still follow the setting (a test's private folder, say)."""

    def _setup(self):
        self._wrapped = storages["private"]


_private_storage = _PrivateStorage()


@receiver(setting_changed)
def _reset_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        _private_storage._wrapped = empty


def private_storage():
    return _private_storage


def server_file_name(folder: str, original_name: str, fmt: str | None = None) -> str:
    """A fresh, unguessable name under `folder`; only the detected format is kept."""
    ext = fmt or PurePosixPath(original_name).suffix.lstrip(".").lower()[:4] or "bin"
    return f"{folder}/{uuid.uuid4().hex}.{ext}"

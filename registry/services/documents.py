"""A KIM's documents: checked, stored, and made current; an earlier one of the same kind
is kept as superseded (SPEC §3.1)."""

import datetime
from typing import NotRequired, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import DocumentKind
from ..models import Kim, KimDocument
from .access import kim_guard, lock_kim
from .uploads import store_upload


class DocumentUpload(TypedDict):
    """A document as staff or a KIM upload it: the kind and the file, and for an SK its
    number and dates (see build_document)."""

    kind: str
    uploaded_file: UploadedFile
    number: NotRequired[str]
    issued_on: NotRequired[datetime.date | None]
    expires_on: NotRequired[datetime.date | None]


def build_document(
    *,
    kim: Kim,
    uploaded_by,
    kind: str,
    uploaded_file,
    number: str = "",
    issued_on: datetime.date | None = None,
    expires_on: datetime.date | None = None,
) -> KimDocument:
    """A checked, stored, unsaved document row."""
    errors: dict = {}
    number = (number or "").strip()
    if kind not in DocumentKind.values:
        errors["kind"] = [_("Pilih jenis dokumen.")]
    if kind == DocumentKind.VILLAGE_HEAD_SK:
        if not number:
            errors["number"] = [_("Nomor SK wajib diisi.")]
        if not issued_on:
            errors["issued_on"] = [_("Tanggal SK wajib diisi.")]
    if issued_on and expires_on and expires_on <= issued_on:
        errors["expires_on"] = [_("Tanggal berlaku sampai harus setelah tanggal SK.")]
    if errors:
        raise ValidationError(errors)
    document = KimDocument(
        kim=kim,
        kind=kind,
        number=number[:100],
        issued_on=issued_on,
        expires_on=expires_on,
        uploaded_by=uploaded_by,
    )
    document.content_type, document.original_name = store_upload(
        document.file, uploaded_file, folder=f"kim/{kim.pk}"
    )
    return document


def make_document_current(document: KimDocument) -> None:
    """`document` becomes the KIM's current one of its kind; the previous one is kept,
    marked superseded."""
    now = timezone.now()
    KimDocument.objects.filter(
        kim_id=document.kim_id, kind=document.kind, superseded_at__isnull=True
    ).exclude(pk=document.pk).update(superseded_at=now)
    document.superseded_at = None
    document.save()


def kim_document_add(
    *, kim: Kim, uploaded_by, **upload: Unpack[DocumentUpload]
) -> KimDocument:
    """Add a document (PDF/JPEG/PNG, at most 5 MB) uploaded by staff; it replaces the
    current one of its kind, which is kept as superseded."""
    with transaction.atomic():
        kim = lock_kim(kim)
        # The same rule as the profile: a kab/kota officer, while the KIM is not
        # inactive.
        kim_guard(uploaded_by, "registry.change_kim", kim=kim)
        document = build_document(kim=kim, uploaded_by=uploaded_by, **upload)
        make_document_current(document)
    return document

"""A KIM keeps its own profile current: contact, address, audience, media and channels
take effect at once; legal changes (name, type, desa, board) and uploaded documents
become change requests for the Dinas (SPEC §3.1)."""

from typing import Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import KimType
from ..models import ChangeRequest, Kim
from .access import kim_guard, lock_kim
from .documents import DocumentUpload, build_document
from .profile_data import (
    SELF_FIELDS,
    apply_profile_data,
    check_profile,
    clean_channels,
    clean_officers,
    merge_error,
    officer_snapshot,
    sync_channels,
)
from .villages import check_same_regency, village_from_code


def _legal_changes(
    kim: Kim, data: dict, *, village_code, officers, errors: dict
) -> dict:
    """The requested legal changes of a KIM's own user, checked but not applied."""
    changes: dict = {}
    if "name" in data:
        name = (data.pop("name") or "").strip()
        if not name:
            errors.setdefault("name", []).append(_("Nama KIM wajib diisi."))
        elif len(name) > 200:
            errors.setdefault("name", []).append(
                _("Nama KIM paling banyak 200 karakter.")
            )
        elif name != kim.name:
            changes["name"] = {"old": kim.name, "new": name}
    if "kim_type" in data:
        kim_type = data.pop("kim_type")
        if kim_type not in KimType.values:
            errors.setdefault("kim_type", []).append(_("Pilih tipe A atau B."))
        elif kim_type != kim.kim_type:
            changes["kim_type"] = {"old": kim.kim_type, "new": kim_type}
    if "village" in data:
        village = data.pop("village")
        village_code = getattr(village, "pk", village)
    if village_code is not None and village_code != kim.village_id:
        try:
            region = village_from_code(village_code)
            check_same_regency(kim, region)
            changes["village"] = {"old": kim.village_id, "new": region.code}
        except ValidationError as exc:
            merge_error(errors, exc)
    if officers is not None:
        rows = clean_officers(officers, errors)
        new = [{k: row[k] for k in ("name", "position", "phone")} for row in rows]
        old = officer_snapshot(kim)
        if not new and "officers" not in errors:
            errors["officers"] = [_("Susunan pengurus minimal satu orang.")]
        elif new != old:
            changes["officers"] = {"old": old, "new": new}
    return changes


def kim_self_update(
    *,
    kim: Kim,
    user,
    data: dict,
    officers: list[dict] | None = None,
    channels: list[dict] | None = None,
    village_code: str | None = None,
) -> tuple[Kim, ChangeRequest | None]:
    """A KIM's own edit. Contact, address, audience, media and channels take effect at
    once; a new name, type, desa or board becomes one pending change request for the
    Dinas to check, and the KIM stays as verified until then."""
    data = dict(data)
    with transaction.atomic():
        kim = lock_kim(kim)
        kim_guard(user, "registry.edit_own_kim", kim=kim)
        errors: dict = {}
        changes = _legal_changes(
            kim, data, village_code=village_code, officers=officers, errors=errors
        )
        apply_profile_data(kim, data, allowed=SELF_FIELDS, errors=errors)
        channel_rows = None if channels is None else clean_channels(channels, errors)
        check_profile(kim, errors)
        if errors:
            raise ValidationError(errors)
        kim.save()
        if channel_rows is not None:
            sync_channels(kim, channel_rows)
        change_request = None
        if changes:
            change_request = ChangeRequest.objects.create(
                kim=kim, requested_by=user, changes=changes
            )
    return kim, change_request


def kim_self_document_add(
    *, kim: Kim, user, **upload: Unpack[DocumentUpload]
) -> ChangeRequest:
    """A document uploaded by the KIM itself waits for the Dinas: it is stored as not
    current until its change request is approved."""
    with transaction.atomic():
        kim = lock_kim(kim)
        kim_guard(user, "registry.edit_own_kim", kim=kim)
        document = build_document(kim=kim, uploaded_by=user, **upload)
        # Not current yet: marked superseded from the start, so that it never counts as
        # the KIM's document unless the Dinas approves it.
        document.superseded_at = timezone.now()
        document.save()
        change_request = ChangeRequest.objects.create(
            kim=kim,
            requested_by=user,
            document=document,
            changes={
                "document": {
                    "kind": document.kind,
                    "number": document.number,
                    "issued_on": (
                        document.issued_on.isoformat() if document.issued_on else None
                    ),
                    "expires_on": (
                        document.expires_on.isoformat() if document.expires_on else None
                    ),
                }
            },
        )
    return change_request

"""A KIM's own account: invitation, self-service profile edits, and the change requests
that legal changes become (SPEC §1: "KIM accounts are invited by their regency")."""

from typing import Unpack

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kimportal.accounts.models import Role, User
from kimportal.accounts.services import set_unknown_password
from kimportal.core.contributions import kim_id_of
from kimportal.core.errors import TransitionError
from kimportal.core.scoping import code_in_scope

from .. import notifications
from ..choices import ChangeRequestStatus, KimStatus, KimType
from ..membership import member_add
from ..models import ChangeRequest, Kim
from ._common import (
    SELF_FIELDS,
    apply_profile_data,
    check_profile,
    check_same_regency,
    clean_channels,
    clean_officers,
    ensure_kim_member,
    ensure_officer_in_scope,
    lock_kim,
    merge_error,
    officer_snapshot,
    sync_channels,
    sync_officers,
    village_from_code,
)
from .kims import DocumentUpload, build_document, make_document_current


def kim_invite_user(*, kim: Kim, invited_by, email: str, name: str = "") -> User:
    """Create (or invite again) the KIM account for `email` and mail it a link to set its
    password. Only a verified KIM gets accounts."""
    ensure_officer_in_scope(invited_by, kim)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError(
            {"email": [_("Masukkan alamat email yang valid.")]}
        ) from exc
    name = (name or "").strip()
    with transaction.atomic():
        kim = lock_kim(kim)
        if kim.status != KimStatus.VERIFIED:
            raise TransitionError(
                _("Akun KIM hanya dapat dibuat untuk KIM yang sudah terverifikasi.")
            )
        user = (
            User.objects.select_for_update()
            .filter(email__iexact=email)
            .order_by("id")
            .first()
        )
        if user is None:
            if User.objects.filter(username__iexact=email).exists():
                raise ValidationError(
                    {
                        "email": [
                            _(
                                "Email ini sudah dipakai sebagai nama pengguna akun lain."
                            )
                        ]
                    }
                )
            user = User(username=email, email=email, role=Role.KIM)
            set_unknown_password(user)
        elif user.role != Role.KIM or kim_id_of(user) != kim.pk:
            raise ValidationError(
                {"email": [_("Email ini sudah dipakai oleh akun lain.")]}
            )
        user.is_active = True
        if name:
            user.first_name, user.last_name = name[:150], ""
        user.save()
        member_add(user=user, kim=kim)
        notifications.queue("kim_user_invited", user_id=user.pk)
    return user


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
    ensure_kim_member(user, kim)
    data = dict(data)
    with transaction.atomic():
        kim = lock_kim(kim)
        if kim.status != KimStatus.VERIFIED:
            raise TransitionError(
                _("Data KIM hanya dapat diubah sendiri selama KIM terverifikasi.")
            )
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
    ensure_kim_member(user, kim)
    with transaction.atomic():
        kim = lock_kim(kim)
        if kim.status != KimStatus.VERIFIED:
            raise TransitionError(
                _("Dokumen hanya dapat diunggah sendiri selama KIM terverifikasi.")
            )
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


def _lock_pending(change_request: ChangeRequest) -> ChangeRequest:
    change_request = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if change_request.status != ChangeRequestStatus.PENDING:
        raise TransitionError(_("Permohonan perubahan ini sudah diputuskan."))
    return change_request


def change_request_approve(
    *, change_request: ChangeRequest, decided_by, note: str = ""
) -> Kim:
    """Apply a KIM's requested legal changes (and make its uploaded document current)."""
    ensure_officer_in_scope(decided_by, change_request.kim)
    with transaction.atomic():
        change_request = _lock_pending(change_request)
        kim = lock_kim(change_request.kim_id)
        if kim.status != KimStatus.VERIFIED:
            raise TransitionError(
                _("Perubahan hanya dapat diterapkan pada KIM yang terverifikasi.")
            )
        changes = change_request.changes or {}
        if "name" in changes:
            kim.name = changes["name"]["new"]
        if "kim_type" in changes:
            kim.kim_type = changes["kim_type"]["new"]
        if "village" in changes:
            region = village_from_code(changes["village"]["new"])
            check_same_regency(kim, region)
            if not code_in_scope(decided_by, region.code):
                raise ValidationError(
                    {"village": [_("Desa/kelurahan baru di luar wilayah kerja Anda.")]}
                )
            kim.village = region
        kim.save()
        if "officers" in changes:
            sync_officers(kim, changes["officers"]["new"])
        if change_request.document is not None:
            make_document_current(change_request.document)
        change_request.status = ChangeRequestStatus.APPROVED
        change_request.decided_by = decided_by
        change_request.decided_at = timezone.now()
        change_request.decision_note = (note or "").strip()
        change_request.save()
        notifications.queue(
            "change_request_decided", change_request_id=change_request.pk
        )
    return kim


def change_request_reject(
    *, change_request: ChangeRequest, decided_by, note: str
) -> ChangeRequest:
    """Turn down a KIM's requested change, with the reason; the KIM stays as it was."""
    ensure_officer_in_scope(decided_by, change_request.kim)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": [_("Alasan penolakan wajib diisi.")]})
    with transaction.atomic():
        change_request = _lock_pending(change_request)
        change_request.status = ChangeRequestStatus.REJECTED
        change_request.decided_by = decided_by
        change_request.decided_at = timezone.now()
        change_request.decision_note = note
        change_request.save()
        notifications.queue(
            "change_request_decided", change_request_id=change_request.pk
        )
    return change_request

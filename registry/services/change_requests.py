"""The Dinas decides a KIM's change request: approved changes are applied to the KIM,
a rejected one leaves it as it was, with the reason (SPEC §3.1)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kimportal.core.errors import TransitionError
from kimportal.core.locking import lock_row
from kimportal.core.scoping import code_in_scope

from .. import notifications
from ..choices import ChangeRequestStatus, KimStatus
from ..models import ChangeRequest, Kim
from .access import kim_guard, lock_kim
from .documents import make_document_current
from .profile_data import sync_officers
from .villages import check_same_regency, village_from_code


def _lock_for_decision(
    change_request: ChangeRequest, user
) -> tuple[ChangeRequest, Kim]:
    """The change request and its KIM, locked, once `user` may decide it now."""
    change_request = lock_row(ChangeRequest, change_request)
    kim = lock_kim(change_request.kim_id)
    kim_guard(user, "registry.review_change_request", kim=kim, obj=change_request)
    return change_request, kim


def change_request_approve(
    *, change_request: ChangeRequest, decided_by, note: str = ""
) -> Kim:
    """Apply a KIM's requested legal changes (and make its uploaded document current)."""
    with transaction.atomic():
        change_request, kim = _lock_for_decision(change_request, decided_by)
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
    note = (note or "").strip()
    with transaction.atomic():
        change_request, _kim = _lock_for_decision(change_request, decided_by)
        if not note:
            raise ValidationError({"note": [_("Alasan penolakan wajib diisi.")]})
        change_request.status = ChangeRequestStatus.REJECTED
        change_request.decided_by = decided_by
        change_request.decided_at = timezone.now()
        change_request.decision_note = note
        change_request.save()
        notifications.queue(
            "change_request_decided", change_request_id=change_request.pk
        )
    return change_request

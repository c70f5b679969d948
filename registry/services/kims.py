"""A KIM's registration and profile, kept by the kab/kota Dinas, and its deactivation
(SPEC §3.1, §3.3)."""

import contextlib
from collections.abc import Iterable

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kimportal.core.dates import today_in_jakarta

from ..choices import InactiveReason, KimStatus, PartnershipStatus
from ..models import Kim, KimChannel, KimOfficer, Partnership
from .access import kim_guard, lock_kim, refuse_while_under_review
from .documents import DocumentUpload, kim_document_add
from .profile_data import (
    KIM_FIELDS,
    apply_profile_data,
    check_profile,
    clean_channels,
    clean_coverage,
    clean_officers,
    merge_error,
    sync_channels,
    sync_officers,
)
from .villages import check_same_regency, village_in_scope


def kim_create(
    *,
    created_by,
    village_code: str,
    data: dict,
    coverage_codes: Iterable[str] = (),
    officers: Iterable[dict] = (),
    channels: Iterable[dict] = (),
    from_old_list: bool = False,
    previous_record: Kim | None = None,
) -> Kim:
    """Register a KIM as a draft. One from an earlier list (§II.B.1.b–d) enters as
    submitted at once; its documents can follow, and verification asks for all of them.
    `previous_record` is the record a KIM left behind when it moved from another
    kab/kota (SPEC §3.3); it must have been closed as moved and is left unchanged."""
    kim_guard(created_by, "registry.add_kim", kim=None)
    kim = Kim(
        status=KimStatus.DRAFT,
        registered_by=created_by,
        from_old_list=from_old_list,
        previous_record=previous_record,
    )
    errors: dict = {}
    apply_profile_data(kim, data, allowed=KIM_FIELDS, errors=errors)
    try:
        kim.village = village_in_scope(created_by, village_code)
    except ValidationError as exc:
        merge_error(errors, exc)
    if previous_record is not None and not (
        previous_record.status == KimStatus.INACTIVE
        and previous_record.inactive_reason == InactiveReason.MOVED
    ):
        errors["previous_record"] = [
            _(
                "Catatan sebelumnya hanya dapat ditautkan ke KIM yang dinyatakan "
                "pindah ke kabupaten/kota lain."
            )
        ]
    coverage = clean_coverage(coverage_codes, errors, actor=created_by)
    officer_rows = clean_officers(officers, errors)
    channel_rows = clean_channels(channels, errors)
    check_profile(kim, errors)
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        if from_old_list:
            kim.status = KimStatus.SUBMITTED
            kim.submitted_at = timezone.now()
        kim.save()
        kim.coverage_villages.set(coverage)
        KimOfficer.objects.bulk_create(
            KimOfficer(
                kim=kim, name=o["name"], position=o["position"], phone=o["phone"]
            )
            for o in officer_rows
        )
        KimChannel.objects.bulk_create(
            KimChannel(
                kim=kim,
                platform=c["platform"],
                address=c["address"],
                followers=c["followers"],
            )
            for c in channel_rows
        )
    return kim


def kim_update(
    *,
    kim: Kim,
    updated_by,
    data: dict,
    village_code: str | None = None,
    coverage_codes: Iterable[str] | None = None,
    officers: Iterable[dict] | None = None,
    channels: Iterable[dict] | None = None,
) -> Kim:
    """Staff edit of a KIM's profile. `None` leaves coverage, officers or channels as they
    are. A changed name or desa of a verified KIM is marked in the audit trail."""
    with transaction.atomic():
        kim = lock_kim(kim)
        kim_guard(updated_by, "registry.change_kim", kim=kim)
        before = (kim.name, kim.village_id)
        errors: dict = {}
        apply_profile_data(kim, data, allowed=KIM_FIELDS, errors=errors)
        if village_code is not None and village_code != kim.village_id:
            try:
                region = village_in_scope(updated_by, village_code)
                check_same_regency(kim, region)
                kim.village = region
            except ValidationError as exc:
                merge_error(errors, exc)
        coverage = (
            None
            if coverage_codes is None
            else clean_coverage(coverage_codes, errors, actor=updated_by)
        )
        officer_rows = None if officers is None else clean_officers(officers, errors)
        channel_rows = None if channels is None else clean_channels(channels, errors)
        check_profile(kim, errors)
        if errors:
            raise ValidationError(errors)

        after = (kim.name, kim.village_id)
        legal_changed = [
            field
            for field, old, new in zip(("name", "village"), before, after, strict=True)
            if old != new
        ]
        marker: contextlib.AbstractContextManager = contextlib.nullcontext()
        if kim.status == KimStatus.VERIFIED and legal_changed:
            # Staff may correct a verified KIM's legal data; the audit trail says so.
            marker = pghistory.context(legal_change_by_staff=legal_changed)
        with marker:
            kim.save()
        if coverage is not None:
            kim.coverage_villages.set(coverage)
        if officer_rows is not None:
            sync_officers(kim, officer_rows)
        if channel_rows is not None:
            sync_channels(kim, channel_rows)
    return kim


def kim_register(
    *,
    registered_by,
    kim: Kim | None,
    village_code: str,
    data: dict,
    coverage_codes: Iterable[str] = (),
    officers: Iterable[dict] = (),
    channels: Iterable[dict] = (),
    documents: Iterable[DocumentUpload] = (),
    from_old_list: bool = False,
    previous_record: Kim | None = None,
) -> Kim:
    """The whole registration form at once — a new KIM (`kim=None`) or a draft being
    continued — with its profile, board, channels and documents: all saved, or nothing.
    A document's error is keyed `documents.<kind>.<argument>` so the caller can tell
    which upload it concerns."""
    with transaction.atomic():
        if kim is None:
            kim = kim_create(
                created_by=registered_by,
                village_code=village_code,
                data=data,
                coverage_codes=coverage_codes,
                officers=officers,
                channels=channels,
                from_old_list=from_old_list,
                previous_record=previous_record,
            )
        else:
            kim = kim_update(
                kim=kim,
                updated_by=registered_by,
                data=data,
                village_code=village_code,
                coverage_codes=coverage_codes,
                officers=officers,
                channels=channels,
            )
        for document in documents:
            try:
                kim_document_add(kim=kim, uploaded_by=registered_by, **document)
            except ValidationError as error:
                prefix = f"documents.{document['kind']}"
                if hasattr(error, "error_dict"):
                    raise ValidationError(
                        {
                            f"{prefix}.{key}": messages
                            for key, messages in error.message_dict.items()
                        }
                    ) from error
                raise ValidationError({prefix: error.messages}) from error
    return kim


def kim_deactivate(*, kim: Kim, deactivated_by, reason: str) -> Kim:
    """A verified KIM that dissolved, moved away or was let go becomes inactive. It keeps
    its NIK; an open partnership ends as terminated today."""
    with transaction.atomic():
        kim = lock_kim(kim)
        kim_guard(deactivated_by, "registry.deactivate_kim", kim=kim)
        refuse_while_under_review(
            kim,
            _(
                "KIM ini sedang dalam peninjauan. Selesaikan kasus peninjauannya; "
                "pemutusan dengan dasar bubar atau pindah menonaktifkan KIM."
            ),
        )
        if reason not in InactiveReason.values:
            raise ValidationError({"reason": [_("Pilih alasan KIM tidak aktif.")]})
        Partnership.objects.filter(
            kim=kim,
            status__in=[PartnershipStatus.ACTIVE, PartnershipStatus.UNDER_REVIEW],
        ).update(status=PartnershipStatus.TERMINATED, closed_on=today_in_jakarta())
        kim.status = KimStatus.INACTIVE
        kim.inactive_reason = reason
        kim.save(update_fields=["status", "inactive_reason", "updated_at"])
    return kim

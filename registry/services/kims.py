"""Registration of a KIM: profile, documents, submission, verification with NIK,
rejection and deactivation (SPEC §3.1–3.3)."""

import contextlib
import datetime
from collections.abc import Iterable
from typing import NotRequired, TypedDict, Unpack

import pghistory
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kimportal.core.errors import TransitionError
from kimportal.core.scoping import code_in_scope

from .. import notifications
from ..choices import (
    DocumentKind,
    InactiveReason,
    KimStatus,
    PartnershipStatus,
    Requirement,
    ReviewStatus,
)
from ..models import (
    Kim,
    KimChannel,
    KimDocument,
    KimOfficer,
    Partnership,
    Verification,
    VerificationItem,
)
from ._common import (
    JAKARTA,
    KIM_FIELDS,
    apply_profile_data,
    check_profile,
    check_same_regency,
    clean_channels,
    clean_coverage,
    clean_officers,
    ensure_officer_in_scope,
    lock_kim,
    merge_error,
    store_upload,
    sync_channels,
    sync_officers,
    today_in_jakarta,
    village_from_code,
)

STAFF_EDITABLE = (
    KimStatus.DRAFT,
    KimStatus.REJECTED,
    KimStatus.SUBMITTED,
    KimStatus.VERIFIED,
)
REQUIRED_DOCUMENTS = (
    DocumentKind.VILLAGE_HEAD_SK,
    DocumentKind.OFFICERS_LIST,
    DocumentKind.DECLARATION,
)


def _status_label(kim: Kim) -> str:
    return str(KimStatus(kim.status).label)


def _village_in_scope(user, code: str):
    region = village_from_code(code)
    if not code_in_scope(user, region.code):
        raise ValidationError(
            {"village": _("Desa/kelurahan ini di luar wilayah kerja Anda.")}
        )
    return region


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
    kim = Kim(
        status=KimStatus.DRAFT,
        registered_by=created_by,
        from_old_list=from_old_list,
        previous_record=previous_record,
    )
    errors: dict = {}
    apply_profile_data(kim, data, allowed=KIM_FIELDS, errors=errors)
    try:
        kim.village = _village_in_scope(created_by, village_code)
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
    coverage = clean_coverage(coverage_codes, errors)
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
    ensure_officer_in_scope(updated_by, kim)
    with transaction.atomic():
        kim = lock_kim(kim)
        if kim.status not in STAFF_EDITABLE:
            raise TransitionError(
                _("KIM berstatus %(status)s tidak dapat diubah.")
                % {"status": _status_label(kim)}
            )
        before = (kim.name, kim.village_id)
        errors: dict = {}
        apply_profile_data(kim, data, allowed=KIM_FIELDS, errors=errors)
        if village_code is not None and village_code != kim.village_id:
            try:
                region = _village_in_scope(updated_by, village_code)
                check_same_regency(kim, region)
                kim.village = region
            except ValidationError as exc:
                merge_error(errors, exc)
        coverage = (
            None if coverage_codes is None else clean_coverage(coverage_codes, errors)
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
    ensure_officer_in_scope(uploaded_by, kim)
    with transaction.atomic():
        kim = lock_kim(kim)
        if kim.status == KimStatus.INACTIVE:
            raise TransitionError(_("Dokumen KIM yang tidak aktif tidak dapat diubah."))
        document = build_document(kim=kim, uploaded_by=uploaded_by, **upload)
        make_document_current(document)
    return document


def kim_completeness_problems(kim: Kim) -> list[str]:
    """What a KIM still lacks before it can be submitted or verified, in Indonesian."""
    problems = []
    if not kim.name:
        problems.append(_("Nama KIM belum diisi."))
    if not kim.kim_type:
        problems.append(_("Tipe KIM (A atau B) belum dipilih."))
    if not kim.village_id:
        problems.append(_("Desa/kelurahan kedudukan belum dipilih."))
    if not kim.chair_name:
        problems.append(_("Nama ketua/narahubung belum diisi."))
    if not (kim.whatsapp or kim.phone):
        problems.append(_("Nomor WhatsApp atau telepon belum diisi."))
    if not kim.officers.filter(active=True).exists():
        problems.append(_("Susunan pengurus belum diisi (minimal satu pengurus)."))
    # The seat desa is always part of the area a KIM reaches (§II.B.5.d).
    if not (kim.village_id or kim.coverage_villages.exists()):
        problems.append(
            _("Wilayah jangkauan belum diisi (minimal satu desa/kelurahan).")
        )
    present = set(
        kim.documents.filter(superseded_at__isnull=True).values_list("kind", flat=True)
    )
    for kind in REQUIRED_DOCUMENTS:
        if kind not in present:
            problems.append(
                _("Dokumen %(kind)s belum diunggah.")
                % {"kind": DocumentKind(kind).label}
            )
    return problems


def kim_submit(*, kim: Kim, submitted_by) -> Kim:
    """Submit a complete draft (or a corrected rejected KIM) for verification."""
    ensure_officer_in_scope(submitted_by, kim)
    with transaction.atomic():
        kim = lock_kim(kim)
        if kim.status not in (KimStatus.DRAFT, KimStatus.REJECTED):
            raise TransitionError(
                _("KIM berstatus %(status)s tidak dapat diajukan.")
                % {"status": _status_label(kim)}
            )
        problems = kim_completeness_problems(kim)
        if problems:
            raise ValidationError(problems, code="incomplete")
        kim.status = KimStatus.SUBMITTED
        kim.submitted_at = timezone.now()
        kim.save(update_fields=["status", "submitted_at", "updated_at"])
    return kim


def nik_allocate(*, regency_code: str, at: datetime.datetime) -> str:
    """The next NIK of a kab/kota for the year of `at` in Jakarta. Must run inside the
    verifying transaction: the upsert holds the sequence row until it commits, so
    concurrent verifications queue and get consecutive numbers, and a rolled-back one
    issues nothing."""
    year = timezone.localtime(at, JAKARTA).year
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO registry_niksequence (regency_code, year, last_number) "
            "VALUES (%s, %s, 1) "
            "ON CONFLICT (regency_code, year) "
            "DO UPDATE SET last_number = registry_niksequence.last_number + 1 "
            "RETURNING last_number",
            [regency_code, year],
        )
        (number,) = cursor.fetchone()
    return f"{regency_code.replace('.', '')}-{year}-{number:04d}"


def _clean_items(items: dict) -> dict[str, tuple[bool, str]]:
    cleaned, unknown = {}, []
    for requirement, value in (items or {}).items():
        if requirement not in Requirement.values:
            unknown.append(str(requirement))
            continue
        if isinstance(value, dict):
            passed, note = value.get("passed"), value.get("note", "")
        else:
            passed, note = value
        cleaned[requirement] = (bool(passed), (note or "").strip()[:500])
    if unknown:
        raise ValidationError(
            _("Syarat tidak dikenal: %(names)s.") % {"names": ", ".join(unknown)}
        )
    return cleaned


def _record_verification(
    *, kim: Kim, verified_by, items: dict, approved: bool, note: str, nik: str = ""
) -> Verification:
    verification = Verification.objects.create(
        kim=kim, verified_by=verified_by, approved=approved, nik_issued=nik, note=note
    )
    VerificationItem.objects.bulk_create(
        VerificationItem(
            verification=verification,
            requirement=requirement,
            passed=passed,
            note=item_note,
        )
        for requirement in Requirement.values
        if requirement in items
        for passed, item_note in [items[requirement]]
    )
    return verification


def _ensure_awaits_verification(kim: Kim) -> None:
    if kim.status != KimStatus.SUBMITTED:
        raise TransitionError(
            _(
                "Hanya KIM yang sudah diajukan yang dapat diverifikasi; status KIM ini %(status)s."
            )
            % {"status": _status_label(kim)}
        )


def kim_verify(
    *, kim: Kim, verified_by, items: dict[str, tuple[bool, str]], note: str = ""
) -> Kim:
    """Verify a submitted KIM whose every requirement passed: issue its NIK, record the
    checklist, and email the KIM after the commit."""
    ensure_officer_in_scope(verified_by, kim)
    with transaction.atomic():
        # The row lock makes a second officer verifying the same KIM wait, then see it
        # verified and stop, before any NIK number is taken.
        kim = lock_kim(kim)
        _ensure_awaits_verification(kim)
        results = _clean_items(items)
        problems = [
            _("Syarat «%(label)s» belum diperiksa.") % {"label": Requirement(r).label}
            for r in Requirement.values
            if r not in results
        ]
        problems += [
            _(
                "Syarat «%(label)s» tidak terpenuhi; KIM tidak dapat diverifikasi. "
                "Tolak pengajuan dengan alasannya."
            )
            % {"label": Requirement(r).label}
            for r, (passed, _note) in results.items()
            if not passed
        ]
        if problems:
            raise ValidationError(problems, code="requirements")
        problems = kim_completeness_problems(kim)
        sk = kim.documents.filter(
            kind=DocumentKind.VILLAGE_HEAD_SK, superseded_at__isnull=True
        ).first()
        if sk and sk.expires_on and sk.expires_on < today_in_jakarta():
            problems.append(
                _("SK Kepala Desa/Lurah sudah tidak berlaku sejak %(date)s.")
                % {"date": sk.expires_on.strftime("%d-%m-%Y")}
            )
        if problems:
            raise ValidationError(problems, code="incomplete")

        now = timezone.now()
        nik = nik_allocate(regency_code=kim.regency_code, at=now)
        verification = _record_verification(
            kim=kim,
            verified_by=verified_by,
            items=results,
            approved=True,
            note=(note or "").strip(),
            nik=nik,
        )
        kim.status = KimStatus.VERIFIED
        kim.nik = nik
        kim.verified_at = now
        kim.save(update_fields=["status", "nik", "verified_at", "updated_at"])
        notifications.queue("kim_verified", verification_id=verification.pk)
    return kim


def kim_reject(
    *, kim: Kim, verified_by, items: dict[str, tuple[bool, str]], note: str = ""
) -> Kim:
    """Reject a submitted KIM with a reason for every failed requirement; it can be
    corrected and submitted again."""
    ensure_officer_in_scope(verified_by, kim)
    with transaction.atomic():
        kim = lock_kim(kim)
        _ensure_awaits_verification(kim)
        results = _clean_items(items)
        failed = [r for r, (passed, _note) in results.items() if not passed]
        if not failed:
            raise ValidationError(
                _("Tandai minimal satu syarat yang tidak terpenuhi beserta alasannya."),
                code="nothing_failed",
            )
        missing_reason = [
            _("Isi alasan untuk syarat «%(label)s» yang tidak terpenuhi.")
            % {"label": Requirement(r).label}
            for r in Requirement.values
            if r in failed and not results[r][1]
        ]
        if missing_reason:
            raise ValidationError(missing_reason, code="reason_required")
        verification = _record_verification(
            kim=kim,
            verified_by=verified_by,
            items=results,
            approved=False,
            note=(note or "").strip(),
        )
        kim.status = KimStatus.REJECTED
        kim.save(update_fields=["status", "updated_at"])
        notifications.queue("kim_rejected", verification_id=verification.pk)
    return kim


def kim_deactivate(*, kim: Kim, deactivated_by, reason: str) -> Kim:
    """A verified KIM that dissolved, moved away or was let go becomes inactive. It keeps
    its NIK; an open partnership ends as terminated today."""
    ensure_officer_in_scope(deactivated_by, kim)
    if reason not in InactiveReason.values:
        raise ValidationError({"reason": [_("Pilih alasan KIM tidak aktif.")]})
    with transaction.atomic():
        kim = lock_kim(kim)
        if kim.status != KimStatus.VERIFIED:
            raise TransitionError(
                _(
                    "Hanya KIM terverifikasi yang dapat dinonaktifkan; status KIM ini %(status)s."
                )
                % {"status": _status_label(kim)}
            )
        if kim.review_cases.filter(status=ReviewStatus.OPEN).exists():
            raise TransitionError(
                _(
                    "KIM ini sedang dalam peninjauan. Selesaikan kasus peninjauannya; "
                    "pemutusan dengan dasar bubar atau pindah menonaktifkan KIM."
                )
            )
        Partnership.objects.filter(
            kim=kim,
            status__in=[PartnershipStatus.ACTIVE, PartnershipStatus.UNDER_REVIEW],
        ).update(status=PartnershipStatus.TERMINATED, closed_on=today_in_jakarta())
        kim.status = KimStatus.INACTIVE
        kim.inactive_reason = reason
        kim.save(update_fields=["status", "inactive_reason", "updated_at"])
    return kim

"""Submission and verification of a KIM: completeness, the checklist, the NIK, rejection
with reasons (SPEC §3.2)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kimportal.core.dates import JAKARTA, today_in_jakarta

from .. import notifications
from ..choices import DocumentKind, KimStatus, Requirement
from ..models import Kim, Verification, VerificationItem
from .access import kim_guard, lock_kim

REQUIRED_DOCUMENTS = (
    DocumentKind.VILLAGE_HEAD_SK,
    DocumentKind.OFFICERS_LIST,
    DocumentKind.DECLARATION,
)


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
    with transaction.atomic():
        kim = lock_kim(kim)
        kim_guard(submitted_by, "registry.submit_kim", kim=kim)
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


def kim_verify(
    *, kim: Kim, verified_by, items: dict[str, tuple[bool, str]], note: str = ""
) -> Kim:
    """Verify a submitted KIM whose every requirement passed: issue its NIK, record the
    checklist, and email the KIM after the commit."""
    with transaction.atomic():
        # The row lock makes a second officer verifying the same KIM wait, then see it
        # verified and stop, before any NIK number is taken.
        kim = lock_kim(kim)
        kim_guard(verified_by, "registry.verify_kim", kim=kim)
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
    with transaction.atomic():
        kim = lock_kim(kim)
        kim_guard(verified_by, "registry.verify_kim", kim=kim)
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

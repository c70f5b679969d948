"""Review (peninjauan) and termination of a partnership (SPEC §3.4, guideline §II.B.6)."""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from kimportal.accounts.rules import is_regency_officer
from kimportal.core.access import state_allows
from kimportal.core.dates import today_in_jakarta
from kimportal.core.errors import TransitionError
from kimportal.core.locking import lock_row
from kimportal.core.uploads import PDF_ONLY

from .. import notifications
from ..choices import (
    DocumentKind,
    InactiveReason,
    KimStatus,
    PartnershipStatus,
    ReviewGround,
    ReviewOpener,
    ReviewStatus,
)
from ..models import (
    Kim,
    KimDocument,
    Partnership,
    ReviewCase,
    ReviewComment,
    ReviewEvidence,
)
from ..rules import STATE_MESSAGES
from .access import kim_guard, lock_kim, refuse_while_under_review
from .kims import kim_deactivate
from .uploads import store_upload

logger = logging.getLogger(__name__)

# Termination on these grounds also ends the KIM itself, which keeps its NIK.
INACTIVATING_GROUNDS = (
    (ReviewGround.DISSOLVED, InactiveReason.DISSOLVED),
    (ReviewGround.MOVED, InactiveReason.MOVED),
)


def _lock_case(case: ReviewCase, user, permission: str) -> ReviewCase:
    """The case, locked, once `user` may do `permission` on it now."""
    case = lock_row(ReviewCase, case)
    kim_guard(user, permission, kim=case.kim, obj=case)
    return case


def _evidence(case: ReviewCase, *, uploaded_by, uploaded_file, description: str):
    evidence = ReviewEvidence(
        case=case,
        uploaded_by=uploaded_by,
        description=(description or "").strip()[:300],
    )
    evidence.content_type, evidence.original_name = store_upload(
        evidence.file, uploaded_file, folder=f"review/{case.pk}"
    )
    evidence.save()
    return evidence


def review_open(
    *,
    kim: Kim,
    opened_by,
    grounds: list[str],
    notes: str = "",
    evidence=(),
) -> ReviewCase:
    """Open a review of a verified KIM on one or more grounds of §II.B.6, by a regency or
    province officer, or by the system (`opened_by=None`). Its active partnership goes
    under review. Emails the KIM and the kab/kota Dinas."""
    if opened_by is None and evidence:
        raise ValueError("A review opened by the system carries no uploaded evidence.")
    with transaction.atomic():
        kim = lock_kim(kim)
        if opened_by is None:
            # The system (the expired-SK task) is no user; only the state is asked.
            if not state_allows(None, "registry.open_review", kim):
                raise TransitionError(str(STATE_MESSAGES["registry.open_review"]))
            level = ReviewOpener.SYSTEM
        else:
            kim_guard(opened_by, "registry.open_review", kim=kim)
            level = (
                ReviewOpener.REGENCY
                if is_regency_officer(opened_by)
                else ReviewOpener.PROVINCE
            )
        refuse_while_under_review(
            kim, _("KIM ini sudah memiliki kasus peninjauan yang terbuka.")
        )
        grounds = list(dict.fromkeys(grounds or ()))
        if not grounds:
            raise ValidationError(
                {"grounds": [_("Pilih minimal satu dasar peninjauan.")]}
            )
        unknown = [g for g in grounds if g not in ReviewGround.values]
        if unknown:
            raise ValidationError(
                {
                    "grounds": [
                        _("Dasar peninjauan tidak dikenal: %(names)s.")
                        % {"names": ", ".join(unknown)}
                    ]
                }
            )
        partnership = (
            Partnership.objects.select_for_update()
            .filter(kim=kim, status=PartnershipStatus.ACTIVE)
            .first()
        )
        case = ReviewCase.objects.create(
            kim=kim,
            partnership=partnership,
            grounds=[g for g in ReviewGround.values if g in grounds],
            notes=(notes or "").strip(),
            opened_by_level=level,
            opened_by=opened_by,
        )
        for uploaded_file, description in evidence or ():
            _evidence(
                case,
                uploaded_by=opened_by,
                uploaded_file=uploaded_file,
                description=description,
            )
        if partnership is not None:
            partnership.status = PartnershipStatus.UNDER_REVIEW
            partnership.save(update_fields=["status"])
        notifications.queue("review_opened", case_id=case.pk)
    return case


def review_comment_add(*, case: ReviewCase, author, body: str) -> ReviewComment:
    """A comment on an open case, by the regency or its province."""
    body = (body or "").strip()
    with transaction.atomic():
        case = _lock_case(case, author, "registry.comment_review")
        if not body:
            raise ValidationError({"body": [_("Komentar tidak boleh kosong.")]})
        return ReviewComment.objects.create(case=case, author=author, body=body)


def review_evidence_add(
    *, case: ReviewCase, uploaded_by, uploaded_file, description: str = ""
) -> ReviewEvidence:
    """Evidence (PDF/JPEG/PNG, at most 5 MB) added to an open case, by the regency or
    its province."""
    with transaction.atomic():
        case = _lock_case(case, uploaded_by, "registry.comment_review")
        return _evidence(
            case,
            uploaded_by=uploaded_by,
            uploaded_file=uploaded_file,
            description=description,
        )


def _close(case: ReviewCase, *, status: str, decided_by, note: str) -> None:
    case.status = status
    case.decided_by = decided_by
    case.decided_at = timezone.now()
    case.decision_note = note


def review_continue(*, case: ReviewCase, decided_by, note: str) -> ReviewCase:
    """Close a case as not proven: the partnership is active again, or ended if its
    period passed during the review."""
    note = (note or "").strip()
    with transaction.atomic():
        case = _lock_case(case, decided_by, "registry.decide_review")
        if not note:
            raise ValidationError(
                {"note": [_("Tuliskan alasan kemitraan dilanjutkan.")]}
            )
        _close(case, status=ReviewStatus.CONTINUED, decided_by=decided_by, note=note)
        case.save()
        partnership = (
            Partnership.objects.select_for_update()
            .filter(review_cases=case, status=PartnershipStatus.UNDER_REVIEW)
            .first()
        )
        if partnership is not None:
            if partnership.ends_on < today_in_jakarta():
                partnership.status = PartnershipStatus.ENDED
                partnership.closed_on = partnership.ends_on
            else:
                partnership.status = PartnershipStatus.ACTIVE
            partnership.save(update_fields=["status", "closed_on"])
        notifications.queue("review_continued", case_id=case.pk)
    return case


def review_terminate(
    *,
    case: ReviewCase,
    decided_by,
    decision_date: datetime.date,
    decision_number: str,
    decision_letter,
    note: str = "",
) -> ReviewCase:
    """Close a case as proven: the partnership is terminated on the decision date, with
    the decision letter (PDF). A KIM that dissolved or moved away becomes inactive and
    keeps its NIK."""
    errors: dict = {}
    decision_number = (decision_number or "").strip()
    if not decision_number:
        errors["decision_number"] = [_("Nomor surat keputusan wajib diisi.")]
    if not decision_date:
        errors["decision_date"] = [_("Tanggal keputusan wajib diisi.")]
    elif decision_date > today_in_jakarta():
        errors["decision_date"] = [_("Tanggal keputusan tidak boleh di masa depan.")]
    if decision_letter is None:
        errors["decision_letter"] = [_("Surat keputusan (PDF) wajib diunggah.")]
    with transaction.atomic():
        case = _lock_case(case, decided_by, "registry.decide_review")
        if errors:
            raise ValidationError(errors)
        store_upload(
            case.decision_letter,
            decision_letter,
            folder=f"review/{case.pk}",
            formats=PDF_ONLY,
            field="decision_letter",
        )
        case.decision_date = decision_date
        case.decision_number = decision_number[:100]
        _close(
            case,
            status=ReviewStatus.TERMINATED,
            decided_by=decided_by,
            note=(note or "").strip(),
        )
        case.save()
        Partnership.objects.filter(
            kim_id=case.kim_id,
            status__in=[PartnershipStatus.ACTIVE, PartnershipStatus.UNDER_REVIEW],
        ).update(status=PartnershipStatus.TERMINATED, closed_on=decision_date)
        reason = next((r for g, r in INACTIVATING_GROUNDS if g in case.grounds), None)
        if reason is not None and lock_kim(case.kim_id).status == KimStatus.VERIFIED:
            # The case is closed above, so the KIM's own transition accepts it now.
            kim_deactivate(kim=case.kim, deactivated_by=decided_by, reason=reason)
        notifications.queue("review_terminated", case_id=case.pk)
    return case


def reviews_open_for_expired_sk(*, today: datetime.date) -> int:
    """Open a system review for every partner KIM whose current village-head SK expired
    before `today` and that has no open case. Running it again opens nothing new."""
    expired_sk = KimDocument.objects.filter(
        kim=OuterRef("pk"),
        kind=DocumentKind.VILLAGE_HEAD_SK,
        superseded_at__isnull=True,
        expires_on__lt=today,
    )
    active_partnership = Partnership.objects.filter(
        kim=OuterRef("pk"), status=PartnershipStatus.ACTIVE
    )
    open_case = ReviewCase.objects.filter(kim=OuterRef("pk"), status=ReviewStatus.OPEN)
    candidates = (
        Kim.objects.filter(status=KimStatus.VERIFIED)
        .filter(Exists(expired_sk), Exists(active_partnership), ~Exists(open_case))
        .order_by("id")
    )
    opened = 0
    for kim in candidates:
        sk = kim.documents.filter(
            kind=DocumentKind.VILLAGE_HEAD_SK, superseded_at__isnull=True
        ).first()
        if sk is None or sk.expires_on is None:  # excluded by the query above
            continue
        notes = _(
            "Dibuka otomatis: SK Kepala Desa/Lurah nomor %(number)s berlaku sampai "
            "%(date)s dan belum diperbarui."
        ) % {"number": sk.number or "-", "date": sk.expires_on.strftime("%d-%m-%Y")}
        try:
            review_open(
                kim=kim, opened_by=None, grounds=[ReviewGround.SK_EXPIRED], notes=notes
            )
        except TransitionError:
            # Opened by an officer, or the KIM changed, since the query ran.
            logger.info("SK review for KIM %s skipped: state changed", kim.pk)
            continue
        opened += 1
    return opened

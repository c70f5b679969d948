"""Partnerships (kemitraan) with verified KIM (SPEC §3.4, guideline §II.B.5)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from ..choices import PartnershipStatus, Qualification
from ..models import Kim, Partnership
from .access import kim_guard, lock_kim, refuse_while_under_review


def partnership_start(
    *,
    kim: Kim,
    started_by,
    starts_on: datetime.date,
    ends_on: datetime.date,
    qualifications: list[str],
    note: str = "",
) -> Partnership:
    """Take a verified KIM on as a partner for a period, after the qualification
    assessment: all seven qualifications a–g must be met."""
    errors: dict = {}
    met = list(dict.fromkeys(qualifications or ()))
    unknown = [q for q in met if q not in Qualification.values]
    if unknown:
        errors["qualifications"] = [
            _("Kualifikasi tidak dikenal: %(names)s.") % {"names": ", ".join(unknown)}
        ]
    else:
        missing = [
            str(Qualification(q).label) for q in Qualification.values if q not in met
        ]
        if missing:
            errors["qualifications"] = [
                _("Kualifikasi kemitraan belum terpenuhi: %(names)s.")
                % {"names": "; ".join(missing)}
            ]
    if not starts_on:
        errors["starts_on"] = [_("Tanggal mulai wajib diisi.")]
    if not ends_on:
        errors["ends_on"] = [_("Tanggal berakhir wajib diisi.")]
    elif starts_on and ends_on <= starts_on:
        errors["ends_on"] = [_("Tanggal berakhir harus setelah tanggal mulai.")]
    with transaction.atomic():
        kim = lock_kim(kim)
        kim_guard(started_by, "registry.start_partnership", kim=kim)
        refuse_while_under_review(kim, _("KIM ini sedang dalam peninjauan."))
        if errors:
            raise ValidationError(errors)
        return Partnership.objects.create(
            kim=kim,
            starts_on=starts_on,
            ends_on=ends_on,
            qualifications=[q for q in Qualification.values if q in met],
            assessment_note=(note or "").strip(),
            created_by=started_by,
        )


def partnerships_end_expired(*, today: datetime.date) -> int:
    """Active partnerships whose period is over end on their last day. One under review
    waits for the review's decision."""
    with transaction.atomic():
        return Partnership.objects.filter(
            status=PartnershipStatus.ACTIVE, ends_on__lt=today
        ).update(status=PartnershipStatus.ENDED, closed_on=F("ends_on"))

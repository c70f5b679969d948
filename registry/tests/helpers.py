"""Helpers shared by the registry's service tests."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from registry.tests.factories import (
    ALL_QUALIFICATIONS,
    ALL_REQUIREMENTS_PASSED,
    pdf_upload,
)

OTHER_KAB_MALANG_VILLAGE = "35.07.01.2002"  # Banjarejo, Donomulyo
KAB_MALANG_DISTRICT = "35.07.01"
PARTNERSHIP_PERIOD = (datetime.date(2026, 1, 1), datetime.date(2031, 12, 31))


def year_now() -> int:
    return timezone.localtime(timezone.now(), ZoneInfo("Asia/Jakarta")).year


def messages_of(exc_info) -> str:
    return " ".join(exc_info.value.messages)


def failed(requirement, note="Tidak ada"):
    return {**ALL_REQUIREMENTS_PASSED, requirement: (False, note)}


def letter(name="keputusan.pdf"):
    return pdf_upload(name)


def start_partnership(*, kim, user):
    """A partnership of `kim` over PARTNERSHIP_PERIOD meeting every qualification,
    started by `user` through the service."""
    from registry.services import partnership_start

    return partnership_start(
        kim=kim,
        started_by=user,
        starts_on=PARTNERSHIP_PERIOD[0],
        ends_on=PARTNERSHIP_PERIOD[1],
        qualifications=ALL_QUALIFICATIONS,
    )

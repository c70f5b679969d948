"""Dates as the Dinas counts them: in Jakarta time, whatever the server runs in."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

JAKARTA = ZoneInfo("Asia/Jakarta")


def today_in_jakarta() -> datetime.date:
    return timezone.localtime(timezone.now(), JAKARTA).date()

"""Periods of the effectiveness numbers: a month (`2026-11`), a quarter (`2026-Q3`) or a
year (`2026`), parsed strictly so that bad input is a clear 400, never a 500."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from kimportal.core.charts import month_label
from kimportal.core.dates import today_in_jakarta

PERIOD_RE = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})|Q(?P<quarter>[1-4])))?$", re.ASCII
)
FIRST_YEAR = 2000
ROMAN = ("I", "II", "III", "IV")


class PeriodError(ValueError):
    """A period that cannot be read; the message is Indonesian and shown to the user."""


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    key: str
    kind: str  # month | quarter | year
    start: datetime.date  # first day of the first month
    end: datetime.date  # first day after the period

    @property
    def label(self) -> str:
        if self.kind == "month":
            return month_label(self.start)
        if self.kind == "quarter":
            quarter = (self.start.month - 1) // 3
            return _("Triwulan %(q)s %(year)s") % {
                "q": ROMAN[quarter],
                "year": self.start.year,
            }
        return str(self.start.year)

    @property
    def last_month(self) -> datetime.date:
        return add_months(self.end, -1)

    def months(self) -> list[datetime.date]:
        months, month = [], self.start
        while month < self.end:
            months.append(month)
            month = next_month(month)
        return months

    def month_keys(self) -> list[str]:
        return [f"{m:%Y-%m}" for m in self.months()]


def parse_period(text: str | None, *, today: datetime.date | None = None) -> Period:
    """`2026-11`, `2026-Q3` or `2026`; empty means the current year. Years from 2000 to
    next year are accepted."""
    today = today or today_in_jakarta()
    text = (text or "").strip() or str(today.year)
    match = PERIOD_RE.match(text)
    if not match:
        raise PeriodError(
            _(
                "Periode tidak dikenal: gunakan format 2026-11 (bulan), 2026-Q3 (triwulan) atau 2026 (tahun)."
            )
        )
    year = int(match["year"])
    if not FIRST_YEAR <= year <= today.year + 1:
        raise PeriodError(
            _("Tahun periode harus antara %(first)s dan %(last)s.")
            % {"first": FIRST_YEAR, "last": today.year + 1}
        )
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise PeriodError(_("Bulan periode harus 01 sampai 12."))
        start = datetime.date(year, month, 1)
        return Period(text, "month", start, next_month(start))
    if match["quarter"]:
        start = datetime.date(year, (int(match["quarter"]) - 1) * 3 + 1, 1)
        return Period(text, "quarter", start, add_months(start, 3))
    start = datetime.date(year, 1, 1)
    return Period(text, "year", start, datetime.date(year + 1, 1, 1))


def trend_months(period: Period, *, length: int = 12) -> list[datetime.date]:
    """The months a trend chart shows: the period's own when it has several, else the
    `length` months ending with it."""
    if period.kind == "year":
        return period.months()
    last = period.last_month
    return [add_months(last, -i) for i in range(length - 1, -1, -1)]

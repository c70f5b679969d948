"""Assessment periods: a quarter, a semester or a year, named by a short key.

Keys sort as text within one kind and read well in URLs: `2026-Q3`, `2026-S2`, `2026`.
An office chooses one kind (MappingSetting.period_kind); the previous period is the one of
the same kind just before, so that the grid can draw how a KIM moved.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", gettext_lazy("Triwulan")
    SEMESTER = "semester", gettext_lazy("Semester")
    YEAR = "year", gettext_lazy("Tahun")


_MONTHS_PER = {PeriodKind.QUARTER: 3, PeriodKind.SEMESTER: 6, PeriodKind.YEAR: 12}
_PREFIX = {PeriodKind.QUARTER: "Q", PeriodKind.SEMESTER: "S"}
_KEY = re.compile(r"^(?P<year>\d{4})(?:-(?P<letter>[QS])(?P<index>\d))?$")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    index: int  # 1-based within the year; 1 for a year
    kind: str

    @property
    def key(self) -> str:
        if self.kind == PeriodKind.YEAR:
            return str(self.year)
        return f"{self.year}-{_PREFIX[self.kind]}{self.index}"

    @property
    def start(self) -> datetime.date:
        months = _MONTHS_PER[self.kind]
        return datetime.date(self.year, (self.index - 1) * months + 1, 1)

    @property
    def end(self) -> datetime.date:
        """The last day of the period (inclusive)."""
        return self.next().start - datetime.timedelta(days=1)

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.QUARTER:
            return _("Triwulan %(i)s %(y)s") % {"i": self.index, "y": self.year}
        if self.kind == PeriodKind.SEMESTER:
            return _("Semester %(i)s %(y)s") % {"i": self.index, "y": self.year}
        return _("Tahun %(y)s") % {"y": self.year}

    def previous(self) -> Period:
        if self.index > 1:
            return Period(self.year, self.index - 1, self.kind)
        return Period(self.year - 1, 12 // _MONTHS_PER[self.kind], self.kind)

    def next(self) -> Period:
        if self.index < 12 // _MONTHS_PER[self.kind]:
            return Period(self.year, self.index + 1, self.kind)
        return Period(self.year + 1, 1, self.kind)

    def __str__(self) -> str:
        return self.key


def period_containing(day: datetime.date, kind: str) -> Period:
    """The period of `kind` that `day` falls in."""
    months = _MONTHS_PER[PeriodKind(kind)]
    return Period(day.year, (day.month - 1) // months + 1, PeriodKind(kind).value)


def period_parse(key: str | None) -> Period:
    """A period from its key; ValidationError (Indonesian) for anything else."""
    match = _KEY.match((key or "").strip())
    if not match:
        raise ValidationError(
            _("Periode tidak dikenal. Contoh: 2026-Q3, 2026-S2 atau 2026."),
            code="invalid_period",
        )
    year = int(match["year"])
    if match["letter"] is None:
        return Period(year, 1, PeriodKind.YEAR.value)
    kind = PeriodKind.QUARTER if match["letter"] == "Q" else PeriodKind.SEMESTER
    index = int(match["index"])
    if not 1 <= index <= 12 // _MONTHS_PER[kind] or not 2000 <= year <= 2100:
        raise ValidationError(
            _("Periode tidak dikenal. Contoh: 2026-Q3, 2026-S2 atau 2026."),
            code="invalid_period",
        )
    return Period(year, index, kind.value)


def recent_periods(today: datetime.date, kind: str, count: int = 6) -> list[Period]:
    """The current period and the `count - 1` before it, newest first."""
    periods = [period_containing(today, kind)]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return periods

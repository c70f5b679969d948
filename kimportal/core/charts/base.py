"""Shared pieces of the charts: the chart and its table, number formatting, geometry."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

MONTHS_ID = (
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun",
    "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
)  # fmt: skip
PALETTE_SIZE = 8  # classes f0…f7 / k0…k7 in static/css/app.css
LABEL_CHARS = 24
FONT = 13  # text height in viewBox units; the SVGs are ~400 wide, so phones keep it legible


def month_label(month: date) -> str:
    """`date(2026, 3, 1)` → "Mar 2026"."""
    return f"{MONTHS_ID[month.month - 1]} {month.year}"


def fmt_number(value: float | int | None) -> str:
    """Indonesian grouping: 12.345 and 12,5; "–" for a value not measured."""
    if value is None:
        return "–"
    if isinstance(value, float) and -999 < value < 999:
        # No grouping below a thousand (scores, percentages: a grid's every dot).
        if value.is_integer():
            return str(int(value))
        return f"{value:.1f}".replace(".", ",")
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.1f}"
    else:
        text = f"{int(value):,}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _short(label: str, limit: int = LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _r(value: float) -> float | int:
    """Coordinates with at most one decimal keep the markup small."""
    rounded = round(float(value), 1)
    return int(rounded) if rounded.is_integer() else rounded


def _nice_step(value: float) -> float:
    """The smallest 1/2/5 × 10^k that is at least `value`."""
    if value <= 0:
        return 1
    exponent = 10 ** math.floor(math.log10(value))
    for factor in (1, 2, 5, 10):
        if factor * exponent >= value:
            step = factor * exponent
            return int(step) if step >= 1 else step
    return 10 * exponent  # pragma: no cover - the loop always returns


def _safe_href(href: str | None) -> str | None:
    # Links come from reverse(); anything not site-relative is dropped rather than
    # trusted, so a chart can never carry a javascript: or foreign URL.
    if href and href.startswith("/") and not href.startswith("//"):
        return href
    return None


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]


@dataclass
class Chart:
    kind: str
    chart_id: str
    title: str
    desc: str
    width: int
    height: int
    table: Table
    empty: bool = False
    shapes: dict[str, Any] = field(default_factory=dict)
    # The SVG's inner markup when the builder draws it itself (escaped there): a chart
    # of a thousand dots is string building, not a thousand template includes.
    body: SafeString | None = None
    # An SVG holding links is a group of links, not an image: role="img" makes its
    # children presentational, and links in it fail axe's nested-interactive rule.
    has_links: bool = False


def _chart_id(kind: str, title: str, key: str | None) -> str:
    if key:
        return f"ch-{key}"
    digest = hashlib.blake2s(f"{kind}|{title}".encode(), digest_size=4).hexdigest()
    return f"ch-{digest}"


def _empty(kind: str, title: str, key: str | None) -> Chart:
    return Chart(
        kind=kind,
        chart_id=_chart_id(kind, title, key),
        title=title,
        desc=_("Belum ada data"),
        width=0,
        height=0,
        table=Table(title, [], []),
        empty=True,
    )


def _has_data(values) -> bool:
    return any(v for v in values if v is not None)

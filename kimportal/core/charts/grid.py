"""The quadrant grid (interest × power, with arrows from the previous period) and the
funnel of a loop whose later steps may not be measured yet."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape as html_escape

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .base import (
    Chart,
    Table,
    _chart_id,
    _empty,
    _has_data,
    _r,
    _safe_href,
    _short,
    fmt_number,
)

QUADRANTS = ("hh", "lh", "hl", "ll")  # x high/low, then y high/low


@dataclass(frozen=True)
class ScatterPoint:
    label: str
    x: float
    y: float
    from_x: float | None = None
    from_y: float | None = None
    href: str | None = None


def quadrant_of(x: float, y: float, x_split: float, y_split: float) -> str:
    """A value on the split counts as high, as mapping's thresholds do."""
    return ("h" if x >= x_split else "l") + ("h" if y >= y_split else "l")


def _arrow(x1: float, y1: float, x2: float, y2: float) -> dict:
    """A line that stops short of the target dot, so the arrowhead stays visible."""
    length = math.hypot(x2 - x1, y2 - y1)
    gap = 7 if length > 10 else 0
    return {
        "x1": x1,
        "y1": y1,
        "x2": _r(x2 - (x2 - x1) * gap / length) if length else x2,
        "y2": _r(y2 - (y2 - y1) * gap / length) if length else y2,
    }


def scatter_chart(
    *,
    title: str,
    points: Sequence[ScatterPoint],
    x_title: str,
    y_title: str,
    x_split: float,
    y_split: float,
    x_max: float = 100,
    y_max: float = 100,
    quadrant_labels: Mapping[str, str] | None = None,
    label_title: str | None = None,
    max_point_labels: int = 25,
    table: str = "points",
    key: str | None = None,
) -> Chart:
    """Points on a grid split into four quadrants; a point with a previous position
    gets an arrow from there, so movement between periods is visible.

    The SVG is built here as one string (a kab/kota grid has over a thousand dots).
    `table="points"` gives a row per point as the table alternative; `"quadrants"` the
    count per quadrant, for a page that lists the points in a table of its own."""
    if not points:
        return _empty("scatter", title, key)
    names = dict(quadrant_labels or {})
    for code in QUADRANTS:
        names.setdefault(code, code)
    chart_id = _chart_id("scatter", title, key)
    geometry = _ScatterGeometry(x_max, y_max, x_split, y_split)
    counts = dict.fromkeys(QUADRANTS, 0)
    with_labels = len(points) <= max_point_labels
    label_edge = geometry.right_edge * 0.8
    px, py = geometry.px, geometry.py
    arrows, dots, rows = [], [], []
    # The loop runs once per KIM of a kab/kota (over a thousand, twice per page):
    # it keeps to local names and plain calls.
    for point in points:
        quadrant = quadrant_of(point.x, point.y, x_split, y_split)
        counts[quadrant] += 1
        x, y = px(point.x), py(point.y)
        moved = point.from_x is not None and point.from_y is not None
        if moved and (point.from_x, point.from_y) != (point.x, point.y):
            arrows.append(
                _arrow_svg(_arrow(px(point.from_x), py(point.from_y), x, y), chart_id)
            )
        dots.append(_dot_svg(point, x, y, with_labels, end=x > label_edge))
        if table == "points":
            previous = (
                f"{fmt_number(point.from_x)} × {fmt_number(point.from_y)}"
                if moved
                else "–"
            )
            rows.append(
                [point.label, fmt_number(point.x), fmt_number(point.y),
                 names[quadrant], previous]
            )  # fmt: skip
    desc = "; ".join(f"{names[code]}: {counts[code]}" for code in QUADRANTS)
    if table == "points":
        headers = [label_title or _("Nama"), x_title, y_title, _("Kuadran"),
                   _("Sebelumnya")]  # fmt: skip
    else:
        headers = [_("Kuadran"), _("Jumlah")]
        rows = [[names[code], fmt_number(counts[code])] for code in QUADRANTS]
    body = geometry.frame(chart_id, names, x_title, y_title)
    body += "".join(arrows) + "".join(dots)
    return Chart(
        "scatter", chart_id, title, desc, geometry.width, geometry.height,
        Table(title, headers, rows), body=mark_safe(body),  # noqa: S308 - escaped
        has_links=any(p.href and _safe_href(p.href) for p in points),
    )  # fmt: skip


class _ScatterGeometry:
    width = height = 400
    left, bottom, top, right = 44, 40, 8, 8

    def __init__(self, x_max: float, y_max: float, x_split: float, y_split: float):
        self.x_max, self.y_max = x_max, y_max
        self.plot_w = self.width - self.left - self.right
        self.plot_h = self.height - self.top - self.bottom
        self.right_edge = self.left + self.plot_w
        self.base = self.top + self.plot_h
        self.x_split, self.y_split = x_split, y_split

    def px(self, x: float) -> float:
        return _r(self.left + min(max(x, 0), self.x_max) / self.x_max * self.plot_w)

    def py(self, y: float) -> float:
        return _r(
            self.top
            + self.plot_h
            - min(max(y, 0), self.y_max) / self.y_max * self.plot_h
        )

    def frame(self, chart_id: str, names: dict, x_title: str, y_title: str) -> str:
        """Arrowhead, quadrants, split lines, ticks and axis titles."""
        left, top, right, base = self.left, self.top, self.right_edge, self.base
        sx, sy = self.px(self.x_split), self.py(self.y_split)
        parts = [
            f'<defs><marker id="{chart_id}-a" viewBox="0 0 10 10" refX="9" refY="5" '
            'markerWidth="7" markerHeight="7" orient="auto"><path class="arrowhead" '
            'd="M0 0L10 5L0 10z"/></marker></defs>'
        ]
        for code, x, y, w, h, lx, ly, end in (
            ("lh", left, top, sx - left, sy - top, left + 4, top + 14, False),
            ("hh", sx, top, right - sx, sy - top, right - 4, top + 14, True),
            ("ll", left, sy, sx - left, base - sy, left + 4, base - 6, False),
            ("hl", sx, sy, right - sx, base - sy, right - 4, base - 6, True),
        ):
            anchor = ' text-anchor="end"' if end else ""
            parts.append(
                f'<rect class="q-{code}" x="{x}" y="{y}" width="{_r(w)}" '
                f'height="{_r(h)}"/><text class="ql" x="{lx}" y="{ly}"{anchor}>'
                f"{escape(names[code])}</text>"
            )
        parts.append(
            f'<line class="split" x1="{sx}" x2="{sx}" y1="{top}" y2="{base}"/>'
            f'<line class="split" x1="{left}" x2="{right}" y1="{sy}" y2="{sy}"/>'
        )
        for v in (0, self.x_split, self.x_max):
            parts.append(
                f'<text class="ax" x="{self.px(v)}" y="{base}" dy="14" '
                f'text-anchor="middle">{fmt_number(v)}</text>'
            )
        for v in (0, self.y_split, self.y_max):
            parts.append(
                f'<text class="ax" x="{left}" y="{self.py(v)}" dx="-4" dy="4" '
                f'text-anchor="end">{fmt_number(v)}</text>'
            )
        xt_x, xt_y = _r(left + self.plot_w / 2), self.height - 8
        yt_x, yt_y = 12, _r(top + self.plot_h / 2)
        parts.append(
            f'<text class="axt" x="{xt_x}" y="{xt_y}" text-anchor="middle">'
            f"{escape(x_title)}</text>"
            f'<text class="axt" transform="rotate(-90 {yt_x} {yt_y})" x="{yt_x}" '
            f'y="{yt_y}" text-anchor="middle">{escape(y_title)}</text>'
        )
        return "".join(parts)


def _arrow_svg(a: dict, chart_id: str) -> str:
    return (
        f'<line class="arrow" x1="{a["x1"]}" y1="{a["y1"]}" x2="{a["x2"]}" '
        f'y2="{a["y2"]}" marker-end="url(#{chart_id}-a)"/>'
    )


def _dot_svg(point: ScatterPoint, x, y, with_label: bool, *, end: bool) -> str:
    """A dot with its tooltip (and its short label on a small grid); a link, named by
    the tooltip, when the point has a site-relative href. Escaped with html.escape,
    which is what django.utils.html.escape calls, without its lazy-string wrapper
    (a thousand dots a chart)."""
    tip = html_escape(f"{point.label}: {fmt_number(point.x)} × {fmt_number(point.y)}")
    dot = f'<circle class="dot" cx="{x}" cy="{y}" r="5"><title>{tip}</title></circle>'
    if with_label:
        anchor = ' text-anchor="end"' if end else ""
        dot += (
            f'<text class="pl" x="{x}" y="{y}" dx="{-8 if end else 8}" dy="4"{anchor}>'
            f"{escape(_short(point.label, 18))}</text>"
        )
    href = _safe_href(point.href)
    if href:
        dot = f'<a href="{html_escape(href)}" aria-label="{tip}">{dot}</a>'
    return dot


@dataclass(frozen=True)
class FunnelStep:
    label: str
    value: float | int | None  # None: this step is not measured (yet)
    # A step counted in another unit (clicks, answers) is not a share of the first
    # step: it gets its number and a full-width bar of its own colour, no percentage.
    relative: bool = True


def funnel_chart(
    *, title: str, steps: Sequence[FunnelStep], key: str | None = None
) -> Chart:
    """The steps of a loop as centred bars, each with its share of the first measured
    step; an unmeasured step is drawn as a dashed outline saying so."""
    if not _has_data(s.value for s in steps):
        return _empty("funnel", title, key)
    width, label_w, value_w, row = 400, 112, 92, 26
    bar_w = width - label_w - value_w
    measured = [s for s in steps if s.relative and s.value is not None]
    first = measured[0] if measured else next(s for s in steps if s.value is not None)
    base = first.value or max((s.value or 0 for s in measured), default=0) or 1
    peak = max(max((s.value or 0 for s in measured), default=0), base)
    rows, table_rows = [], []
    length: float
    for i, step in enumerate(steps):
        own = not step.relative and step.value is not None
        if step.value is None or own:
            percent = "–"
            length = bar_w
        else:
            percent = f"{fmt_number(round(step.value / base * 100, 1))} %"
            length = max(step.value / peak * bar_w, 1 if step.value else 0)
        rows.append(
            {"ty": i * row + 17, "by": i * row + 4, "label": _short(step.label, 16),
             "full": step.label, "own": own,
             "x": _r(label_w + (bar_w - length) / 2), "w": _r(length),
             "missing": step.value is None, "value": fmt_number(step.value),
             "percent": percent}
        )  # fmt: skip
        table_rows.append(
            [step.label, fmt_number(step.value) if step.value is not None
             else _("belum ada data"), percent]
        )  # fmt: skip
    desc = "; ".join(
        f"{s.label} {fmt_number(s.value) if s.value is not None else _('belum ada data')}"
        for s in steps
    )
    table = Table(
        title,
        [_("Tahap"), _("Jumlah"), _("Dari %(step)s") % {"step": first.label}],
        table_rows,
    )
    return Chart(
        "funnel", _chart_id("funnel", title, key), title, desc, width,
        len(steps) * row + 4, table,
        shapes={"rows": rows, "label_x": label_w - 6, "mid": label_w + bar_w / 2,
                "value_x": label_w + bar_w + 6},
    )  # fmt: skip

"""The quadrant grid (interest × power, with arrows from the previous period) and the
funnel of a loop whose later steps may not be measured yet."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

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
    key: str | None = None,
) -> Chart:
    """Points on a grid split into four quadrants; a point with a previous position
    gets an arrow from there, so movement between periods is visible."""
    if not points:
        return _empty("scatter", title, key)
    names = dict(quadrant_labels or {})
    for code in QUADRANTS:
        names.setdefault(code, code)
    width = height = 400
    left, bottom, top, right = 44, 40, 8, 8
    plot_w, plot_h = width - left - right, height - top - bottom

    def px(x: float) -> float:
        return _r(left + min(max(x, 0), x_max) / x_max * plot_w)

    def py(y: float) -> float:
        return _r(top + plot_h - min(max(y, 0), y_max) / y_max * plot_h)

    sx, sy = px(x_split), py(y_split)
    right_edge, base = left + plot_w, top + plot_h
    quadrants = [
        {"cls": "q-lh", "x": left, "y": top, "w": sx - left, "h": sy - top,
         "label": names["lh"], "lx": left + 4, "ly": top + 14, "end": False},
        {"cls": "q-hh", "x": sx, "y": top, "w": right_edge - sx, "h": sy - top,
         "label": names["hh"], "lx": right_edge - 4, "ly": top + 14, "end": True},
        {"cls": "q-ll", "x": left, "y": sy, "w": sx - left, "h": base - sy,
         "label": names["ll"], "lx": left + 4, "ly": base - 6, "end": False},
        {"cls": "q-hl", "x": sx, "y": sy, "w": right_edge - sx, "h": base - sy,
         "label": names["hl"], "lx": right_edge - 4, "ly": base - 6, "end": True},
    ]  # fmt: skip
    dots, arrows, rows = [], [], []
    counts = dict.fromkeys(QUADRANTS, 0)
    with_labels = len(points) <= max_point_labels
    for point in points:
        quadrant = quadrant_of(point.x, point.y, x_split, y_split)
        counts[quadrant] += 1
        x, y = px(point.x), py(point.y)
        from_x, from_y = point.from_x, point.from_y
        moved = from_x is not None and from_y is not None
        if (
            from_x is not None
            and from_y is not None
            and (from_x, from_y) != (point.x, point.y)
        ):
            arrows.append(_arrow(px(from_x), py(from_y), x, y))
        dots.append(
            {"x": x, "y": y, "label": _short(point.label, 18) if with_labels else "",
             "href": _safe_href(point.href), "end": x > left + plot_w * 0.8,
             "tip": f"{point.label}: {fmt_number(point.x)} × {fmt_number(point.y)}"}
        )  # fmt: skip
        previous = (
            f"{fmt_number(point.from_x)} × {fmt_number(point.from_y)}" if moved else "–"
        )
        rows.append(
            [point.label, fmt_number(point.x), fmt_number(point.y), names[quadrant],
             previous]
        )  # fmt: skip
    desc = "; ".join(f"{names[code]}: {counts[code]}" for code in QUADRANTS)
    table = Table(
        title,
        [label_title or _("Nama"), x_title, y_title, _("Kuadran"), _("Sebelumnya")],
        rows,
    )
    return Chart(
        "scatter", _chart_id("scatter", title, key), title, desc, width, height, table,
        shapes={"quadrants": quadrants, "dots": dots, "arrows": arrows, "sx": sx,
                "sy": sy, "left": left, "top": top, "right": right_edge, "base": base,
                "x_title": x_title, "y_title": y_title, "xt_x": left + plot_w / 2,
                "xt_y": height - 8, "yt_x": 12, "yt_y": top + plot_h / 2,
                "ticks_x": [{"x": px(v), "label": fmt_number(v)}
                            for v in (0, x_split, x_max)],
                "ticks_y": [{"y": py(v), "label": fmt_number(v)}
                            for v in (0, y_split, y_max)]},
    )  # fmt: skip


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

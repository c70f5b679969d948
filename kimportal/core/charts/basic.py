"""Trend, ranking and share charts (see the package docstring)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .base import (
    PALETTE_SIZE,
    Chart,
    Table,
    _chart_id,
    _empty,
    _has_data,
    _nice_step,
    _r,
    _safe_href,
    _short,
    fmt_number,
)


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | int | None]


def line_chart(
    *,
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    x_title: str | None = None,
    area: bool = False,
    key: str | None = None,
) -> Chart:
    """A trend: one line per series over the `labels` (usually months)."""
    if not labels or not any(_has_data(s.values) for s in series):
        return _empty("line", title, key)
    width, left, right, top, bottom = 400, 44, 24, 10, 26
    if len(series) > 1:
        top = 28
    height = 200 + top
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(v for s in series for v in s.values if v is not None)
    step = _nice_step(peak / 4)
    ymax = step * 4
    count = len(labels)

    def x_at(i: int) -> float:
        return left + (plot_w / 2 if count == 1 else i * plot_w / (count - 1))

    def y_at(v: float) -> float:
        return top + plot_h - v / ymax * plot_h

    ticks = [{"y": _r(y_at(i * step)), "label": fmt_number(i * step)} for i in range(5)]
    # Four or five axis labels fit a phone; the table has every month.
    every = max(1, math.ceil(count / 4))
    xlabels = [{"x": _r(x_at(i)), "label": labels[i]} for i in range(0, count, every)]
    lines = []
    for index, one in enumerate(series):
        path, pen_down, dots = [], False, []
        for i, value in enumerate(one.values):
            if value is None:
                pen_down = False
                continue
            x, y = _r(x_at(i)), _r(y_at(value))
            path.append(f"{'L' if pen_down else 'M'}{x} {y}")
            pen_down = True
            if count <= 24:
                dots.append(
                    {"x": x, "y": y, "tip": f"{labels[i]}: {fmt_number(value)}"}
                )
        d = "".join(path)
        fill = None
        if area and len(series) == 1 and None not in one.values and count > 1:
            base = _r(y_at(0))
            fill = f"{d}L{_r(x_at(count - 1))} {base}L{_r(x_at(0))} {base}Z"
        lines.append(
            {"d": d, "area": fill, "dots": dots, "c": index % PALETTE_SIZE,
             "name": one.name, "legend_x": left + index * 130}
        )  # fmt: skip
    first = series[0]
    known = [(v, labels[i]) for i, v in enumerate(first.values) if v is not None]
    high, low = max(known), min(known)
    desc = _(
        "%(name)s dari %(start)s sampai %(end)s; tertinggi %(high)s (%(high_at)s), "
        "terendah %(low)s (%(low_at)s)."
    ) % {
        "name": first.name,
        "start": labels[0],
        "end": labels[-1],
        "high": fmt_number(high[0]),
        "high_at": high[1],
        "low": fmt_number(low[0]),
        "low_at": low[1],
    }
    table = Table(
        title,
        [x_title or _("Bulan"), *[s.name for s in series]],
        [
            [label, *[fmt_number(s.values[i]) for s in series]]
            for i, label in enumerate(labels)
        ],
    )
    return Chart(
        "line", _chart_id("line", title, key), title, desc, width, height, table,
        shapes={"ticks": ticks, "xlabels": xlabels, "lines": lines, "left": left,
                "right": width - right, "legend": len(series) > 1,
                "xbase": height - 8},
    )  # fmt: skip


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | int
    href: str | None = None


def bar_chart(
    *,
    title: str,
    bars: Sequence[Bar],
    value_title: str,
    label_title: str,
    limit: int = 10,
    sort: bool = True,
    key: str | None = None,
) -> Chart:
    """A ranking: the `limit` largest values as horizontal bars."""
    items = sorted(bars, key=lambda b: (-b.value, b.label)) if sort else list(bars)
    items = items[:limit]
    if not _has_data(b.value for b in items):
        return _empty("bar", title, key)
    width, label_w, value_w, row = 400, 170, 48, 24
    bar_w = width - label_w - value_w
    peak = max(b.value for b in items)
    rows = []
    for i, item in enumerate(items):
        length = item.value / peak * bar_w if peak else 0
        rows.append(
            {"ty": i * row + 16, "by": i * row + 5, "label": _short(item.label, 21),
             "full": item.label,
             "href": _safe_href(item.href), "w": _r(max(length, 1 if item.value else 0)),
             "value": fmt_number(item.value), "vx": _r(label_w + length + 4)}
        )  # fmt: skip
    desc = _("%(count)s teratas; tertinggi %(label)s dengan %(value)s.") % {
        "count": len(items),
        "label": items[0].label,
        "value": fmt_number(items[0].value),
    }
    table = Table(
        title,
        [label_title, value_title],
        [[b.label, fmt_number(b.value)] for b in items],
    )
    return Chart(
        "bar", _chart_id("bar", title, key), title, desc, width, len(items) * row + 4,
        table, shapes={"rows": rows, "label_x": label_w - 6, "bar_x": label_w},
        has_links=any(r["href"] for r in rows),
    )  # fmt: skip


def share_chart(
    *,
    title: str,
    parts: Sequence[tuple[str, float | int]],
    label_title: str,
    value_title: str,
    max_parts: int = 6,
    key: str | None = None,
) -> Chart:
    """Shares of a whole as one stacked 100 % bar; small parts are folded into
    "Lainnya" so the legend stays readable."""
    items = sorted((p for p in parts if p[1]), key=lambda p: (-p[1], p[0]))
    if not items:
        return _empty("share", title, key)
    if len(items) > max_parts:
        rest = sum(v for _label, v in items[max_parts - 1 :])
        items = [*items[: max_parts - 1], (_("Lainnya"), rest)]
    total = sum(v for _label, v in items)
    width, bar_h, legend_row = 400, 28, 20
    x, segments = 0.0, []
    for i, (label, value) in enumerate(items):
        share = value / total
        percent = f"{fmt_number(round(share * 100, 1))} %"
        segments.append(
            {"x": _r(x), "w": _r(share * width), "c": i % PALETTE_SIZE,
             "label": label, "short": _short(label, 30), "percent": percent,
             "value": fmt_number(value), "ly": bar_h + 10 + i * legend_row}
        )  # fmt: skip
        x += share * width
    desc = ", ".join(f"{s['label']} {s['percent']}" for s in segments)
    table = Table(
        title,
        [label_title, value_title, _("Bagian")],
        [[str(s["label"]), str(s["value"]), str(s["percent"])] for s in segments],
    )
    height = bar_h + 10 + len(items) * legend_row
    return Chart(
        "share", _chart_id("share", title, key), title, desc, width, height, table,
        shapes={"segments": segments, "bar_h": bar_h},
    )  # fmt: skip

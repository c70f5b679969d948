"""The mapping grid as server-rendered SVG (no script, no CDN): interest on the x axis,
power or influence on the y axis, the office's thresholds splitting the four quadrants
of Tabel 3.3, one dot per KIM and an arrow from its position in the previous period.

Each dot is a link (keyboard-focusable in SVG) with a <title>, so a screen reader or a
keyboard user reaches every KIM; the page also offers the same points as a table.
WeasyPrint draws the same SVG in the PDF report, so arrowheads are plain polygons
rather than markers.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .choices import Approach

SIZE = 320
PAD = 36  # room for the axis labels
PLOT = SIZE - PAD - 8
MAX_POINTS = 1500  # beyond this a national grid stays readable and light

COLOURS = {
    Approach.PARTNER: "#1b7f3b",
    Approach.PERSUADE: "#b35c00",
    Approach.DEVELOP: "#1f5fa8",
    Approach.MONITOR: "#6b6b6b",
}


def _x(score: float) -> float:
    return round(PAD + PLOT * score / 100.0, 1)


def _y(score: float) -> float:
    return round(8 + PLOT * (1 - score / 100.0), 1)


def _arrow(x1, y1, x2, y2) -> str:
    """A line from the previous to the current position with a triangular head that
    stops at the dot's edge."""
    length = math.hypot(x2 - x1, y2 - y1)
    if length < 6:
        return ""
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    tip_x, tip_y = x2 - ux * 5, y2 - uy * 5
    base_x, base_y = tip_x - ux * 6, tip_y - uy * 6
    left = (base_x - uy * 3, base_y + ux * 3)
    right = (base_x + uy * 3, base_y - ux * 3)
    return (
        f'<line x1="{x1}" y1="{y1}" x2="{base_x:.1f}" y2="{base_y:.1f}" '
        f'stroke="#999" stroke-width="1" stroke-dasharray="3 2"/>'
        f'<polygon points="{tip_x:.1f},{tip_y:.1f} {left[0]:.1f},{left[1]:.1f} '
        f'{right[0]:.1f},{right[1]:.1f}" fill="#999"/>'
    )


def grid_svg(
    points: list[dict],
    *,
    y_dimension: str,
    thresholds: dict[str, float],
    link_for: Callable[[dict], str] | None = None,
    title: str = "",
) -> SafeString:
    """The SVG for `points` (see selectors.grid_points); `y_dimension` is "power" or
    "influence". KIM without a score on either axis are not drawn (listed instead)."""
    y_label = _("Kekuatan") if y_dimension == "power" else _("Pengaruh")
    tx = _x(float(thresholds.get("interest", 50)))
    ty = _y(float(thresholds.get(y_dimension, 50)))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" '
        f'class="grid-svg" role="group" aria-labelledby="grid-title-{y_dimension}" '
        f'font-family="DejaVu Sans, sans-serif" font-size="9">',
        format_html(
            '<title id="grid-title-{}">{}</title>',
            y_dimension,
            title or _("Ketertarikan × %(y)s") % {"y": y_label},
        ),
        f'<rect x="{PAD}" y="8" width="{PLOT}" height="{PLOT}" fill="#fafafa" '
        f'stroke="#444"/>',
        f'<line x1="{tx}" y1="8" x2="{tx}" y2="{8 + PLOT}" stroke="#444" '
        f'stroke-dasharray="4 3"/>',
        f'<line x1="{PAD}" y1="{ty}" x2="{PAD + PLOT}" y2="{ty}" stroke="#444" '
        f'stroke-dasharray="4 3"/>',
    ]
    for approach, x, y, anchor in (
        (Approach.PERSUADE, PAD + 4, 18, "start"),
        (Approach.PARTNER, PAD + PLOT - 4, 18, "end"),
        (Approach.MONITOR, PAD + 4, PLOT + 2, "start"),
        (Approach.DEVELOP, PAD + PLOT - 4, PLOT + 2, "end"),
    ):
        parts.append(
            f'<text x="{x}" y="{y}" text-anchor="{anchor}" fill="{COLOURS[approach]}" '
            f'font-weight="bold">{escape(Approach(approach).label)}</text>'
        )
    parts.append(
        f'<text x="{PAD + PLOT / 2}" y="{SIZE - 6}" text-anchor="middle">'
        f"{escape(_('Ketertarikan'))} →</text>"
        f'<text x="10" y="{8 + PLOT / 2}" text-anchor="middle" '
        f'transform="rotate(-90 10 {8 + PLOT / 2})">{escape(y_label)} →</text>'
        f'<text x="{PAD}" y="{PLOT + 20}" text-anchor="middle">0</text>'
        f'<text x="{PAD + PLOT}" y="{PLOT + 20}" text-anchor="middle">100</text>'
    )
    drawn = [
        p for p in points if p["interest"] is not None and p[y_dimension] is not None
    ][:MAX_POINTS]
    for point in drawn:
        x, y = _x(point["interest"]), _y(point[y_dimension])
        before = point.get("previous")
        if (
            before
            and before["interest"] is not None
            and before[y_dimension] is not None
        ):
            parts.append(_arrow(_x(before["interest"]), _y(before[y_dimension]), x, y))
    for point in drawn:
        x, y = _x(point["interest"]), _y(point[y_dimension])
        colour = COLOURS[point["approach"]]
        target = point.get("target_approach")
        ring = ""
        if target and target != point["approach"]:
            ring = (
                f'<circle cx="{x}" cy="{y}" r="8" fill="none" '
                f'stroke="{COLOURS[target]}" stroke-dasharray="2 2"/>'
            )
        label = _("%(name)s: ketertarikan %(i)s, %(yl)s %(y)s — %(a)s") % {
            "name": point["name"],
            "i": _fmt(point["interest"]),
            "yl": y_label.lower(),
            "y": _fmt(point[y_dimension]),
            "a": point["approach_label"],
        }
        dot = (
            f'{ring}<circle cx="{x}" cy="{y}" r="5" fill="{colour}" '
            f'stroke="#fff" stroke-width="1"><title>{escape(label)}</title></circle>'
        )
        if link_for:
            dot = (
                f'<a href="{escape(link_for(point))}" aria-label="{escape(label)}" '
                f'class="grid-dot">{dot}</a>'
            )
        parts.append(dot)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"

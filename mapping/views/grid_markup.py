"""The grid page's lists written as strings: the KIM per quadrant, one page of the table
alternative, and an area's counts per kab/kota.

A kab/kota has over a thousand KIM; rendering their rows through the template (a
`{% url %}`, a few filters and a dozen lookups per row) cost more than the rest of the
page. Every value is escaped here as a template would (conditional_escape).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _


def score(value: float | None) -> str:
    """A 0–100 score as a whole number, rounded half up as `floatformat:0` did."""
    return "—" if value is None else str(math.floor(value + 0.5))


def _position(scores: dict | None) -> str:
    if not scores:
        return "—"
    return " / ".join(score(scores[d]) for d in ("interest", "power", "influence"))


def quadrant_items(points: Iterable[dict], detail_base: str) -> SafeString:
    """The `<li>` of a quadrant's list: a link per KIM, its priority, target and
    whether it moved."""
    prioritised = esc(_("prioritas"))
    moved = esc(_("pindah"))
    items = []
    for p in points:
        item = f'<li><a href="{detail_base}{p["assessment_id"]}/">{esc(p["name"])}</a>'
        if p["is_prioritised"]:
            item += f' <span class="badge">{prioritised}</span>'
        if p["target_label"] and p["target_approach"] != p["approach"]:
            item += f' <small class="muted">→ {esc(p["target_label"])}</small>'
        if p["previous_approach"] and p["previous_approach"] != p["approach"]:
            item += f' <small class="muted">({moved})</small>'
        items.append(item + "</li>")
    if not items:
        items.append('<li class="muted">—</li>')
    return SafeString("".join(items))


def table_rows(points: Iterable[dict], detail_base: str) -> SafeString:
    """The table alternative's rows: scores, quadrant, previous position, target."""
    rows = []
    for p in points:
        rows.append(
            f'<tr><td><a href="{detail_base}{p["assessment_id"]}/">{esc(p["name"])}'
            f"</a></td><td>{score(p['interest'])}</td><td>{score(p['power'])}</td>"
            f"<td>{score(p['influence'])}</td><td>{esc(p['approach_label'])}</td>"
            f"<td>{_position(p['previous'])}</td>"
            f"<td>{esc(p['target_label'] or '—')}</td></tr>"
        )
    return SafeString("".join(rows))


def regency_rows(by_regency: Iterable[dict], period_key: str) -> SafeString:
    """An area's table: per kab/kota its count per quadrant, linking to its grid."""
    period = esc(period_key)
    rows = []
    for r in by_regency:
        cells = "".join(f"<td>{n}</td>" for n in r["cells"])
        rows.append(
            f'<tr><th scope="row"><a href="?period={period}&amp;regency='
            f'{esc(r["code"])}">{esc(r["name"])}</a></th>{cells}'
            f"<td>{r['total']}</td></tr>"
        )
    return SafeString("".join(rows))

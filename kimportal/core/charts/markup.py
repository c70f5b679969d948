"""A chart's markup, written as strings: the figure, its SVG and its table.

A dashboard shows a dozen charts, each with a table; rendering them through templates
cost more than the page's SQL (Django resolves every `{{ }}` of every dot and cell).
Every value is escaped here exactly as a template would: SVG numbers are coordinates and
are not localised, table cells are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .base import Chart


def _e(value: Any) -> str:
    """A value in the SVG (inside `{% localize off %}` in the template this replaced)."""
    return conditional_escape(str(localize(value, use_l10n=False)))


def _cell(value: Any) -> str:
    """A value in the table or caption (localised, as a template would)."""
    return conditional_escape(str(localize(value)))


def _full_title(label: Any, full: Any) -> str:
    return f"<title>{_e(full)}</title>" if label != full else ""


def _line(s: dict) -> str:
    out = []
    for t in s["ticks"]:
        out.append(
            f'<line class="grid" x1="{_e(s["left"])}" x2="{_e(s["right"])}" '
            f'y1="{_e(t["y"])}" y2="{_e(t["y"])}"/><text class="ax" x="{_e(s["left"])}" '
            f'y="{_e(t["y"])}" dx="-4" dy="4" text-anchor="end">{_e(t["label"])}</text>'
        )
    for label in s["xlabels"]:
        out.append(
            f'<text class="ax" x="{_e(label["x"])}" y="{_e(s["xbase"])}" '
            f'text-anchor="middle">{_e(label["label"])}</text>'
        )
    for line in s["lines"]:
        c = _e(line["c"])
        if line["area"]:
            out.append(f'<path class="area f{c}" d="{_e(line["area"])}"/>')
        out.append(f'<path class="line k{c}" d="{_e(line["d"])}"/>')
        for p in line["dots"]:
            out.append(
                f'<circle class="f{c}" cx="{_e(p["x"])}" cy="{_e(p["y"])}" r="3">'
                f"<title>{_e(p['tip'])}</title></circle>"
            )
        if s["legend"]:
            out.append(
                f'<rect class="f{c}" x="{_e(line["legend_x"])}" y="6" width="10" '
                f'height="10"/><text x="{_e(line["legend_x"])}" dx="14" y="15">'
                f"{_e(line['name'])}</text>"
            )
    return "".join(out)


def _bar(s: dict) -> str:
    out = []
    for b in s["rows"]:
        label = (
            f'<text x="{_e(s["label_x"])}" y="{_e(b["ty"])}" text-anchor="end">'
            f"{_e(b['label'])}{_full_title(b['label'], b['full'])}</text>"
        )
        if b["href"]:
            label = f'<a href="{_e(b["href"])}">{label}</a>'
        out.append(
            f'{label}<rect class="f0" x="{_e(s["bar_x"])}" y="{_e(b["by"])}" '
            f'width="{_e(b["w"])}" height="14"/><text class="val" x="{_e(b["vx"])}" '
            f'y="{_e(b["ty"])}">{_e(b["value"])}</text>'
        )
    return "".join(out)


def _share(s: dict) -> str:
    return "".join(
        f'<rect class="f{_e(p["c"])}" x="{_e(p["x"])}" y="0" width="{_e(p["w"])}" '
        f'height="{_e(s["bar_h"])}"><title>{_e(p["label"])}: {_e(p["percent"])}</title>'
        f'</rect><rect class="f{_e(p["c"])}" x="0" y="{_e(p["ly"])}" width="12" '
        f'height="12"/><text x="18" y="{_e(p["ly"])}" dy="11">{_e(p["short"])} — '
        f"{_e(p['percent'])} ({_e(p['value'])})</text>"
        for p in s["segments"]
    )


def _funnel(s: dict) -> str:
    out = []
    for f in s["rows"]:
        out.append(
            f'<text x="{_e(s["label_x"])}" y="{_e(f["ty"])}" text-anchor="end">'
            f"{_e(f['label'])}{_full_title(f['label'], f['full'])}</text>"
        )
        box = f'x="{_e(f["x"])}" y="{_e(f["by"])}" width="{_e(f["w"])}" height="18"/>'
        if f["missing"]:
            out.append(
                f'<rect class="missing" {box}<text class="ax" x="{_e(s["mid"])}" '
                f'y="{_e(f["ty"])}" text-anchor="middle">{_e(_("belum ada data"))}</text>'
            )
        elif f["own"]:
            out.append(
                f'<rect class="f4" {box}<text class="val" x="{_e(s["value_x"])}" '
                f'y="{_e(f["ty"])}">{_e(f["value"])}</text>'
            )
        else:
            out.append(
                f'<rect class="f0" {box}<text class="val" x="{_e(s["value_x"])}" '
                f'y="{_e(f["ty"])}">{_e(f["value"])} · {_e(f["percent"])}</text>'
            )
    return "".join(out)


BODIES: dict[str, Callable[[dict], str]] = {
    "line": _line,
    "bar": _bar,
    "share": _share,
    "funnel": _funnel,
}


def _table(chart: Chart) -> str:
    table = chart.table
    head = "".join(f'<th scope="col">{_cell(h)}</th>' for h in table.headers)
    rows = []
    for row in table.rows:
        cells = [
            f'<th scope="row">{_cell(cell)}</th>'
            if i == 0
            else f"<td>{_cell(cell)}</td>"
            for i, cell in enumerate(row)
        ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<details class="chart-data"><summary>{_cell(_("Lihat tabel data"))}'
        f'<span class="sr-only">: {_cell(chart.title)}</span></summary>'
        f'<div class="table-wrap"><table><caption class="sr-only">'
        f"{_cell(table.caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div></details>"
    )


def render_chart(chart: Chart) -> SafeString:
    """The figure: SVG plus its table, or "Belum ada data"."""
    cid = _cell(chart.chart_id)
    start = (
        f'<figure class="chart chart-{_cell(chart.kind)}" id="{cid}">'
        f"<figcaption>{_cell(chart.title)}</figcaption>"
    )
    if chart.empty:
        return SafeString(
            f'{start}<p class="chart-empty">{_cell(_("Belum ada data"))}</p></figure>'
        )
    body = chart.body if chart.body is not None else BODIES[chart.kind](chart.shapes)
    role = "group" if chart.has_links else "img"
    svg = (
        f'<svg class="chart-svg" viewBox="0 0 {_e(chart.width)} {_e(chart.height)}" '
        f'role="{role}" aria-labelledby="{cid}-t {cid}-d" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="{cid}-t">{_e(chart.title)}'
        f'</title><desc id="{cid}-d">{_e(chart.desc)}</desc>{body}</svg>'
    )
    return SafeString(f"{start}{svg}{_table(chart)}</figure>")

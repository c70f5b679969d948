"""The mapping report (§III.E): the matrix of interest, power and influence of the
prioritised KIM with the grid, per kab/kota (or a province's kab/kota) and period, as a
page, an XLSX and a PDF."""

from __future__ import annotations

import tempfile

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from kimportal.core.exports import xlsx_cell

from .choices import Approach
from .grid import grid_svg

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def report_rows(points: list[dict], *, prioritised_only: bool) -> list[dict]:
    rows = [p for p in points if p["is_prioritised"] or not prioritised_only]
    return sorted(rows, key=lambda p: (p["regency"], p["name"]))


MATRIX_HEADERS = (
    gettext_lazy("Kab/Kota"),
    gettext_lazy("KIM"),
    gettext_lazy("Ketertarikan"),
    gettext_lazy("Kekuatan"),
    gettext_lazy("Pengaruh"),
    gettext_lazy("Kategori / pendekatan"),
    gettext_lazy("Kuadran sasaran"),
    gettext_lazy("Diprioritaskan"),
    gettext_lazy("Dilibatkan"),
    gettext_lazy("Disesuaikan manual"),
)


def _level(score, high) -> str:
    if score is None:
        return _("tidak ada data")
    return f"{score:.0f} ({_('tinggi') if high else _('rendah')})"


def matrix_values(point: dict, regency_names: dict[str, str]) -> list:
    return [
        regency_names.get(point["regency"], point["regency"]),
        point["name"],
        _level(point["interest"], point["interest_high"]),
        _level(point["power"], point["power_high"]),
        _level(point["influence"], point["influence_high"]),
        point["approach_label"],
        Approach(point["target_approach"]).label if point["target_approach"] else "",
        _("ya") if point["is_prioritised"] else _("tidak"),
        _("ya") if point["is_involved"] else _("tidak"),
        _("ya") if point["is_overridden"] else _("tidak"),
    ]


def report_xlsx(*, title: str, office: str, rows: list[list], summary: list[list]):
    """An XLSX with the matrix and a quadrant summary, in a temporary file."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Matriks")
    sheet.append([xlsx_cell(title)])
    sheet.append([xlsx_cell(office)])
    sheet.append([])
    sheet.append([xlsx_cell(str(h)) for h in MATRIX_HEADERS])
    for row in rows:
        sheet.append([xlsx_cell(v) for v in row])
    quadrants = workbook.create_sheet(title="Kuadran")
    quadrants.append([str(_("Kategori / pendekatan")), str(_("Jumlah KIM"))])
    for row in summary:
        quadrants.append([xlsx_cell(v) for v in row])
    target = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(target)
    target.seek(0)
    return target


# Rows of the matrix (and dots of its grids) a PDF holds; a print of more is unread.
PDF_MAX_ROWS = 100


def report_pdf(context: dict) -> bytes:
    """The report page rendered for print and turned into a PDF by WeasyPrint (fonts
    from the system: DejaVu)."""
    from weasyprint import HTML

    if len(context["matrix"]) > PDF_MAX_ROWS:
        # WeasyPrint lays out every cell and dot: a kab/kota's full matrix (1,284 KIM)
        # took 41 s, 200 rows still 5.5 s, 100 rows 2.6 s. The PDF keeps the
        # prioritised KIM first, then the others in order, and says it was cut; the
        # XLSX keeps them all.
        kept = sorted(
            sorted(
                range(len(context["rows"])),
                key=lambda i: not context["rows"][i]["is_prioritised"],
            )[:PDF_MAX_ROWS]
        )
        rows = [context["rows"][i] for i in kept]
        context = {
            **context,
            "rows": rows,
            "matrix": [context["matrix"][i] for i in kept],
            "truncated": True,
            **report_grids(rows, context["thresholds"]),
        }
    html = render_to_string("mapping/report_pdf.html", context)
    return HTML(string=html).write_pdf()


def report_grids(points: list[dict], thresholds: dict[str, float]) -> dict:
    return {
        "svg_power": grid_svg(points, y_dimension="power", thresholds=thresholds),
        "svg_influence": grid_svg(
            points, y_dimension="influence", thresholds=thresholds
        ),
    }


def build_report(*, user, period, regency, setting, prioritised_only: bool = True):
    """Everything the report shows, for the page, the XLSX, the PDF and the API."""
    from kimportal.core.dates import today_in_jakarta
    from kimportal.regions.models import Region

    from .grid import MAX_POINTS
    from .selectors import approach_counts
    from .selectors_grid import grid_points, points_by_approach

    code = regency.code if regency else None
    counts = approach_counts(user=user, period=period, regency_code=code)
    points = grid_points(
        user=user,
        period=period,
        regency_code=code,
        limit=MAX_POINTS,
        prioritised_only=prioritised_only,
        with_provenance=False,
    )
    # Before the office has marked any KIM, the report shows every assessed KIM rather
    # than an empty matrix, and says so.
    fallback = prioritised_only and not points and any(counts.values())
    if fallback:
        points = grid_points(
            user=user,
            period=period,
            regency_code=code,
            limit=MAX_POINTS,
            with_provenance=False,
        )
    rows = report_rows(points, prioritised_only=False)
    codes = {p["regency"] for p in points}
    regency_names = dict(
        Region.objects.filter(code__in=codes).values_list("code", "name")
    )
    thresholds = {
        "interest": float(setting.interest_threshold),
        "power": float(setting.power_threshold),
        "influence": float(setting.influence_threshold),
    }
    office = getattr(getattr(user, "office", None), "name", "") or _("Kementerian")
    area = regency.name if regency else (_("Seluruh wilayah %(o)s") % {"o": office})
    return {
        "title": _("Laporan Hasil Pemetaan KIM — %(area)s, %(period)s")
        % {"area": area, "period": period.label},
        "office": office,
        "area": area,
        "period": period,
        "date": today_in_jakarta(),
        "prioritised_only": prioritised_only and not fallback,
        "no_priority_yet": fallback,
        "rows": rows,
        "matrix": [matrix_values(p, regency_names) for p in rows],
        "headers": [str(h) for h in MATRIX_HEADERS],
        "summary": [
            [str(group["label"]), group["count"]]
            for group in points_by_approach(points, counts)
        ],
        "assessed": sum(counts.values()),
        "truncated": len(rows) >= MAX_POINTS,
        "thresholds": thresholds,
        **report_grids(rows, thresholds),
    }

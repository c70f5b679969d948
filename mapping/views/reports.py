"""The mapping report as a page, an XLSX and a PDF, and the categorised KIM (§III.A)."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.text import slugify

from kimportal.core.exports import export_response, pdf_response
from kimportal.security.exports import record_export

from ..reports import CONTENT_TYPES, build_report, report_pdf, report_xlsx
from ..selectors import area_choices, area_get, kim_categories
from .common import regency_field, selection_from, staff_view

REPORT_FORMATS = ("xlsx", "pdf")
CATEGORY_FORMATS = ("csv", "xlsx")


def _report(request):
    selection = selection_from(request)
    return selection, build_report(
        user=request.user,
        period=selection.period,
        regency=selection.regency,
        setting=selection.setting,
        prioritised_only=request.GET.get("all") != "1",
    )


@staff_view
def report_view(request):
    selection, report = _report(request)
    return render(
        request,
        "mapping/report.html",
        {
            **report,
            "selection": selection,
            **regency_field(user=request.user, selection=selection),
        },
    )


def report_file_response(report: dict, fmt: str):
    name = slugify(f"pemetaan-kim-{report['area']}-{report['period'].key}")
    if fmt == "xlsx":
        response = FileResponse(
            report_xlsx(
                title=report["title"],
                office=report["office"],
                rows=report["matrix"],
                summary=report["summary"],
            ),
            as_attachment=True,
            filename=f"{name}.xlsx",
            content_type=CONTENT_TYPES["xlsx"],
        )
        response["Cache-Control"] = "private, no-store"
        return response
    return pdf_response(report_pdf(report), filename=name)


@staff_view
def report_export_view(request, fmt: str):
    if fmt not in REPORT_FORMATS:
        raise Http404
    _selection, report = _report(request)
    record_export(request, name="mapping-report", fmt=fmt, rows=len(report["matrix"]))
    return report_file_response(report, fmt)


@staff_view
def categories_view(request):
    area = area_get(user=request.user, code=request.GET.get("area"))
    return render(
        request,
        "mapping/categories.html",
        {
            "area": area,
            "areas": area_choices(user=request.user),
            "categories": kim_categories(
                user=request.user, area_code=area.code if area else None
            ),
        },
    )


def category_rows(categories: dict) -> list[list]:
    rows = [["Kelompok", "Kategori", "Jumlah KIM"]]
    for group, label in (
        ("status", "Status"),
        ("kim_type", "Tipe"),
        ("media", "Jenis media"),
        ("field", "Bidang kegiatan"),
        ("audience", "Khalayak sasaran"),
    ):
        rows += [[label, name, n] for _key, name, n in categories[group]]
    for district in categories["districts"]:
        rows.append(["Kecamatan", district["name"], district["count"]])
        rows += [
            ["Desa/Kelurahan", f"{district['name']} — {name}", n]
            for _code, name, n in district["villages"]
        ]
    return rows


@staff_view
def categories_export_view(request, fmt: str):
    if fmt not in CATEGORY_FORMATS:
        raise Http404
    area = area_get(user=request.user, code=request.GET.get("area"))
    categories = kim_categories(
        user=request.user, area_code=area.code if area else None
    )
    rows = category_rows(categories)
    record_export(request, name="mapping-categories", fmt=fmt, rows=len(rows) - 1)
    name = slugify(f"kategori-kim-{area.name if area else 'semua'}")
    return export_response(fmt, filename=name, rows=rows, title="Kategori")

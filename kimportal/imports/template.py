"""The downloadable XLSX template of an import kind: Indonesian headers, one example
row, a dropdown (data validation) on every choice column, and the region codes and
names of the user's scope in a second sheet."""

from __future__ import annotations

import io

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kimportal.core.exports import xlsx_cell
from kimportal.regions.models import Region, RegionLevel

from .kinds import ImportKind, import_kind

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REGION_SHEET = "Wilayah"
CHOICE_SHEET = "Pilihan"


def _region_rows(user):
    regions = Region.objects.filter(level=RegionLevel.VILLAGE, retired=False)
    if user.scope_code:
        regions = regions.filter(code__startswith=user.scope_code)
    return (
        regions.order_by("code").values_list("code", "name").iterator(chunk_size=5000)
    )


def import_template(kind: ImportKind, *, user) -> bytes:
    workbook = Workbook()
    data = workbook.active
    data.title = "Data"
    data.append([c.header for c in kind.columns])
    data.append([xlsx_cell(c.example) for c in kind.columns])
    choices = workbook.create_sheet(CHOICE_SHEET)
    regions = workbook.create_sheet(REGION_SHEET)
    regions.append([_("Kode desa/kelurahan"), _("Nama desa/kelurahan")])
    count = 0
    for code, name in _region_rows(user):
        regions.append([code, xlsx_cell(name)])
        count += 1
    for index, column in enumerate(kind.columns, start=1):
        letter = get_column_letter(index)
        data.column_dimensions[letter].width = max(14, len(column.header) + 4)
        source = None
        if column.choices:
            choices.cell(row=1, column=index, value=column.header)
            for row, label in enumerate(column.choices, start=2):
                choices.cell(row=row, column=index, value=xlsx_cell(label))
            end = len(column.choices) + 1
            source = f"{CHOICE_SHEET}!${letter}$2:${letter}${end}"
        elif column.region and count:
            source = f"{REGION_SHEET}!$A$2:$A${count + 1}"
        if source:
            validation = DataValidation(
                type="list",
                formula1=f"={source}",
                # Several choices share a cell ("a; b"), so the list only suggests.
                showErrorMessage=not column.several,
                errorTitle=_("Nilai tidak dikenal"),
                error=_("Pilih nilai dari daftar."),
            )
            validation.add(f"{letter}2:{letter}200001")
            data.add_data_validation(validation)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_response(kind_key: str, *, user) -> HttpResponse:
    """The template of `kind_key` as an attachment; an unknown kind is 404."""
    try:
        kind = import_kind(kind_key)
    except LookupError:
        raise Http404 from None
    response = HttpResponse(import_template(kind, user=user), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="templat-impor-{kind_key}.xlsx"'
    )
    return response

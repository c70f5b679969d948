"""KIM lists as CSV and XLSX files, built row by row so that 100,000 KIM never sit in
memory at once. Cell values come from `KimResource`, which makes them formula-safe."""

import csv
import tempfile
from collections.abc import Iterator

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .models import Kim
from .resources import KimResource

CHUNK_SIZE = 2000
EXPORT_FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class _Echo:
    """A file-like object whose write() hands the line back, for csv.writer."""

    def write(self, value: str) -> str:
        return value


def kim_export_rows(queryset: QuerySet[Kim]) -> Iterator[list]:
    """The header row, then one row per KIM of `queryset`, read in chunks."""
    resource = KimResource()
    yield resource.get_export_headers()
    for kim in KimResource.prepare_queryset(queryset).iterator(chunk_size=CHUNK_SIZE):
        yield resource.export_resource(kim)


def kim_csv_stream(queryset: QuerySet[Kim]) -> Iterator[str]:
    """CSV lines for a streaming response. It starts with a byte-order mark so that
    Excel, which officers open CSV files with, reads the text as UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in kim_export_rows(queryset):
        yield writer.writerow(row)


def kim_xlsx_file(queryset: QuerySet[Kim]):
    """An XLSX workbook of `queryset` in a temporary file, positioned at its start.
    openpyxl's write-only mode keeps one row in memory at a time."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="KIM")
    for row in kim_export_rows(queryset):
        sheet.append([_xlsx_safe(value) for value in row])
    target = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(target)
    target.seek(0)
    return target


def _xlsx_safe(value):
    # XML forbids most control characters; openpyxl refuses a cell holding one.
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value

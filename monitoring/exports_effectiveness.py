"""Effectiveness tables as CSV (streamed) and XLSX (written row by row to a temporary
file and streamed from there).

Every text cell is made safe for spreadsheets last of all: a value a spreadsheet would
read as a formula (starting with = + - @) or that starts with a control character gets a
leading apostrophe, so a KIM or region name can never run as a formula on an officer's
computer. Numbers stay numbers.
"""

import csv
import tempfile
from collections.abc import Iterable, Iterator

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

EXPORT_FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMULA_STARTS = ("=", "+", "-", "@")


def formula_safe(value: str) -> str:
    """`value` with a leading apostrophe when a spreadsheet would treat it as a
    formula. Apply after every other change to the text."""
    if value and (
        value.startswith(FORMULA_STARTS) or ord(value[0]) < 32 or value[0] == "\x7f"
    ):
        return "'" + value
    return value


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return formula_safe(value)
    return value


def xlsx_cell(value):
    if isinstance(value, str):
        # XML cannot hold most control characters; they go first, the apostrophe last.
        return formula_safe(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(rows: Iterable[list]) -> Iterator[str]:
    """CSV lines, starting with a byte-order mark so that Excel reads UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([csv_cell(v) for v in row])


def xlsx_file(rows: Iterable[list], *, title: str):
    """An XLSX workbook of `rows` in a temporary file, positioned at its start."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        sheet.append([xlsx_cell(v) for v in row])
    target = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(target)
    target.seek(0)
    return target

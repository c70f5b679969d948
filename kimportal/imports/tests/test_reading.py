"""Hostile files are refused before (or while) parsing; formulas are never evaluated,
macros never loaded."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from kimportal.imports import reading
from kimportal.imports.reading import FORMULA_CELL, cell_text, open_sheet


def _xlsx(rows) -> io.BytesIO:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def _code(data, name="x.xlsx") -> str:
    with pytest.raises(ValidationError) as refused:
        sheet = open_sheet(data, name=name)
        list(sheet.rows)
    return refused.value.code


def test_a_file_over_20_mb_is_refused(monkeypatch):
    monkeypatch.setattr(reading, "MAX_BYTES", 1000)
    assert _code(io.BytesIO(b"a,b\n" * 400), name="x.csv") == "size"


def test_more_than_the_row_limit_is_refused(monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 10)
    assert _code(_xlsx([["a"]] + [[i] for i in range(11)])) == "rows"


def test_more_than_100_columns_is_refused():
    assert _code(_xlsx([list(range(101))])) == "columns"
    assert _code(io.BytesIO(b",".join([b"x"] * 101)), name="x.csv") == "columns"


def test_a_zip_bomb_is_refused_from_its_directory_before_parsing():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            block = b"\0" * (1024 * 1024)
            for _ in range(450):
                out.write(block)
    buffer.seek(0)
    assert _code(buffer) == "zip_bomb"


def test_a_renamed_or_unknown_file_is_refused():
    assert _code(io.BytesIO(b"%PDF-1.4 ..."), name="x.xlsx") == "format"
    assert _code(io.BytesIO(b"PK\x03\x04garbage"), name="x.xlsx") == "format"


def test_formulas_are_read_as_formulas_never_evaluated():
    sheet = open_sheet(_xlsx([["Nama"], ["=1+1"], ["KIM"]]), name="x.xlsx")
    values = [row for _n, row in sheet.rows]
    assert values[0] == [FORMULA_CELL]
    assert values[1] == ["KIM"]


def test_macros_are_ignored():
    data = _xlsx([["Nama"], ["KIM"]])
    with_macro = io.BytesIO()
    with zipfile.ZipFile(data) as src, zipfile.ZipFile(with_macro, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    with_macro.seek(0)
    sheet = open_sheet(with_macro, name="x.xlsm")
    assert [row for _n, row in sheet.rows] == [["KIM"]]


def test_xml_goes_through_defusedxml():
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML


def test_an_entity_expansion_in_the_sheet_is_refused():
    data = _xlsx([["Nama"], ["KIM"]])
    evil = io.BytesIO()
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    with zipfile.ZipFile(data) as src, zipfile.ZipFile(evil, "w") as dst:
        for item in src.infolist():
            body = (
                bomb if item.filename == "xl/worksheets/sheet1.xml" else src.read(item)
            )
            dst.writestr(item, body)
    evil.seek(0)
    with pytest.raises(ValidationError) as refused:
        list(open_sheet(evil, name="x.xlsx").rows)
    causes = []
    error = refused.value
    while error is not None:
        causes.append(type(error).__name__)
        error = error.__cause__ or error.__context__
    assert "EntitiesForbidden" in causes or "DTDForbidden" in causes, causes


def test_an_apostrophe_our_exports_add_is_taken_off_on_import():
    assert cell_text("'=SUM(A1)") == "=SUM(A1)"
    assert cell_text("'+6281234567890") == "+6281234567890"
    assert cell_text("'biasa") == "'biasa"
    assert cell_text(12.0) == "12"


def _xlsx_with_sheet(sheet_xml: bytes, shared_xml: bytes | None = None) -> io.BytesIO:
    """A workbook whose first sheet (and shared strings) are the given XML."""
    data = _xlsx([["x"]])
    out = io.BytesIO()
    with zipfile.ZipFile(data) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = sheet_xml if item.filename == "xl/worksheets/sheet1.xml" else None
            dst.writestr(item, body if body is not None else src.read(item))
        if shared_xml is not None:
            dst.writestr("xl/sharedStrings.xml", shared_xml)
    out.seek(0)
    return out


MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def test_shared_strings_rich_text_sparse_cells_and_numbers_are_read():
    shared = (
        b"<sst " + MAIN + b"><si><t>Nama</t></si><si><t>Tipe</t></si>"
        b"<si><r><t>KIM </t></r><r><rPr><b/></rPr><t>Mentari</t></r>"
        b"<rPh><t>ignored</t></rPh></si></sst>"
    )
    sheet = (
        b"<worksheet " + MAIN + b"><sheetData>"
        b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>'
        b'<row r="4"><c r="A4" t="s"><v>2</v></c><c r="C4"><v>12</v></c></row>'
        b'<row r="5"><c r="B5"><f>A4</f><v>9</v></c></row>'
        b"</sheetData></worksheet>"
    )
    read = open_sheet(_xlsx_with_sheet(sheet, shared), name="x.xlsx")
    assert read.headers == ["Nama", "", "Tipe"]
    assert list(read.rows) == [
        (4, ["KIM Mentari", None, "12"]),
        (5, [None, FORMULA_CELL]),
    ]


def test_a_doctype_in_the_sheet_is_refused():
    sheet = (
        b'<?xml version="1.0"?><!DOCTYPE worksheet SYSTEM "http://example.com/x.dtd">'
        b"<worksheet " + MAIN + b"><sheetData/></worksheet>"
    )
    assert _code(_xlsx_with_sheet(sheet)) == "format"

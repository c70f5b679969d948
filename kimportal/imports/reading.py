"""Reading an uploaded spreadsheet without trusting it.

Refused before parsing: files over `MAX_BYTES`, unknown formats, XLSX whose zip
directory promises more than `MAX_UNCOMPRESSED` bytes or a ratio above `MAX_RATIO`
(a zip bomb). Refused while reading: more than `MAX_ROWS` rows or `MAX_COLUMNS`
columns. Only the first sheet and the shared strings are read, so macros
(`vbaProject.bin`) are never opened; formulas are never evaluated (a formula cell is an
error for its row). The XML is parsed as a stream through defusedxml (openpyxl's
reader was about 10× slower on a 50,000-row list).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import defusedxml.ElementTree as DefusedET
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 100
MAX_UNCOMPRESSED = 400 * 1024 * 1024
MAX_RATIO = 150
FORMULA_CELL = object()


def file_format(head: bytes, name: str) -> str:
    """'xlsx' or 'csv' from the file's first bytes (and, for text, its name)."""
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if name.lower().endswith(".csv") and b"\x00" not in head[:4096]:
        return "csv"
    raise ValidationError(
        _("Berkas harus berformat XLSX (Excel) atau CSV."), code="format"
    )


def check_zip(data: io.BufferedIOBase) -> None:
    """Refuse a zip whose directory promises too much uncompressed data."""
    try:
        with zipfile.ZipFile(data) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise ValidationError(_("Berkas XLSX rusak."), code="format") from exc
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO and total > 10_000_000:
        raise ValidationError(
            _("Berkas XLSX ditolak: isinya terlalu besar setelah dibuka (zip bomb)."),
            code="zip_bomb",
        )
    data.seek(0)


@dataclass
class Sheet:
    headers: list[str]
    rows: Iterator[tuple[int, list]]  # (Excel row number, cell values)


def _too_many_rows():
    return ValidationError(
        _("Berkas ditolak: lebih dari %(n)s baris.") % {"n": f"{MAX_ROWS:,}"},
        code="rows",
    )


def _too_many_columns():
    return ValidationError(
        _("Berkas ditolak: lebih dari %(n)s kolom.") % {"n": MAX_COLUMNS},
        code="columns",
    )


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _column_index(ref: str) -> int:
    index = 0
    for char in ref:
        if char.isdigit():
            break
        index = index * 26 + (ord(char.upper()) - 64)
    return index - 1


def _first_sheet(archive: zipfile.ZipFile) -> str:
    """The part name of the workbook's first sheet (workbook order, via its rels)."""
    workbook = DefusedET.fromstring(archive.read("xl/workbook.xml"))
    first = workbook.find(f"{_MAIN}sheets/{_MAIN}sheet")
    rels = DefusedET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{_RELS}Relationship"):
        if first is not None and rel.get("Id") == first.get(_DOC_REL):
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    raise KeyError("no first sheet")


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings = []
    with archive.open("xl/sharedStrings.xml") as part:
        for _event, element in DefusedET.iterparse(part):
            if element.tag == f"{_MAIN}si":
                # Rich-text runs hold the text in r/t; phonetic hints (rPh) are skipped.
                text = element.find(f"{_MAIN}t")
                if text is not None:
                    strings.append(text.text or "")
                else:
                    strings.append(
                        "".join(
                            t.text or ""
                            for r in element.findall(f"{_MAIN}r")
                            for t in r.findall(f"{_MAIN}t")
                        )
                    )
                element.clear()
    return strings


def _xlsx_rows(data) -> Iterator[tuple[int, list]]:
    """Rows of the first sheet as (Excel row number, values), parsed as a stream with
    defusedxml (no DTD entities, no external references). Only the sheet and the
    shared strings are read: macros and other parts are never opened, and a formula
    cell comes back as FORMULA_CELL, never as a computed value."""
    try:
        archive = zipfile.ZipFile(data)
        sheet_name = _first_sheet(archive)
        shared = _shared_strings(archive)
        part = archive.open(sheet_name)
    except Exception as exc:  # noqa: BLE001 (any parse failure, e.g. defusedxml's)
        raise _unreadable() from exc
    cell_tag, row_tag = f"{_MAIN}c", f"{_MAIN}row"
    f_tag, v_tag, is_tag, t_tag = f"{_MAIN}f", f"{_MAIN}v", f"{_MAIN}is", f"{_MAIN}t"
    try:
        number = 0
        for _event, element in DefusedET.iterparse(part):
            if element.tag != row_tag:
                continue
            number = int(element.get("r") or number + 1)
            values: list = []
            for cell in element.iter(cell_tag):
                ref = cell.get("r")
                index = _column_index(ref) if ref else len(values)
                if index >= MAX_COLUMNS:
                    raise _too_many_columns()
                while len(values) < index:
                    values.append(None)
                kind = cell.get("t", "n")
                if cell.find(f_tag) is not None:
                    value = FORMULA_CELL
                elif kind == "inlineStr":
                    inline = cell.find(is_tag)
                    value = (
                        "".join(t.text or "" for t in inline.iter(t_tag))
                        if inline is not None
                        else ""
                    )
                else:
                    raw = cell.find(v_tag)
                    text = raw.text if raw is not None else None
                    if text is None:
                        value = None
                    elif kind == "s":
                        value = shared[int(text)]
                    else:
                        value = text
                values.append(value)
            element.clear()
            yield number, values
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 (broken or hostile sheet XML)
        raise _unreadable() from exc
    finally:
        part.close()
        archive.close()


def _unreadable():
    return ValidationError(
        _(
            "Berkas XLSX tidak dapat dibaca (rusak atau berisi XML yang tidak diizinkan)."
        ),
        code="format",
    )


def _csv_rows(data) -> Iterator[tuple[int, list]]:
    text = io.TextIOWrapper(data, encoding="utf-8-sig", errors="replace", newline="")
    sample = text.read(4096)
    text.seek(0)
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    for number, row in enumerate(csv.reader(text, delimiter=delimiter), start=1):
        if len(row) > MAX_COLUMNS:
            raise _too_many_columns()
        yield number, row


def open_sheet(data, *, name: str) -> Sheet:
    """The first sheet of an uploaded file: its header row and its data rows, read
    lazily, empty rows skipped. Raises ValidationError for a hostile file."""
    data.seek(0, io.SEEK_END)
    if data.tell() > MAX_BYTES:
        raise ValidationError(
            _("Berkas lebih dari 20 MB. Bagi menjadi beberapa berkas."), code="size"
        )
    data.seek(0)
    fmt = file_format(data.read(8192), name)
    data.seek(0)
    if fmt == "xlsx":
        check_zip(data)
        raw = _xlsx_rows(data)
    else:
        raw = _csv_rows(data)
    first = next(raw, None)
    if first is None:
        raise ValidationError(_("Berkas kosong."), code="empty")
    header_row = first[1]
    headers = [
        str(h).strip() if h not in (None, FORMULA_CELL) else "" for h in header_row
    ]

    def rows() -> Iterator[tuple[int, list]]:
        for number, values in raw:
            if number - 1 > MAX_ROWS:
                raise _too_many_rows()
            if any(v not in (None, "") for v in values):
                yield number, values

    return Sheet(headers=headers, rows=rows())


def cell_text(value) -> str:
    """A cell as the text a clerk typed. An apostrophe our exports put before a
    formula-like text is taken off again, so an exported list imports unchanged."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if (
        len(text) > 1
        and text[0] == "'"
        and (text[1] in "=+-@" or ord(text[1]) < 32 or text[1] == "\x7f")
    ):
        text = text[1:]
    return text

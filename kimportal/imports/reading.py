"""Reading an uploaded spreadsheet without trusting it.

Refused before parsing: files over `MAX_BYTES`, unknown formats, XLSX whose zip
directory promises more than `MAX_UNCOMPRESSED` bytes or a ratio above
`MAX_RATIO` (a zip bomb). Refused while reading: more than `MAX_ROWS` rows or
`MAX_COLUMNS` columns. Macros (`vbaProject.bin`) are never loaded (openpyxl drops them
unless `keep_vba`), formulas are never evaluated: a formula cell is an error for its
row. openpyxl parses XML through defusedxml when it is installed; we insist on it.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 100
MAX_UNCOMPRESSED = 400 * 1024 * 1024
MAX_RATIO = 150
FORMULA_CELL = object()


def _require_defusedxml() -> None:
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:
        raise ImproperlyConfigured("openpyxl must parse XML through defusedxml.")


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


def _xlsx_rows(data) -> Iterator[list]:
    _require_defusedxml()
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(data, read_only=True, data_only=False, keep_vba=False)
    except Exception as exc:  # noqa: BLE001 (any parse failure, e.g. defusedxml's)
        raise _unreadable() from exc
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows()
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as exc:  # noqa: BLE001 (broken or hostile sheet XML)
                raise _unreadable() from exc
            if len(row) > MAX_COLUMNS:
                raise _too_many_columns()
            yield [
                FORMULA_CELL if cell.data_type == "f" else cell.value for cell in row
            ]
    finally:
        workbook.close()


def _unreadable():
    return ValidationError(
        _(
            "Berkas XLSX tidak dapat dibaca (rusak atau berisi XML yang tidak diizinkan)."
        ),
        code="format",
    )


def _csv_rows(data) -> Iterator[list]:
    text = io.TextIOWrapper(data, encoding="utf-8-sig", errors="replace", newline="")
    sample = text.read(4096)
    text.seek(0)
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    for row in csv.reader(text, delimiter=delimiter):
        if len(row) > MAX_COLUMNS:
            raise _too_many_columns()
        yield row


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
    header_row = next(raw, None)
    if header_row is None:
        raise ValidationError(_("Berkas kosong."), code="empty")
    headers = [
        str(h).strip() if h not in (None, FORMULA_CELL) else "" for h in header_row
    ]

    def rows() -> Iterator[tuple[int, list]]:
        for number, values in enumerate(raw, start=2):
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

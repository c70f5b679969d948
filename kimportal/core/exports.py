"""The one streaming export helper: any list as CSV or XLSX, sent while it is produced.

Apps describe a list as an ordered list of `Column(header, expression)` over a queryset
that is already scoped (`kimportal.core.scoping`), or as plain Python rows; this module
turns it into an HTTP response:

- CSV from a queryset is PostgreSQL's `COPY (SELECT …) TO STDOUT` read through psycopg 3,
  block by block, with formula escaping done in SQL (`safe_sql`). No Python per cell.
- XLSX is written by a small streaming writer (`xlsx_stream`): the sheet XML is
  compressed into a zip as rows arrive and each compressed block is sent at once, so
  the first bytes leave in milliseconds and memory stays bounded whatever the row count.

Formula escaping (issue #7 finding 1): a cell a spreadsheet would run as a formula gets
a leading apostrophe, and that is the *last* change to the text. For XLSX the
XML-illegal control characters are removed first and the check runs on what remains, so
"\\x02=HYPERLINK(...)" becomes "'=HYPERLINK(...)", never "=HYPERLINK(...)". A text that
starts with any control character (\\x00–\\x1f, \\x7f) is escaped as well.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Func, QuerySet, TextField
from django.db.models.functions import Cast
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.functional import Promise

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMULA_STARTS = ("=", "+", "-", "@")
# XML 1.0 cannot hold these; openpyxl's ILLEGAL_CHARACTERS_RE, written out here.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Rows per XLSX block sent to the client; small enough to keep memory flat.
XLSX_ROWS_PER_BLOCK = 500
ITERATOR_CHUNK = 2000


def formula_safe(text: str) -> str:
    """`text` with a leading apostrophe when a spreadsheet would read it as a formula
    or it starts with a control character. Apply after every other change."""
    if text and (
        text.startswith(FORMULA_STARTS) or ord(text[0]) < 32 or text[0] == "\x7f"
    ):
        return "'" + text
    return text


def csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return formula_safe(value)
    return value


def xlsx_cell(value: Any) -> Any:
    """A value for an XLSX cell: illegal characters removed, then formula-escaped."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return formula_safe(XML_ILLEGAL.sub("", value))
    return value


def safe_sql(column: str) -> str:
    """SQL twin of `formula_safe` on one output column: an apostrophe before a text
    that starts with = + - @ or a control character (PostgreSQL text never holds NUL).
    `ascii()` of the first character costs a third of a regular expression."""
    return (
        f"CASE WHEN ascii({column}) < 32 OR ascii({column}) IN (43, 45, 61, 64, 127) "
        f"THEN '''' || {column} ELSE {column} END"
    )


@dataclass(frozen=True)
class Column:
    """One column of an export: its header and a Django expression (or field path)."""

    header: Any
    expression: Any


def _values(queryset: QuerySet, columns: Sequence[Column], *, as_text: bool):
    names = {}
    for i, column in enumerate(columns):
        expr = column.expression
        if isinstance(expr, str):
            from django.db.models import F

            expr = F(expr)
        names[f"export_c{i}"] = Cast(expr, TextField()) if as_text else expr
    return queryset.annotate(**names).values_list(*names)


def csv_line(values: Iterable[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([csv_cell(v) for v in values])
    return buffer.getvalue()


def copy_csv_stream(queryset: QuerySet, columns: Sequence[Column]) -> Iterator[bytes]:
    """The header line, then PostgreSQL's own CSV of the columns, as COPY sends it."""
    yield ("\ufeff" + csv_line(str(c.header) for c in columns)).encode()
    values = _values(queryset, columns, as_text=True)
    sql, params = values.query.sql_with_params()
    # Escaping in an outer SELECT: each inner expression (a label subquery, an array
    # of labels) is computed once and the escape reads its result.
    outer = ", ".join(
        safe_sql(f'export_rows."export_c{i}"') for i in range(len(columns))
    )
    statement = (
        f"COPY (SELECT {outer} FROM ({sql}) AS export_rows) TO STDOUT WITH (FORMAT csv)"
    )
    connection = connections[values.db]
    with connection.cursor() as cursor:
        with cursor.cursor.copy(statement, params) as copy:
            for block in copy:
                yield bytes(block)


def queryset_rows(queryset: QuerySet, columns: Sequence[Column]) -> Iterator[Sequence]:
    """The header row, then the column values of each row, read in chunks."""
    yield [str(c.header) for c in columns]
    yield from _values(queryset, columns, as_text=False).iterator(
        chunk_size=ITERATOR_CHUNK
    )


def csv_stream(rows: Iterable[Sequence[Any]]) -> Iterator[bytes]:
    """CSV of Python rows, starting with a byte-order mark so that Excel reads UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    for n, row in enumerate(rows, start=1):
        writer.writerow([csv_cell(v) for v in row])
        if n % XLSX_ROWS_PER_BLOCK == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


# --- XLSX, streamed ----------------------------------------------------------------


class _Sink(io.RawIOBase):
    """An unseekable file that keeps what zipfile writes until it is drained."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        self.parts.append(bytes(data))
        return len(data)

    def drain(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        return data


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell_xml(value: Any) -> str:
    value = xlsx_cell(value)
    if value is None or value == "":
        return "<c/>"
    if isinstance(value, bool):
        return f'<c t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f"<c><v>{value}</v></c>"
    if not isinstance(value, str):
        value = xlsx_cell(str(value))
    return f'<c t="inlineStr"><is><t xml:space="preserve">{_escape(value)}</t></is></c>'


_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _package_parts(titles: list[str]) -> dict[str, str]:
    sheets = "".join(
        f'<sheet name="{_escape(t)}" sheetId="{i}" r:id="rId{i}"/>'
        for i, t in enumerate(titles, start=1)
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" '
        f'Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(titles) + 1)
    )
    n = len(titles) + 1
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(titles) + 1)
    )
    return {
        "[Content_Types].xml": _XML
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{overrides}</Types>",
        "_rels/.rels": _XML + f'<Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": _XML + f'<workbook xmlns="{_NS}" xmlns:r="{_REL}">'
        f"<sheets>{sheets}</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": _XML + f'<Relationships xmlns="{_PKG}">{rels}'
        f'<Relationship Id="rId{n}" Type="{_REL}/styles" Target="styles.xml"/>'
        "</Relationships>",
        "xl/styles.xml": _XML + f'<styleSheet xmlns="{_NS}">'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
        '<cellXfs count="1"><xf xfId="0"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
        "</cellStyles></styleSheet>",
    }


def xlsx_stream(
    sheets: Sequence[tuple[str, Iterable[Sequence[Any]]]],
) -> Iterator[bytes]:
    """An XLSX workbook of `(title, rows)` sheets, yielded as compressed blocks while
    the rows are read. Cells are formula-safe (`xlsx_cell`)."""
    sink = _Sink()
    titles = [XML_ILLEGAL.sub("", str(t))[:31] or "Sheet" for t, _rows in sheets]
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in _package_parts(titles).items():
            archive.writestr(name, text)
        yield sink.drain()
        for index, (_title, rows) in enumerate(sheets, start=1):
            member = f"xl/worksheets/sheet{index}.xml"
            with archive.open(member, "w", force_zip64=True) as out:
                out.write(f'{_XML}<worksheet xmlns="{_NS}"><sheetData>'.encode())
                block: list[str] = []
                for row in rows:
                    block.append("<row>" + "".join(map(_cell_xml, row)) + "</row>")
                    if len(block) >= XLSX_ROWS_PER_BLOCK:
                        out.write("".join(block).encode())
                        block.clear()
                        yield sink.drain()
                out.write(("".join(block) + "</sheetData></worksheet>").encode())
            yield sink.drain()
    yield sink.drain()


def export_response(
    fmt: str,
    *,
    filename: str,
    rows: Iterable[Sequence[Any]] | None = None,
    queryset: QuerySet | None = None,
    columns: Sequence[Column] = (),
    title: str = "Data",
) -> StreamingHttpResponse:
    """A streamed attachment of a list: either a scoped `queryset` with `columns`, or
    Python `rows` (header row first). `fmt` is one of FORMATS."""
    if queryset is not None:
        if fmt == "csv":
            content = copy_csv_stream(queryset, columns)
        else:
            content = xlsx_stream([(title, queryset_rows(queryset, columns))])
    elif fmt == "csv":
        content = csv_stream(rows or ())
    else:
        content = xlsx_stream([(title, rows or ())])
    response = StreamingHttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


def pdf_response(content: bytes, *, filename: str) -> HttpResponse:
    """A printed document (report, daftar hadir, certificate) as a private attachment;
    `filename` without its extension."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- SQL expressions for labels ------------------------------------------------------


def choice_label(field: str, choices) -> Any:
    """The Indonesian label of a choice column, in SQL (unknown values as they are)."""
    from django.db.models import Case, F, Value, When

    return Case(
        *[When(**{field: c.value}, then=Value(str(c.label))) for c in choices],
        default=F(field),
        output_field=TextField(),
    )


class ChoiceListLabels(Func):
    """An array-of-choices column as its labels joined by "; ", in array order."""

    output_field = TextField()

    def __init__(self, expression, choices, separator: str = "; "):
        super().__init__(expression)
        self.choices = list(choices)
        self.separator = separator

    def as_sql(self, compiler, connection, **extra_context):  # type: ignore[override]
        inner, params = compiler.compile(self.source_expressions[0])
        whens = " ".join("WHEN %s THEN %s" for _ in self.choices)
        labels: list[Any] = []
        for c in self.choices:
            labels += [c.value, str(c.label)]
        sql = (
            f"array_to_string(ARRAY(SELECT CASE x {whens} ELSE x END FROM "
            f"unnest({inner}) WITH ORDINALITY AS t(x, i) ORDER BY i), %s)"
        )
        return sql, (*labels, *params, self.separator)

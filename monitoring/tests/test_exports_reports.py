"""The report list / validation queue export: scoped, filtered, formula-safe."""

import csv
import io

import pytest
from openpyxl import load_workbook

from .factories import make_report

pytestmark = pytest.mark.django_db


def _rows(response, fmt):
    data = b"".join(response.streaming_content)
    if fmt == "csv":
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    sheet = load_workbook(io.BytesIO(data)).active
    return [list(r) for r in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_queue_export_is_scoped_and_formula_safe(
    client, kab, kota, kim_pair, kota_pair, fmt
):
    kim, kim_user = kim_pair
    make_report(kim=kim, user=kim_user, activity='\x03=HYPERLINK("http://x")')
    make_report(kim=kota_pair[0], user=kota_pair[1])

    client.force_login(kab)
    rows = _rows(client.get(f"/monitoring/reports/export/{fmt}/?state=submitted"), fmt)

    assert rows[0][:2] == ["Tanggal kegiatan", "KIM"]
    assert [r[1] for r in rows[1:]] == ["KIM Tulungrejo"]
    activity = rows[1][rows[0].index("Uraian kegiatan")]
    assert activity.startswith("'") and "=HYPERLINK" in activity
    assert rows[1][rows[0].index("Status")] == "Diajukan"

    client.force_login(kota)
    rows = _rows(client.get(f"/monitoring/reports/export/{fmt}/"), fmt)
    assert [r[1] for r in rows[1:]] == ["KIM Kota Malang"]

"""Collaboration's list exports: the scoped rows with Indonesian headers and labels,
formula-safe cells, an XLSX that opens, the list filters, 404 outside the scope, and
every export recorded in the security log."""

import csv
import io

import pytest
from openpyxl import load_workbook

from kimportal.security.models import SecurityEvent, SecurityEventKind

from ..services import campaign_create
from ..services.attendance import attendance_record
from ..services.events import event_create
from ..services.invitations import invitations_send
from .events.conftest import event_data
from .factories import file_need, malang_kim

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def _xlsx(response) -> list[tuple]:
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(workbook.active.iter_rows(values_only=True))


def _recorded(name: str) -> list[dict]:
    return [
        e.detail
        for e in SecurityEvent.objects.filter(kind=SecurityEventKind.EXPORT)
        if e.detail.get("export") == name
    ]


@pytest.fixture
def world(demo_users):
    officer = demo_users["kab-malang"]
    kim = malang_kim("KIM Ekspor")
    event = event_create(actor=officer, data=event_data(title='=HYPERLINK("http://x")'))
    invitations_send(actor=officer, event=event, kim_ids=[kim.pk])
    invitation = event.invitations.get(kim=kim)
    attendance_record(actor=officer, event=event, code=invitation.code)
    file_need(officer, kim)
    campaign = campaign_create(
        actor=officer,
        data={
            "title": "Kampanye Ekspor",
            "message": "Pesan",
            "kind": "proactive",
            "target_kim_types": ["A"],
            "trial_months": 2,
        },
    )
    return {"officer": officer, "kim": kim, "event": event, "campaign": campaign}


def test_the_event_list_exports_scoped_and_formula_safe(client, demo_users, world):
    client.force_login(world["officer"])
    rows = _csv(client.get("/kolaborasi/kegiatan/ekspor/csv/"))

    assert rows[0][:3] == ["Nama kegiatan", "Jenis kegiatan", "Tema"]
    assert rows[1][0] == '\'=HYPERLINK("http://x")'
    assert rows[1][-2:] == ["1", "1"]  # invited, present
    assert _recorded("events")[0]["rows"] == 1

    client.force_login(demo_users["kota-malang"])
    assert _csv(client.get("/kolaborasi/kegiatan/ekspor/csv/")) == [rows[0]]


def test_the_daftar_hadir_exports_as_xlsx_and_is_404_outside(client, demo_users, world):
    url = f"/kolaborasi/kegiatan/{world['event'].pk}/daftar-hadir/ekspor/xlsx/"
    client.force_login(world["officer"])
    rows = _xlsx(client.get(url))

    assert rows[0][:3] == ("Hari", "Nama", "Peran")
    assert rows[1][1] == "KIM Ekspor" and rows[1][4] == world["kim"].nik
    assert len(rows) == 2
    assert _recorded("attendance")[0]["format"] == "xlsx"
    assert client.get(url + "?day=1999-01-01").status_code == 404

    client.force_login(demo_users["kota-malang"])
    assert client.get(url).status_code == 404


def test_the_daftar_hadir_pdf_is_recorded(client, world):
    client.force_login(world["officer"])
    response = client.get(f"/kolaborasi/kegiatan/{world['event'].pk}/daftar-hadir/")
    assert response.status_code == 200
    assert _recorded("attendance")[0]["format"] == "pdf"


def test_campaigns_export_with_labels_and_the_state_filter(client, demo_users, world):
    client.force_login(world["officer"])
    rows = _csv(client.get("/kolaborasi/kampanye/ekspor/csv/"))
    assert rows[0][0] == "Judul kampanye"
    assert [r[0] for r in rows[1:]] == ["Kampanye Ekspor"]
    assert rows[1][1] == "Proaktif (inisiatif bersama)"
    assert len(_csv(client.get("/kolaborasi/kampanye/ekspor/csv/?state=closed"))) == 1

    client.force_login(demo_users["kota-malang"])
    assert len(_csv(client.get("/kolaborasi/kampanye/ekspor/csv/"))) == 1


def test_capacity_needs_export_names_the_needed_skills(client, demo_users, world):
    client.force_login(world["officer"])
    rows = _xlsx(client.get("/kolaborasi/kebutuhan/ekspor/xlsx/"))
    header = rows[0]
    row = dict(zip(header, rows[1], strict=True))
    assert row["Nama KIM"] == "KIM Ekspor"
    assert row["Keahlian yang dibutuhkan"] == "Penulisan"
    assert row["Pengelolaan produksi"]
    assert _recorded("capacity-needs")[0]["rows"] == 1

    client.force_login(demo_users["kota-malang"])
    assert len(_csv(client.get("/kolaborasi/kebutuhan/ekspor/csv/"))) == 1
    assert client.get("/kolaborasi/kebutuhan/ekspor/csv/?region=35.07").status_code == (
        404
    )


def test_an_unknown_format_is_404(client, world):
    client.force_login(world["officer"])
    assert client.get("/kolaborasi/kegiatan/ekspor/pdf/").status_code == 404
    assert client.get("/kolaborasi/kampanye/ekspor/ods/").status_code == 404

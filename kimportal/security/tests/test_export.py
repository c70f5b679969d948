"""The security log's export: the rows the reader may read, with the list's filters,
formula-safe, recorded itself; 404 for those who do not read the log."""

import csv
import io

import pytest

from kimportal.security.events import record_security_event
from kimportal.security.models import SecurityEvent, SecurityEventKind

pytestmark = pytest.mark.django_db


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


@pytest.fixture
def events(demo_users):
    kab, kota = demo_users["kab-malang"], demo_users["kota-malang"]
    kab.is_site_admin = True
    kab.save(update_fields=["is_site_admin"])
    SecurityEvent.objects.create(
        kind=SecurityEventKind.LOGIN_FAILED,
        username="=cmd|' /C calc'!A0",
        office=kab.office,
        region_code=kab.scope_code,
    )
    record_security_event(SecurityEventKind.DENIED, user=kota)
    return kab


def test_the_office_admin_exports_its_office_events_only(client, events):
    client.force_login(events)
    rows = _rows(client.get("/keamanan/ekspor/csv/"))
    assert rows[0][:3] == ["Waktu", "Jenis", "Nama pengguna"]
    kinds = {r[1] for r in rows[1:]}
    assert "Gagal masuk" in kinds
    assert "'=cmd|' /C calc'!A0" in {r[2] for r in rows[1:]}
    assert "Akses ditolak (403)" not in kinds  # Kota Malang's event

    exported = SecurityEvent.objects.filter(kind=SecurityEventKind.EXPORT).last()
    assert exported.detail["export"] == "security-log"


def test_the_ministry_exports_everything_with_the_kind_filter(
    client, demo_users, events
):
    client.force_login(demo_users["kementerian"])
    rows = _rows(client.get("/keamanan/ekspor/csv/?kind=denied"))
    assert [r[1] for r in rows[1:]] == ["Akses ditolak (403)"]


def test_officers_who_do_not_read_the_log_get_404(client, demo_users, events):
    officer = demo_users["kota-malang"]
    officer.is_site_admin = False  # an officer, not the office's site admin
    officer.save(update_fields=["is_site_admin"])
    client.force_login(officer)
    assert client.get("/keamanan/ekspor/csv/").status_code == 404
    client.force_login(demo_users["kl-demo"])
    assert client.get("/keamanan/ekspor/csv/").status_code == 404

"""Backup -> restore into a new, empty installation -> compare everything.

The restored installation is a fresh database (`<test db>_restore`) and a fresh private
folder; `restore` runs there as its own process, as an operator would run it."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kimportal.core.backup import private_root
from registry.choices import KimStatus
from registry.services.verification import nik_allocate
from registry.tests.view_helpers import checklist, complete_kim

pytestmark = pytest.mark.django_db(transaction=True)

BASE_DIR = Path(__file__).resolve().parent.parent


def server(dbname: str):
    db = connection.settings_dict
    return psycopg.connect(
        dbname=dbname,
        host=db["HOST"],
        port=db["PORT"],
        user=db["USER"],
        password=db.get("PASSWORD") or None,
        autocommit=True,
    )


@pytest.fixture
def empty_database():
    name = f"{connection.settings_dict['NAME']}_restore"
    with server("postgres") as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield name
    with server("postgres") as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args, database: str, private: Path, check=True):
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kimportal.settings.dev",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{database}",
        "PRIVATE_MEDIA_ROOT": str(private),
        "REDIS_URL": "",
    }
    return subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        check=check,
        timeout=300,
    )


def table_fingerprints(dbname: str) -> dict[str, tuple[int, str]]:
    """Row count and an md5 of all rows (in a fixed order) of every table."""
    with server(dbname) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
        ]
        out = {}
        for table in tables:
            out[table] = conn.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' "
                f"ORDER BY t::text), '')) FROM \"{table}\" t"
            ).fetchone()
        return out


def sequence_values(dbname: str) -> dict[str, int | None]:
    with server(dbname) as conn:
        return dict(
            conn.execute("SELECT sequencename, last_value FROM pg_sequences").fetchall()
        )


def file_hashes(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def test_backup_restores_a_new_installation_to_exactly_that_state(
    demo_users, empty_database, tmp_path
):
    officer = demo_users["kab-malang"]
    kim = complete_kim(officer, status=KimStatus.SUBMITTED)
    client = Client()
    client.force_login(officer)
    client.post(reverse("registry:kim-verify", args=[kim.pk]), checklist())
    kim.refresh_from_db()
    assert kim.status == KimStatus.VERIFIED and kim.nik
    original_files = file_hashes(private_root())
    assert len(original_files) >= 3  # the KIM's documents

    call_command("backup", output=str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("kimportal-backup-*.tar")

    restored_private = tmp_path / "restored-private"
    result = manage(
        "restore", str(archive), database=empty_database, private=restored_private
    )
    assert "Dipulihkan" in result.stdout

    source = connection.settings_dict["NAME"]
    assert table_fingerprints(empty_database) == table_fingerprints(source)
    assert sequence_values(empty_database) == sequence_values(source)
    assert file_hashes(restored_private) == original_files
    assert any(
        t.endswith("event") and count
        for t, (count, _) in table_fingerprints(empty_database).items()
    )  # history came along

    # The next NIK of the restored installation continues the sequence.
    code = "import django.db.transaction as t, django.utils.timezone as z\n"
    code += "from registry.services.verification import nik_allocate\n"
    code += f"with t.atomic(): print(nik_allocate(regency_code={kim.regency_code!r}, "
    code += "at=z.now()))"
    restored_next = manage(
        "shell", "-c", code, database=empty_database, private=restored_private
    ).stdout.split()[-1]
    with transaction.atomic():
        original_next = nik_allocate(regency_code=kim.regency_code, at=timezone.now())
    assert restored_next == original_next != kim.nik
    assert int(restored_next[-4:]) == int(kim.nik[-4:]) + 1

    # A second restore into the now non-empty installation is refused.
    refused = manage(
        "restore",
        str(archive),
        database=empty_database,
        private=restored_private,
        check=False,
    )
    assert refused.returncode != 0 and "tidak kosong" in refused.stderr


def test_a_damaged_archive_is_refused_before_anything_changes(
    demo_users, empty_database, tmp_path
):
    complete_kim(demo_users["kab-malang"], status=KimStatus.SUBMITTED)
    call_command("backup", output=str(tmp_path))
    (archive,) = tmp_path.glob("kimportal-backup-*.tar")
    data = bytearray(archive.read_bytes())
    data[-20000] ^= 0xFF  # flip a byte inside the last member
    archive.write_bytes(bytes(data))

    result = manage(
        "restore",
        str(archive),
        database=empty_database,
        private=tmp_path / "p",
        check=False,
    )
    assert result.returncode != 0
    assert "Checksum" in result.stderr or "rusak" in result.stderr
    assert table_fingerprints(empty_database) == {}

"""Backup and restore of a whole installation: the database and the private files.

An archive (`kimportal-backup-<UTC time>.tar`) holds:
- `database.dump`: `pg_dump --format=custom`, one consistent snapshot of the database
  (pg_dump reads everything in a single repeatable-read transaction);
- `private/...`: the private files (SK, letters, evidence), copied *after* the dump, so
  every file a dumped row refers to is there (files are written before their row commits
  and never deleted; an extra orphan is swept by the daily sweep);
- `manifest.json`: SHA-256 and size of every member, the PostgreSQL and pg_dump versions,
  the applied migrations. `restore` checks every checksum before it touches anything.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from django.conf import settings
from django.core.files.storage import storages
from django.db import connections

MANIFEST = "manifest.json"
DUMP = "database.dump"
PRIVATE = "private"
FORMAT_VERSION = 1


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why, in Indonesian."""


def _pg_env(settings_dict: dict) -> dict[str, str]:
    env = dict(os.environ)
    if settings_dict.get("OPTIONS", {}).get("host"):  # a socket folder in the URL query
        env["PGHOST"] = settings_dict["OPTIONS"]["host"]
    for key, name in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if settings_dict.get(key):
            env[name] = str(settings_dict[key])
    return env


def _binary(name: str) -> str:
    folder = getattr(settings, "PG_BIN_DIR", "") or ""
    path = shutil.which(name, path=folder or None)
    if not path:
        raise BackupError(f"Program {name} tidak ditemukan (atur PG_BIN_DIR).")
    return path


def _major(version_text: str) -> int:
    match = re.search(r"(\d+)(?:\.\d+)?", version_text)
    if not match:
        raise BackupError(f"Versi tidak dikenali: {version_text!r}")
    return int(match.group(1))


def _connect(settings_dict: dict):
    env = _pg_env(settings_dict)
    return psycopg.connect(
        dbname=env.get("PGDATABASE"),
        host=env.get("PGHOST"),
        port=env.get("PGPORT"),
        user=env.get("PGUSER"),
        password=env.get("PGPASSWORD"),
        connect_timeout=5,
        autocommit=True,
    )


def _server_version(settings_dict: dict) -> str:
    with _connect(settings_dict) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def _tool_version(binary: str) -> str:
    return subprocess.run(
        [binary, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()


def _checked_tool(name: str, server_version: str) -> str:
    """pg_dump/pg_restore must be at least the server's major version."""
    binary = _binary(name)
    version = _tool_version(binary)
    if _major(version) < _major(server_version):
        raise BackupError(
            f"{name} versi {version} lebih lama dari server PostgreSQL "
            f"{server_version}; pasang {name} versi {_major(server_version)}."
        )
    return binary


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def private_root() -> Path:
    return Path(storages["private"].location)


def backup_create(*, output_dir: Path) -> Path:
    """Write one archive into `output_dir`; returns its path."""
    db = connections["default"].settings_dict
    server_version = _server_version(db)
    pg_dump = _checked_tool("pg_dump", server_version)
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    with tempfile.TemporaryDirectory(dir=output_dir) as work:
        work_dir = Path(work)
        dump = work_dir / DUMP
        subprocess.run(
            [pg_dump, "--format=custom", "--no-owner", "--no-privileges", "-f", dump],
            env=_pg_env(db),
            check=True,
            capture_output=True,
        )
        members = {DUMP: dump}
        root = private_root()
        if root.is_dir():
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                members[f"{PRIVATE}/{path.relative_to(root).as_posix()}"] = path
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": datetime.now(UTC).isoformat(),
            "postgresql": server_version,
            "pg_dump": _tool_version(pg_dump),
            "database": db["NAME"],
            "migrations": _applied_migrations(db),
            "files": {
                name: {"sha256": _sha256(path), "size": path.stat().st_size}
                for name, path in members.items()
            },
        }
        partial = output_dir / f".kimportal-backup-{stamp}.tar.partial"
        with tarfile.open(partial, "w") as archive:
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            for name, path in members.items():
                archive.add(path, arcname=name, recursive=False)
        final = output_dir / f"kimportal-backup-{stamp}.tar"
        partial.rename(final)  # a half-written archive never carries the final name
    return final


def _applied_migrations(settings_dict: dict) -> list[str]:
    with _connect(settings_dict) as conn:
        rows = conn.execute(
            "SELECT app || '.' || name FROM django_migrations ORDER BY 1"
        ).fetchall()
    return [row[0] for row in rows]


def archive_verify(archive_path: Path, extract_to: Path) -> dict:
    """Extract the archive into `extract_to` and check every member against the
    manifest; returns the manifest."""
    with tarfile.open(archive_path, "r") as archive:
        archive.extractall(extract_to, filter="data")
    manifest_path = extract_to / MANIFEST
    if not manifest_path.exists():
        raise BackupError("Arsip tidak memiliki manifest.json.")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Format arsip {manifest.get('format')} tidak dikenal.")
    on_disk = {
        p.relative_to(extract_to).as_posix()
        for p in extract_to.rglob("*")
        if p.is_file() and p.name != MANIFEST
    }
    if on_disk != set(manifest["files"]):
        raise BackupError("Isi arsip tidak sama dengan daftar di manifest.")
    for name, meta in manifest["files"].items():
        if _sha256(extract_to / name) != meta["sha256"]:
            raise BackupError(f"Checksum {name} tidak cocok: arsip rusak.")
    return manifest


def _database_is_empty(settings_dict: dict) -> bool:
    with _connect(settings_dict) as conn:
        (tables,) = conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone()
    return tables == 0


def _database_wipe(settings_dict: dict) -> None:
    with _connect(settings_dict) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def backup_restore(*, archive_path: Path, force: bool = False) -> dict:
    """Bring this installation (its database and private files) to the archive's
    state. Refuses a database with tables or a private folder with files unless
    `force` (which replaces them)."""
    db = connections["default"].settings_dict
    connections.close_all()  # our own connection must not hold the schema
    root = private_root()
    has_files = root.is_dir() and any(p.is_file() for p in root.rglob("*"))
    if not force and (not _database_is_empty(db) or has_files):
        raise BackupError(
            "Instalasi tujuan tidak kosong (basis data berisi tabel atau folder berkas "
            "privat berisi berkas). Pulihkan ke instalasi baru, atau pakai --force "
            "untuk menimpanya."
        )
    server_version = _server_version(db)
    pg_restore = _checked_tool("pg_restore", server_version)
    with tempfile.TemporaryDirectory() as work:
        work_dir = Path(work)
        manifest = archive_verify(archive_path, work_dir)
        if force:
            _database_wipe(db)
            if root.is_dir():
                shutil.rmtree(root)
        result = subprocess.run(
            [
                *(pg_restore, "--no-owner", "--no-privileges", "--exit-on-error"),
                *("--single-transaction", "-d", db["NAME"], work_dir / DUMP),
            ],
            env=_pg_env(db),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_restore gagal: {result.stderr.strip()[-2000:]}")
        root.mkdir(parents=True, exist_ok=True)
        source = work_dir / PRIVATE
        if source.is_dir():
            shutil.copytree(source, root, dirs_exist_ok=True)
    if _applied_migrations(db) != manifest["migrations"]:
        raise BackupError("Daftar migrasi setelah pemulihan tidak sama dengan arsip.")
    return manifest

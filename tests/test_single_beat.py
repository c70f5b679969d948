"""Exactly one beat: a second `celery beat` refuses to start while one holds the lock."""

import os
import subprocess
import sys

import pytest
from django.db import connection

from kimportal.core import beat

pytestmark = pytest.mark.django_db(transaction=True)


def start_beat(settings, tmp_path) -> subprocess.CompletedProcess:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kimportal.core.tests.worker_settings",
        "WORKER_MAIL_DIR": str(tmp_path),
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/"
        f"{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
    }
    return subprocess.run(
        [
            *(sys.executable, "-m", "celery", "-A", "kimportal", "beat"),
            *("-s", str(tmp_path / "beat-schedule"), "-l", "info"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_second_beat_refuses_while_one_holds_the_lock(settings, tmp_path):
    holder = beat.beat_lock_acquire()  # the beat that is running
    try:
        second = start_beat(settings, tmp_path)
    finally:
        holder.close()
        beat._lock_connection = None
    assert second.returncode != 0
    assert "only one beat may run" in second.stdout + second.stderr


def test_the_lock_is_free_again_once_its_holder_is_gone():
    first = beat.beat_lock_acquire()
    first.close()  # the beat process died: PostgreSQL frees its session lock
    beat._lock_connection = None
    # Raises BeatAlreadyRunning if the dead holder's lock were still held.
    second = beat.beat_lock_acquire()
    held = second.execute(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
        "AND pid = pg_backend_pid()"
    ).fetchone()[0]
    second.close()
    beat._lock_connection = None
    assert held == 1

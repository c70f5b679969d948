"""Exactly one Celery beat: the scheduler holds a PostgreSQL advisory lock.

Two beats would send every scheduled task twice. `SingleBeatScheduler` (settings:
CELERY_BEAT_SCHEDULER) takes a session-level advisory lock on its own connection before
it reads the schedule; a second beat finds it taken and exits with a clear message. The
lock lives as long as that connection: if the beat process dies, PostgreSQL frees it and a
restarted beat (systemd `Restart=always`) takes over. Run with `celery -A kimportal beat`.
"""

from __future__ import annotations

import logging

from django_celery_beat.schedulers import DatabaseScheduler

logger = logging.getLogger(__name__)

# Any constant 64-bit number, the same in every process of the installation.
BEAT_LOCK_KEY = 0x4B494D_BEA7

_lock_connection = None


class BeatAlreadyRunning(SystemExit):
    pass


def beat_lock_acquire():
    """Take the beat lock or raise BeatAlreadyRunning; returns the holding connection."""
    global _lock_connection
    from .health import pg_connect

    connection = pg_connect()
    # The lock outlives any statement: no statement timeout on this session.
    connection.execute("SET statement_timeout = 0")
    connection.execute("SET idle_session_timeout = 0")
    taken = connection.execute(
        "SELECT pg_try_advisory_lock(%s)", [BEAT_LOCK_KEY]
    ).fetchone()[0]
    if not taken:
        connection.close()
        raise BeatAlreadyRunning(
            "Another celery beat holds the scheduler lock (PostgreSQL advisory lock "
            f"{BEAT_LOCK_KEY}); only one beat may run. This one stops."
        )
    _lock_connection = connection
    return connection


class SingleBeatScheduler(DatabaseScheduler):
    def setup_schedule(self):
        if _lock_connection is None:
            beat_lock_acquire()
            logger.info("Beat scheduler lock taken; this is the only beat.")
        super().setup_schedule()

    def tick(self, *args, **kwargs):
        # The lock is only as alive as its connection (a PostgreSQL restart drops it):
        # without it this beat stops, and its supervisor restarts it to ask again.
        try:
            _lock_connection.execute("SELECT 1")
        except Exception as exc:  # noqa: BLE001 (any failure: the lock may be gone)
            raise BeatAlreadyRunning(f"Beat scheduler lock lost: {exc}") from exc
        return super().tick(*args, **kwargs)

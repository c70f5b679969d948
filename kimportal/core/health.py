"""Readiness checks of the portal's dependencies, each bounded in time.

`readiness()` runs every check in its own thread and waits at most `DEADLINE` seconds in
all: a check that has not answered by then is reported as broken ("tidak menjawab"), so
a load balancer's probe gets an answer within 2 s whatever is broken (a silent Redis, a
PostgreSQL that accepts and never answers, a hung disk). The checks use their own
connections (never the request's Django connection), with 1 s connect/read timeouts.
"""

from __future__ import annotations

import os
import time
import uuid
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from functools import cache

import psycopg
from django.conf import settings
from django.db import connections

DEADLINE = 1.5
# The dispatcher runs every minute and retries after 1-2-4-8-16 minutes: a pending
# message older than this means the dispatcher or the broker is not working.
OUTBOX_MAX_AGE_SECONDS = 30 * 60


@dataclass
class Check:
    name: str
    ok: bool
    detail: str = ""
    data: dict = field(default_factory=dict)
    ms: int = 0


def pg_connect():
    db = connections["default"].settings_dict
    return psycopg.connect(
        dbname=db["NAME"],
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        host=db.get("HOST") or db.get("OPTIONS", {}).get("host") or None,
        port=db.get("PORT") or None,
        connect_timeout=1,
        options="-c statement_timeout=1000",
        autocommit=True,
    )


@cache
def _migration_leaves() -> frozenset[tuple[str, str]]:
    """The newest migration of each app on disk (files do not change while we run)."""
    from django.db.migrations.loader import MigrationLoader

    return frozenset(
        MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes()
    )


def check_database() -> list[Check]:
    """PostgreSQL reachable, migrations applied, outbox backlog: one connection."""
    with pg_connect() as conn:
        applied = set(
            conn.execute("SELECT app, name FROM django_migrations").fetchall()
        )
        pending, oldest, failed = conn.execute(
            "SELECT count(*) FILTER (WHERE state = 'pending'),"
            " extract(epoch FROM now() - min(created_at)"
            "   FILTER (WHERE state = 'pending')),"
            " count(*) FILTER (WHERE state = 'failed')"
            " FROM core_outboxmessage WHERE state IN ('pending', 'failed')"
        ).fetchone()
    missing = sorted(f"{app}.{name}" for app, name in _migration_leaves() - applied)
    age = int(oldest or 0)
    return [
        Check("postgresql", True),
        Check(
            "migrations",
            not missing,
            ("belum diterapkan: " + ", ".join(missing[:5])) if missing else "",
        ),
        Check(
            "outbox",
            age < OUTBOX_MAX_AGE_SECONDS,
            f"pesan tertua menunggu {age // 60} menit" if pending else "",
            {"pending": pending, "oldest_age_seconds": age, "failed": failed},
        ),
    ]


def check_redis() -> list[Check]:
    if not settings.REDIS_URL:
        return [Check("redis", True, "tidak dipakai (pengembangan)")]
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    client = redis.Redis.from_url(
        settings.REDIS_URL,
        socket_connect_timeout=1,
        socket_timeout=1,
        retry=Retry(NoBackoff(), 0),
    )
    try:
        client.ping()
    finally:
        client.close()
    return [Check("redis", True)]


def check_storage() -> list[Check]:
    """The private files' folder exists and takes a write."""
    from django.core.files.storage import storages

    root = storages["private"].location
    probe = os.path.join(root, f".readyz-{uuid.uuid4().hex}")
    os.makedirs(root, exist_ok=True)
    with open(probe, "wb") as handle:
        handle.write(b"ok")
    os.remove(probe)
    return [Check("storage", True)]


CHECKS = {
    # what a failure is called: the check; a failed check names these dependencies
    "postgresql": (check_database, ("postgresql", "migrations", "outbox")),
    "redis": (check_redis, ("redis",)),
    "storage": (check_storage, ("storage",)),
}


def _timed(function):
    started = time.monotonic()
    checks = function()
    for check in checks:
        check.ms = int((time.monotonic() - started) * 1000)
    return checks


def readiness(deadline: float = DEADLINE) -> list[Check]:
    """Every check, in a fixed order, within `deadline` seconds in all."""
    pool = ThreadPoolExecutor(max_workers=len(CHECKS), thread_name_prefix="readyz")
    futures = {name: pool.submit(_timed, fn) for name, (fn, _) in CHECKS.items()}
    wait(futures.values(), timeout=deadline)
    pool.shutdown(wait=False)  # a stuck check ends on its own socket timeout
    results: list[Check] = []
    for name, future in futures.items():
        names = CHECKS[name][1]
        if not future.done():
            results += [Check(n, False, "tidak menjawab") for n in names[:1]]
        elif future.exception() is not None:
            exc = future.exception()
            detail = f"{type(exc).__name__}: {exc}"[:300]
            results += [Check(n, False, detail) for n in names[:1]]
        else:
            results += future.result()
    return results

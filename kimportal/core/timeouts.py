"""PostgreSQL statement timeouts by process role.

A web request must not wait long on one query (the user gets the "coba lagi" page after
DATABASE_STATEMENT_TIMEOUT_WEB seconds); a Celery job may run longer queries (imports,
recomputes: DATABASE_STATEMENT_TIMEOUT_JOBS). Management commands (migrate, backup,
restore) keep PostgreSQL's default (no limit). The WSGI/ASGI entry points and the Celery
worker declare their role; each new connection of the process then sets its timeout.
"""

from __future__ import annotations

from django.conf import settings
from django.db.backends.signals import connection_created

_role: str | None = None


def set_process_role(role: str) -> None:
    """`web` or `jobs`; every connection opened afterwards gets that role's timeout."""
    global _role
    if role not in ("web", "jobs"):
        raise ValueError(role)
    _role = role
    connection_created.connect(_apply, dispatch_uid="kimportal-statement-timeout")


def statement_timeout_ms(role: str | None) -> int | None:
    if role == "web":
        return settings.DATABASE_STATEMENT_TIMEOUT_WEB * 1000
    if role == "jobs":
        return settings.DATABASE_STATEMENT_TIMEOUT_JOBS * 1000
    return None


def _apply(sender, connection, **kwargs) -> None:
    timeout = statement_timeout_ms(_role)
    if timeout is None or connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('statement_timeout', %s, false)", [str(timeout)]
        )

"""`record_security_event`: the one way anything writes the security log.

Cheap (one INSERT) and never raises into its caller: a failure to log is itself logged
(to the process log) and the request goes on.

Surviving the caller's rollback: when the caller is inside a real `transaction.atomic`
block (a service that is about to refuse and roll back, say), the row is written on a
second database connection (`SECURITY_LOG_DATABASE`, the same database in autocommit),
so it is committed at once and outlives the rollback. Outside any atomic block (the
norm: requests are not atomic here, and the middleware records 403/404 after the view
has returned) the default connection is already in autocommit and is used directly,
which costs no second connection. The atomic blocks a test case opens around each test
do not count, so tests see the row in their own transaction.
"""

import logging
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from .models import SecurityEvent, SecurityEventKind

logger = logging.getLogger(__name__)

_PATH_MAX = 500
_USERNAME_MAX = 150


def record_security_event(
    kind: str, *, request=None, user=None, **detail: Any
) -> SecurityEvent | None:
    """Append one event of `kind` (a `SecurityEventKind` value). `request` gives the
    client address, method, path and (unless `user` is given) the user; `detail` is
    stored as JSON (keep it small and free of secrets). Returns the row, or None when
    it could not be written."""
    try:
        event = _build(kind, request=request, user=user, detail=detail)
        event.save(using=_database_for_write())
        return event
    except Exception:  # noqa: BLE001 - the log must never break the request it logs
        logger.exception("security event %s could not be recorded", kind)
        return None


def _build(kind: str, *, request, user, detail: dict) -> SecurityEvent:
    if kind not in SecurityEventKind.values:
        raise ValueError(f"unknown security event kind {kind!r}")
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        if candidate is not None and candidate.is_authenticated:
            user = candidate
    username = detail.pop("username", None)
    event = SecurityEvent(kind=kind, detail=_jsonable(detail))
    if user is not None and getattr(user, "pk", None):
        event.user_id = user.pk
        event.username = user.get_username()[:_USERNAME_MAX]
        event.office_id = user.office_id
        # A province or kab/kota officer's office region is what scoping compares.
        event.region_code = (user.scope_code or "") if user.office_id else ""
    elif username:
        event.username = str(username)[:_USERNAME_MAX]
    if request is not None:
        event.client_address = _address(request)
        event.method = request.method or ""
        event.path = request.get_full_path()[:_PATH_MAX]
    return event


def _address(request) -> str | None:
    # The trusted-proxy rule lives with the throttles (one place for every reader).
    from kimportal.core.throttle import client_address

    address = client_address(request)
    return address or None


def _jsonable(detail: dict) -> dict:
    """Values that JSON can hold (querysets, dates, lazy strings become text)."""
    clean: dict[str, Any] = {}
    for key, value in detail.items():
        if isinstance(value, (str, int, float, bool)) or value is None:
            clean[key] = value
        elif isinstance(value, dict):
            clean[key] = _jsonable(value)
        elif isinstance(value, (list, tuple)):
            clean[key] = [
                v if isinstance(v, (str, int, float, bool)) else str(v) for v in value
            ]
        else:
            clean[key] = str(value)
    return clean


def _database_for_write() -> str:
    connection = connections[DEFAULT_DB_ALIAS]
    if _in_real_atomic_block(connection):
        return settings.SECURITY_LOG_DATABASE
    return DEFAULT_DB_ALIAS


def _in_real_atomic_block(connection) -> bool:
    if not connection.in_atomic_block:
        return False
    # Django marks the blocks a TestCase opens around each test; they are not the
    # caller's transaction.
    return any(
        not getattr(block, "_from_testcase", False)
        for block in connection.atomic_blocks
    )

"""The accounts app's entries in the security log (kept by the core)."""

import logging

logger = logging.getLogger("kimportal.security")


def security_event(kind: str, *, request=None, user=None, **detail) -> None:
    logger.info("%s user=%s %s", kind, getattr(user, "pk", None), detail)

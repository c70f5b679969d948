"""The accounts app's entries in the security log (kimportal.security).

MFA enrolment and failure, token issue and revoke go to the security log; login,
failure and lockout are recorded there from Django's and django-axes' signals. The
office-team kinds (account_invited, account_deactivated, site_admin_changed) are written
once the log knows them; until then they go to the process log, and pghistory keeps
every change of the User rows with the acting user as context.
"""

import logging

from kimportal.security.events import record_security_event
from kimportal.security.models import SecurityEventKind

logger = logging.getLogger("kimportal.security")


def security_event(kind: str, *, request=None, user=None, **detail) -> None:
    if kind in SecurityEventKind.values:
        record_security_event(kind, request=request, user=user, **detail)
    else:
        logger.info("%s by=%s %s", kind, getattr(user, "pk", None), detail)

"""The accounts app's entries in the security log (kimportal.security).

MFA enrolment and failure, token issue and revoke, and office-team changes
(account_invited, account_deactivated, site_admin_changed) are written here; login,
failure and lockout are recorded from Django's and django-axes' signals.
"""

from kimportal.security.events import record_security_event


def security_event(kind: str, *, request=None, user=None, **detail) -> None:
    record_security_event(kind, request=request, user=user, **detail)

"""Login, failed login and lockout, recorded from the signals Django and django-axes
send (their views are not ours to change)."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from .events import record_security_event
from .models import SecurityEventKind


@receiver(user_logged_in, dispatch_uid="security_login_succeeded")
def _login_succeeded(sender, request, user, **kwargs):
    record_security_event(SecurityEventKind.LOGIN_SUCCEEDED, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="security_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # `credentials` has the password masked by Django; only the username is kept.
    record_security_event(
        SecurityEventKind.LOGIN_FAILED,
        request=request,
        username=str(credentials.get("username", ""))[:150],
    )


@receiver(user_locked_out, dispatch_uid="security_lockout")
def _locked_out(sender, request, username, ip_address, **kwargs):
    record_security_event(
        SecurityEventKind.LOCKOUT,
        request=request,
        username=username or "",
        locked_address=ip_address,
    )

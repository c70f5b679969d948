"""Session lifetime (issue 7, ASVS V7): a signed-in session ends SESSION_IDLE_SECONDS
after its last request and SESSION_ABSOLUTE_SECONDS after the login, whichever comes
first. The cookie's own age (SESSION_COOKIE_AGE) is only the outer bound; these limits
are checked on the server, so a kept cookie does not keep a session alive."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

STARTED = "kimportal_auth_started"
LAST_SEEN = "kimportal_last_seen"
# Refresh the idle clock at most once a minute: a session write on every request would
# cost a database write per page.
LAST_SEEN_RESOLUTION = 60


@receiver(user_logged_in, dispatch_uid="kimportal.accounts.sessions.started")
def _remember_login_time(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[STARTED] = now
        request.session[LAST_SEEN] = now


def session_expired(session, now: float) -> bool:
    started = session.get(STARTED)
    last_seen = session.get(LAST_SEEN)
    if started is None or last_seen is None:
        return True  # a session from before these limits: sign in again
    return (
        now - started > settings.SESSION_ABSOLUTE_SECONDS
        or now - last_seen > settings.SESSION_IDLE_SECONDS
    )


class SessionTimeoutMiddleware:
    """Goes right after AuthenticationMiddleware: an expired session is logged out
    before anything reads `request.user`'s rights."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get("_auth_user_id"):
            now = time.time()
            if session_expired(session, now):
                logout(request)
            elif now - session[LAST_SEEN] >= LAST_SEEN_RESOLUTION:
                session[LAST_SEEN] = int(now)
        return self.get_response(request)

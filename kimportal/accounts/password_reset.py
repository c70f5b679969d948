"""The "forgot password" form, rate-limited (issue 7, finding 9).

Each client address and each account get a few reset mails per hour; past that the form
answers exactly as if it had sent one, so the answer never tells whether an address has
an account, nor whether a limit was hit (no account enumeration, no mail flood)."""

import hashlib

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect

from kimportal.core import throttle

WINDOW_SECONDS = 3600


def account_counter_key(email: str) -> str:
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return throttle.counter_key("password-reset-account", digest)


class RateLimitedPasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        address_allowed = throttle.allow(
            self.request,
            action="password-reset",
            limit=settings.PASSWORD_RESET_PER_ADDRESS_PER_HOUR,
            window_seconds=WINDOW_SECONDS,
        )
        account_allowed = address_allowed and throttle.allow_key(
            account_counter_key(form.cleaned_data["email"]),
            limit=settings.PASSWORD_RESET_PER_ACCOUNT_PER_HOUR,
            window_seconds=WINDOW_SECONDS,
        )
        if account_allowed:
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())

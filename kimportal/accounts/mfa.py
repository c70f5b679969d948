"""Second factor (issue 7, finding 5; ASVS V6.3): TOTP with recovery codes, from
django-otp's TOTP and static devices.

Staff (ministry, province, kab/kota, agency) must use it: at their first login they
enrol (QR code, then one code), later every login asks a code or a recovery code. A KIM
account may enrol too, and is then asked like staff.

Where a session stands is kept in the session itself (MFA_STATE, set at login), so
checking it costs no query per request: `SecondFactorMiddleware` sends a session that
still owes its second factor to the verify (or enrol) page from every URL except the few
that lead there or out (EXEMPT_URL_NAMES), and API calls made with such a session get 403.
"""

import base64
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Role

MFA_STATE = "kimportal_mfa"
PENDING = "pending"
VERIFIED = "verified"
NOT_USED = "none"
STAFF_ROLES = {Role.MINISTRY, Role.PROVINCE, Role.REGENCY, Role.AGENCY}
RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "Aplikasi autentikator"

# Reachable while the second factor is owed: the way in, the way out, and password reset
# (a locked or lost account must still be recoverable).
EXEMPT_URL_NAMES = {
    "login",
    "logout",
    "accounts:mfa-verify",
    "accounts:mfa-setup",
    "accounts:password-reset",
    "accounts:password-reset-done",
    "accounts:password-reset-confirm",
    "accounts:password-reset-complete",
}
EXEMPT_PREFIXES = ("/static/", "/media/")


def mfa_mandatory(user) -> bool:
    return user.effective_role in STAFF_ROLES


def confirmed_totp(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def mfa_needed(user) -> bool:
    """Whether `user` must give a second factor at login (staff always; others once they
    enrolled)."""
    return mfa_mandatory(user) or confirmed_totp(user) is not None


@receiver(user_logged_in, dispatch_uid="kimportal.accounts.mfa.state")
def _second_factor_owed(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[MFA_STATE] = PENDING if mfa_needed(user) else NOT_USED


def mark_verified(request) -> None:
    request.session.cycle_key()  # a new session id for the newly trusted session
    request.session[MFA_STATE] = VERIFIED


def session_owes_second_factor(session) -> bool:
    return bool(session.get("_auth_user_id")) and session.get(MFA_STATE) not in (
        VERIFIED,
        NOT_USED,
    )


def _exempt(request) -> bool:
    if request.path.startswith(EXEMPT_PREFIXES):
        return True
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return True  # a 404 anyway
    return match.view_name in EXEMPT_URL_NAMES


class SecondFactorMiddleware:
    """After AuthenticationMiddleware and SessionTimeoutMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if (
            session is not None
            and session_owes_second_factor(session)
            and not _exempt(request)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Masukkan kode verifikasi dua langkah dahulu.")},
                    status=403,
                )
            return redirect(
                f"{reverse('accounts:mfa-verify')}?next={quote(request.get_full_path())}"
            )
        return self.get_response(request)


# --- devices ---------------------------------------------------------------------


def verify_code(user, code: str) -> bool:
    """True when `code` is a current TOTP code of the user's confirmed device or one of
    their unused recovery codes (which is then used up). django-otp throttles repeated
    failures per device and refuses a TOTP code used before."""
    code = (code or "").strip().replace(" ", "")
    if not code:
        return False
    device = confirmed_totp(user)
    if device is not None and code.isdigit() and device.verify_token(code):
        return True
    for static in StaticDevice.objects.filter(user=user, confirmed=True):
        if static.verify_token(code.lower()):
            return True
    return False


def pending_totp(user) -> TOTPDevice:
    """The device being enrolled (unconfirmed), made on first use."""
    device = (
        TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    )
    return device or TOTPDevice.objects.create(
        user=user, name=DEVICE_NAME, confirmed=False
    )


def base32_secret(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode()


def provisioning_uri(device: TOTPDevice) -> str:
    issuer = quote(settings.OTP_TOTP_ISSUER)
    label = quote(f"{settings.OTP_TOTP_ISSUER}:{device.user.get_username()}")
    return (
        f"otpauth://totp/{label}?secret={base32_secret(device)}&issuer={issuer}"
        f"&digits={device.digits}&period={device.step}"
    )


def confirm_enrolment(device: TOTPDevice) -> list[str]:
    """Confirm the TOTP device (replacing any earlier one) and issue fresh recovery
    codes, returned once in clear."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=device.user).delete()
    static = StaticDevice.objects.create(
        user=device.user, name=_("Kode pemulihan"), confirmed=True
    )
    codes = [StaticToken.random_token() for _n in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        [StaticToken(device=static, token=code) for code in codes]
    )
    return codes


def give_demo_device(user) -> TOTPDevice:
    """A confirmed TOTP device whose secret is DEMO_TOTP_SECRET (demo accounts only)."""
    key = base64.b32decode(settings.DEMO_TOTP_SECRET.upper()).hex()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return TOTPDevice.objects.create(
            user=user, name=DEVICE_NAME, key=key, confirmed=True
        )
    if device.key != key:
        device.key = key
        device.save(update_fields=["key"])
    return device


def current_code(device: TOTPDevice) -> str:
    """The device's code right now (tests and the browser login helper)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"

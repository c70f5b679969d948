"""The account's own security pages: second-factor verification and enrolment
(kimportal.accounts.mfa) and the list of its API tokens."""

from urllib.parse import quote

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import mfa
from .events import security_event
from .tokens import token_list, token_revoke


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Kode verifikasi"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@login_required
def mfa_verify_view(request):
    """The second step of every login of an account that uses a second factor."""
    if mfa.confirmed_totp(request.user) is None:
        return redirect(
            f"{_url('accounts:mfa-setup')}?next={quote(_next_url(request))}"
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if mfa.verify_code(request.user, form.cleaned_data["code"]):
            mfa.mark_verified(request)
            return redirect(_next_url(request))
        security_event("mfa_failed", request=request, user=request.user)
        form.add_error(
            "code", _("Kode salah atau sudah dipakai. Coba kode berikutnya.")
        )
    return render(
        request,
        "accounts/mfa_verify.html",
        {"form": form, "next": _next_url(request)},
        status=400 if form.errors else 200,
    )


@login_required
def mfa_setup_view(request):
    """Enrol an authenticator app: forced for staff without one, optional for a KIM.
    An account already verified in this session may re-enrol (a new phone)."""
    if mfa.session_owes_second_factor(request.session) and mfa.confirmed_totp(
        request.user
    ):
        raise Http404  # owes a code of its existing device: enrolling would bypass it
    device = mfa.pending_totp(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            codes = mfa.confirm_enrolment(device)
            mfa.mark_verified(request)
            security_event("mfa_enrolled", request=request, user=request.user)
            return render(
                request,
                "accounts/mfa_recovery_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        security_event("mfa_failed", request=request, user=request.user)
        form.add_error("code", _("Kode salah. Periksa jam ponsel Anda dan coba lagi."))
    qr = segno.make(mfa.provisioning_uri(device), error="m")
    return render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "secret": mfa.base32_secret(device),
            "qr_svg": mark_safe(qr.svg_inline(scale=4, omitsize=False)),  # noqa: S308
            "mandatory": mfa.mfa_mandatory(request.user),
            "next": _next_url(request),
        },
        status=400 if form.errors else 200,
    )


@login_required
def token_list_view(request):
    """The account's API tokens: when each was made and when it expires."""
    return render(
        request, "accounts/token_list.html", {"tokens": token_list(user=request.user)}
    )


@login_required
@require_POST
def token_revoke_view(request, key: str):
    if not token_revoke(user=request.user, key=key, request=request):
        raise Http404
    messages.success(
        request, _("Token dicabut. Aplikasi yang memakainya harus masuk lagi.")
    )
    return redirect("accounts:token-list")


def _url(name: str) -> str:
    from django.urls import reverse

    return reverse(name)

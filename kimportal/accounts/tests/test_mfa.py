"""Issue 7, finding 5: staff sign in with a second factor (TOTP or a recovery code);
a KIM may opt in. These tests go through the real forms (marker `real_mfa`)."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import DEMO_PASSWORD, totp_now
from kimportal.accounts.mfa import MFA_STATE, VERIFIED

from .factories import UserFactory
from .signin import enrol, password_step

pytestmark = pytest.mark.real_mfa


def test_staff_login_asks_the_code_then_opens_the_page_asked_for(client, demo_users):
    password_step(client, "kab-malang", DEMO_PASSWORD)
    wanted = reverse("accounts:password-change")

    detour = client.get(wanted)
    assert detour.status_code == 302
    assert detour.url == f"{reverse('accounts:mfa-verify')}?next={wanted}"

    wrong = client.post(detour.url, {"code": "000000"})
    assert wrong.status_code == 400
    assert "Kode salah" in wrong.content.decode()
    right = client.post(detour.url, {"code": totp_now("kab-malang")})
    assert right.status_code == 302
    assert right.url == wanted
    assert client.get(wanted).status_code == 200
    assert client.session[MFA_STATE] == VERIFIED


def test_a_code_cannot_be_used_twice(client, demo_users):
    code = totp_now("kab-malang")
    password_step(client, "kab-malang", DEMO_PASSWORD)
    assert (
        client.post(reverse("accounts:mfa-verify"), {"code": code}).status_code == 302
    )

    other = client.__class__()
    password_step(other, "kab-malang", DEMO_PASSWORD)
    again = other.post(reverse("accounts:mfa-verify"), {"code": code})

    assert again.status_code == 400


def test_new_staff_must_enrol_and_gets_recovery_codes_that_work_once(client, regions):
    officer = UserFactory(username="petugas-baru", password="Sandi-Kuat-2026")
    assert officer.role == "regency"
    password_step(client, "petugas-baru", "Sandi-Kuat-2026")
    assert client.get(reverse("home")).status_code == 302
    assert client.get(reverse("accounts:mfa-verify")).url.startswith(
        reverse("accounts:mfa-setup")
    )

    setup = client.get(reverse("accounts:mfa-setup"))
    assert "<svg" in setup.content.decode()  # the QR code, drawn on the server
    _secret, done = enrol(client)
    codes = done.context["codes"]
    assert len(codes) == 10
    assert client.get(reverse("home")).status_code == 200

    again = client.__class__()
    password_step(again, "petugas-baru", "Sandi-Kuat-2026")
    assert (
        again.post(reverse("accounts:mfa-verify"), {"code": codes[0]}).status_code
        == 302
    )
    third = client.__class__()
    password_step(third, "petugas-baru", "Sandi-Kuat-2026")
    assert (
        third.post(reverse("accounts:mfa-verify"), {"code": codes[0]}).status_code
        == 400
    )
    assert StaticToken.objects.filter(device__user=officer).count() == 9


def test_a_session_owing_its_code_cannot_enrol_a_new_device(client, demo_users):
    password_step(client, "kab-malang", DEMO_PASSWORD)

    assert client.get(reverse("accounts:mfa-setup")).status_code == 404
    assert TOTPDevice.objects.filter(user=demo_users["kab-malang"]).count() == 1


def test_kim_accounts_opt_in_and_are_then_asked(client, regions):
    UserFactory(username="anggota-kim", password="Sandi-Kuat-2026", role="kim")
    password_step(client, "anggota-kim", "Sandi-Kuat-2026")
    assert client.get(reverse("accounts:password-change")).status_code == 200

    enrol(client)
    later = client.__class__()
    password_step(later, "anggota-kim", "Sandi-Kuat-2026")

    assert later.get(reverse("accounts:password-change")).status_code == 302


def test_demo_staff_devices_use_the_documented_secret(demo_users, settings):
    import base64

    device = TOTPDevice.objects.get(user=demo_users["kementerian"])

    assert device.confirmed
    assert base64.b32encode(device.bin_key).decode() == settings.DEMO_TOTP_SECRET
    assert not TOTPDevice.objects.filter(user__role="kim").exists()


def test_mfa_failures_and_enrolment_are_in_the_security_log(client, regions):
    from kimportal.security.models import SecurityEvent

    officer = UserFactory(username="petugas-log", password="Sandi-Kuat-2026")
    password_step(client, "petugas-log", "Sandi-Kuat-2026")
    client.post(reverse("accounts:mfa-setup"), {"code": "000000"})
    # django-otp makes the next try wait after a failure; a person waits a second.
    TOTPDevice.objects.filter(user=officer).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    enrol(client)

    kinds = list(
        SecurityEvent.objects.filter(user_id=officer.pk)
        .order_by("id")
        .values_list("kind", flat=True)
    )
    assert "mfa_failed" in kinds
    assert kinds[-1] == "mfa_enrolled"

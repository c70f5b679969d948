"""Finding 2 and 3 of issue 7: the client's address is not what the client says, and a
lockout binds one username to one address."""

from django.test import RequestFactory
from django.urls import reverse

from conftest import DEMO_PASSWORD
from kimportal.accounts.models import SiteAdminApplication
from kimportal.core.throttle import client_address

from .conftest import letter_pdf
from .test_views import APPLY_FORM


def address_of(settings, proxies: int, forwarded: str | None, remote="10.0.0.9"):
    settings.TRUSTED_PROXY_COUNT = proxies
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **meta))


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(settings):
    assert address_of(settings, 0, "203.0.113.5") == "10.0.0.9"


def test_behind_one_proxy_the_hop_it_appended_is_the_client(settings):
    # The client forged "1.2.3.4"; our proxy appended the address it really saw.
    assert address_of(settings, 1, "1.2.3.4, 203.0.113.5") == "203.0.113.5"
    assert address_of(settings, 1, "203.0.113.5") == "203.0.113.5"


def test_behind_two_proxies_only_their_hops_are_believed(settings):
    chain = "1.2.3.4, 203.0.113.5, 10.0.0.8"
    assert address_of(settings, 2, chain) == "203.0.113.5"


def test_a_request_that_bypassed_the_proxy_counts_as_its_socket(settings):
    assert address_of(settings, 1, None) == "10.0.0.9"


def test_changing_x_forwarded_for_does_not_escape_the_application_limit(
    client, regions
):
    answers = []
    for number in range(6):
        answers.append(
            client.post(
                reverse("accounts:apply"),
                {
                    **APPLY_FORM,
                    "email": f"pegawai{number}@malangkab.go.id",
                    "letter": letter_pdf(),
                },
                HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
            ).status_code
        )

    assert answers == [302] * 5 + [429]
    assert SiteAdminApplication.objects.count() == 5


def login(client, username, password, address):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


ATTACKER = "198.51.100.66"
OWNER = "203.0.113.10"


def test_an_attackers_failures_do_not_lock_the_owner_out_elsewhere(client, demo_users):
    for _attempt in range(8):
        login(client, "kab-malang", "tebakan", ATTACKER)
    assert login(client, "kab-malang", DEMO_PASSWORD, ATTACKER).status_code == 429

    response = login(client, "kab-malang", DEMO_PASSWORD, OWNER)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(demo_users["kab-malang"].pk)


def test_a_forged_forwarded_header_does_not_spread_the_lockout(client, demo_users):
    for number in range(6):
        client.post(
            reverse("login"),
            {"username": "kab-malang", "password": "tebakan"},
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
        )

    # Every failure counted against the attacker's real address.
    assert login(client, "kab-malang", DEMO_PASSWORD, ATTACKER).status_code == 429


def _age_attempts(minutes: int) -> None:
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.db.models import F

    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - timedelta(minutes=minutes)
    )


def test_failures_during_lockout_do_not_extend_it(client, demo_users):
    for _attempt in range(5):
        login(client, "kab-malang", "tebakan", ATTACKER)
    _age_attempts(10)
    for _attempt in range(5):
        assert login(client, "kab-malang", "tebakan", ATTACKER).status_code == 429
    _age_attempts(6)  # 16 minutes after the lock began; the cool-off is 15

    response = login(client, "kab-malang", DEMO_PASSWORD, ATTACKER)

    assert response.status_code == 302


def test_a_locked_out_user_can_still_reset_the_password(client, demo_users, mailoutbox):
    for _attempt in range(5):
        login(client, "kab-malang", "tebakan", "127.0.0.1")

    response = client.post(
        reverse("accounts:password-reset"), {"email": "kab-malang@kominfo.example"}
    )

    assert response.status_code == 302
    assert len(mailoutbox) == 1


def reset(client, email, address="127.0.0.1"):
    return client.post(
        reverse("accounts:password-reset"), {"email": email}, REMOTE_ADDR=address
    )


def test_password_reset_mails_are_limited_per_account(client, demo_users, mailoutbox):
    answers = [
        reset(client, "kab-malang@kominfo.example", f"198.51.100.{n}") for n in range(8)
    ]

    assert len(mailoutbox) == 3
    # The same answer every time: nothing tells the limit was reached.
    assert {(a.status_code, a.url) for a in answers} == {
        (302, reverse("accounts:password-reset-done"))
    }


def test_password_reset_is_limited_per_address(client, demo_users, mailoutbox):
    emails = [f"{name}@kominfo.example" for name in demo_users]
    answers = [reset(client, email, ATTACKER) for email in emails]

    assert len(mailoutbox) == 5
    assert {a.status_code for a in answers} == {302}


def test_password_reset_answers_alike_for_unknown_addresses(client, demo_users):
    known = reset(client, "kab-malang@kominfo.example")
    unknown = reset(client, "tidak-ada@kominfo.example")

    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)

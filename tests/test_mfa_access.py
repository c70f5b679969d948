"""Issue 7, finding 5: a staff session that gave only its password reaches no page and
no API operation; it is sent to the second-factor step from every URL of the project
except the ones that lead there or out (kimportal.accounts.mfa.EXEMPT_URL_NAMES)."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import DEMO_PASSWORD
from kimportal.accounts.mfa import EXEMPT_URL_NAMES

from .test_access import build_whole_world, iter_url_patterns, url_for

STAFF = ("kementerian", "prov-jatim", "kab-malang", "kl-demo")


@pytest.mark.real_mfa
@pytest.mark.django_db
def test_password_only_staff_sessions_reach_nothing_but_the_second_factor(demo_users):
    world = build_whole_world(demo_users)
    clients = {}
    for username in STAFF:
        clients[username] = Client()
        answer = clients[username].post(
            reverse("login"), {"username": username, "password": DEMO_PASSWORD}
        )
        assert answer.status_code == 302, username
    verify = reverse("accounts:mfa-verify")
    leaks = []
    checked = 0
    for key, _route, pattern in iter_url_patterns():
        if key in EXEMPT_URL_NAMES:
            continue
        url = url_for(key, pattern, world) if not key.startswith("admin") else None
        if url is None:
            continue
        for username, client in clients.items():
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                checked += 1
                if url.startswith("/api/"):
                    ok = response.status_code == 403
                else:
                    ok = response.status_code == 302 and response[
                        "Location"
                    ].startswith(verify)
                if not ok:
                    leaks.append(
                        f"{method.upper()} {url} as {username}: {response.status_code}"
                    )
    assert checked > 400
    assert leaks == [], "\n".join(leaks)


@pytest.mark.real_mfa
def test_admin_pages_also_wait_for_the_second_factor(client, demo_users):
    client.post(
        reverse("login"), {"username": "kementerian", "password": DEMO_PASSWORD}
    )

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa-verify"))

"""Every page of the role × URL matrix (tests/test_access.py), hardened:

- issue 7, finding 11: each response carries the strict Content-Security-Policy, and no
  HTML page holds an inline script, an inline event handler or a style attribute;
- issue 7, finding 12: NUL, overlong and odd-Unicode values in every query parameter a
  page offers (its GET forms) or declares (`EXTRA_PARAMETERS`) never give a 5xx.
"""

import re

import pytest
from django.test import Client

from .access_world import ROLES
from .test_access import build_whole_world, is_admin, iter_url_patterns, url_for

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I
)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.I)
GET_FORM = re.compile(r"<form(?![^>]*method=\"post\")[^>]*>(.*?)</form>", re.I | re.S)
FIELD_NAME = re.compile(r"<(?:input|select|textarea)[^>]*\bname=\"([^\"]+)\"", re.I)

# Query parameters read by views and APIs that no GET form on the page shows.
EXTRA_PARAMETERS = (
    "q",
    "page",
    "page_size",
    "sort",
    "format",
    "province",
    "regency",
    "district",
    "village",
    "within",
    "area",
    "period",
    "kim",
    "month",
    "state",
    "material",
    "platform",
    "table",
    "all",
    "status",
    "partnership",
    "kind",
    "username",
    "date_from",
    "date_to",
    "next",
    "region",
    "level",
    "parent",
)
BAD_VALUES = (
    "abc\x00def",
    "9" * 5000,
    "\u202e\u0301\ufeff\U0001f600\ud7ff\uffff",
)


def _world(demo_users):
    world = build_whole_world(demo_users)
    users = {**demo_users, "kim-demo": world["kim"].members.get(active=True).user}
    # A server error is collected as a 500 rather than raised, to list them all.
    clients = {"anonymous": Client(raise_request_exception=False)}
    for role in ROLES[1:]:
        clients[role] = Client(raise_request_exception=False)
        clients[role].force_login(users[role])
    return world, clients


def _pages(world):
    for key, _route, pattern in iter_url_patterns():
        yield key, url_for(key, pattern, world)


def test_every_page_has_the_csp_and_no_inline_script(demo_users):
    world, clients = _world(demo_users)
    problems = []
    for key, url in _pages(world):
        for role, client in clients.items():
            response = client.get(url)
            policy = response.get("Content-Security-Policy", "")
            for directive in (
                "default-src 'self'",
                "script-src 'self'",
                "frame-ancestors 'none'",
                "form-action 'self'",
            ):
                if directive not in policy:
                    problems.append(f"{key} as {role}: no {directive!r} in CSP")
            if "unsafe-inline" in policy or "unsafe-eval" in policy:
                problems.append(f"{key} as {role}: unsafe source in CSP")
            if is_admin(key) or "html" not in response.get("Content-Type", ""):
                continue
            body = (
                b"".join(response.streaming_content)
                if response.streaming
                else (response.content)
            )
            html = body.decode("utf-8", "replace")
            for name, pattern in (
                ("inline <script>", INLINE_SCRIPT),
                ("inline handler", INLINE_HANDLER),
                ("style attribute", STYLE_ATTRIBUTE),
            ):
                found = pattern.search(html)
                if found:
                    problems.append(f"{key} as {role}: {name} {found.group(0)[:80]}")
    assert problems == [], "\n".join(sorted(set(problems)))


def _parameters_offered(html: str) -> set[str]:
    names = set()
    for form in GET_FORM.findall(html):
        names.update(FIELD_NAME.findall(form))
    return names - {"csrfmiddlewaretoken"}


def test_odd_query_values_never_give_a_server_error(demo_users):
    world, clients = _world(demo_users)
    # The roles that open most pages: a kab/kota officer, the ministry, a KIM user, an
    # agency, and anyone (public pages).
    roles = ("kab-malang", "kementerian", "kim-demo", "kl-demo", "anonymous")
    errors = []
    for key, url in _pages(world):
        if is_admin(key):
            continue
        for role in roles:
            client = clients[role]
            first = client.get(url)
            if first.status_code != 200:
                continue
            html = (
                first.content.decode("utf-8", "replace") if not first.streaming else ""
            )
            offered = _parameters_offered(html)
            names = sorted(offered | set(EXTRA_PARAMETERS))
            # Every parameter at once with each bad value, then each parameter the
            # page's forms offer alone with the value that passes the central check
            # (odd Unicode), so that an early 400 or 404 on one does not hide another.
            attempts = [dict.fromkeys(names, value) for value in BAD_VALUES]
            attempts += [{name: BAD_VALUES[-1]} for name in sorted(offered)]
            for params in attempts:
                response = client.get(url, params)
                if response.status_code >= 500:
                    shown = ",".join(sorted(params))[:60]
                    value = next(iter(params.values()))[:12]
                    errors.append(
                        f"{key} as {role}: ?{shown}={value!r} → {response.status_code}"
                    )
            break  # one role that opens the page is enough
    assert errors == [], "\n".join(errors)

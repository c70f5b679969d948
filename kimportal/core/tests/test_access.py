"""Role × URL access: every URL pattern of the project, requested by every role.

Each URL must have an expected outcome per role in EXPECTED (or, for Django's admin, follow
the admin rule). A new URL without an entry fails `test_every_url_has_an_expected_outcome`,
so nobody adds a page without deciding who may open it. Objects belong to Kabupaten Malang:
`kota-malang` must get 404 wherever an object is named (no existence leak).

Outcomes: a status code, "L" (redirect to the login page), "A" (redirect to the admin login),
"R" (another redirect: e.g. a logged-in user sent away from the login page).
"""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .access_world import ROLES, build_world

# url name → outcomes in ROLES order:
#            anonymous kementerian prov-jatim kab-malang kota-malang kl-demo kim-demo
EXPECTED = {}

# Values for URL parameters, by URL name (or by parameter name for any URL).
PARAMETERS_BY_NAME = {
    "history": lambda w: {"app_label": "registry", "model": "kim", "pk": w["kim"].pk},
    "registry:kim-export": lambda w: {"fmt": "csv"},
    "registry:document-download": lambda w: {"pk": w["document"].pk},
    "registry:evidence-download": lambda w: {"pk": w["evidence"].pk},
    "registry:decision-letter-download": lambda w: {"pk": w["closed_case"].pk},
    "registry:change-request-detail": lambda w: {"pk": w["change"].pk},
    "accounts:password-reset-confirm": lambda w: {"uidb64": "MQ", "token": "set-password"},
}
PK_OBJECT_BY_PREFIX = [
    ("registry:review-", "case"),
    ("api-review-", "case"),
    ("accounts:application-", "application"),
    ("registry:", "kim"),
    ("api-kim-", "kim"),
]
ADMIN_PARAMETERS = {
    "app_label": "registry", "object_id": "1", "content_type_id": "1", "url": "x/",
}


def iter_url_patterns(resolver=None, prefix="", namespace=None):
    """(name or route, route, pattern) for every URL pattern, namespaces joined."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from iter_url_patterns(entry, route, inner)
        elif isinstance(entry, URLPattern):
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            if "<format>" in route or "(?P<format>" in route:
                name = f"{name} (format)"
            yield name or route, route, entry


def parameter_names(pattern: URLPattern) -> list[str]:
    return list(pattern.pattern.regex.groupindex)


def url_for(key: str, pattern: URLPattern, world: dict) -> str:
    names = parameter_names(pattern)
    if key.startswith("admin:") or (key.startswith("^") and "admin" in key):
        kwargs = {n: ADMIN_PARAMETERS[n] for n in names}
    elif key in PARAMETERS_BY_NAME:
        kwargs = PARAMETERS_BY_NAME[key](world)
    else:
        kwargs = {}
        for name in names:
            if name == "format":
                kwargs[name] = "json"
            elif name == "pk":
                obj = next(o for p, o in PK_OBJECT_BY_PREFIX if key.startswith(p))
                kwargs[name] = world[obj].pk
            else:
                raise AssertionError(f"{key}: no test value for URL parameter {name!r}")
    url_name = key.removesuffix(" (format)")
    if key.startswith("admin:") or pattern.name is None:
        return "/" + re.sub(r"\(\?P<url>\.\*\)\$", "x/", key).lstrip("^")
    return reverse(url_name, kwargs=kwargs)


def outcome(response) -> str:
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith("/admin/login/"):
            return "A"
        if location.startswith("/login/"):
            return "L"
        return "R"
    return str(response.status_code)


def admin_expectation(key: str) -> list[str]:
    # Nobody in the demo is staff: every admin page sends them to the admin login, which
    # itself opens for anyone.
    if key == "admin:login":
        return ["200"] * len(ROLES)
    return ["A"] * len(ROLES)


def test_every_url_has_an_expected_outcome():
    missing = [
        key for key, _, _ in iter_url_patterns()
        if key not in EXPECTED and not key.startswith("admin:") and not _is_unnamed_admin(key)
    ]
    assert missing == [], f"URLs without an expected outcome per role: {missing}"
    stale = set(EXPECTED) - {key for key, _, _ in iter_url_patterns()}
    assert stale == set(), f"EXPECTED names URLs that no longer exist: {stale}"


def _is_unnamed_admin(key: str) -> bool:
    return key.startswith("admin/")


@pytest.mark.django_db
def test_every_url_answers_every_role_as_expected(demo_users, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": None},
        },
    }
    world = build_world(dict(demo_users))
    users = world_users = {**demo_users, "kim-demo": world["kim"].users.get()}
    clients = {"anonymous": Client()}
    for role in ROLES[1:]:
        clients[role] = Client()
        clients[role].force_login(world_users[role])
    mismatches = []
    for key, _route, pattern in iter_url_patterns():
        if key.startswith("admin:") or _is_unnamed_admin(key):
            expected = admin_expectation(key)
        else:
            expected = EXPECTED[key].split()
        url = url_for(key, pattern, world)
        for role, want in zip(ROLES, expected, strict=True):
            got = outcome(clients[role].get(url))
            if got != want:
                mismatches.append(f"{key} as {role}: expected {want}, got {got} ({url})")
    del users
    assert mismatches == [], "\n".join(mismatches)

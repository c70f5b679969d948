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

from collaboration.tests import access_expectations as collaboration_access
from collaboration.tests.awards import access_expectations as awards_access
from collaboration.tests.competitions import (
    access_expectations as competitions_access,
)
from collaboration.tests.events import access_expectations as events_access
from kimportal.accounts.tests import access_expectations as accounts_access
from kimportal.imports.tests import access_expectations as imports_access
from mapping.tests import access_expectations as mapping_access
from monitoring.tests import access_expectations as monitoring_access

from .access_world import ROLES, build_world

EXPECTED = {
    # url name: outcomes in ROLES order
    #   anonymous kementerian prov-jatim kab-malang kota-malang kl-demo kim-demo
    "home": "L 200 200 200 200 200 200",
    "history": "L 200 200 200 404 404 404",
    "healthz": "200 200 200 200 200 200 200",
    "readyz": "200 200 200 200 200 200 200",
    "system-health": "L 200 404 404 404 404 404",
    "login": "200 R R R R R R",
    "logout": "405 405 405 405 405 405 405",
    "accounts:password-change": "L 200 200 200 200 200 200",
    "accounts:password-change-done": "L 200 200 200 200 200 200",
    "accounts:password-reset": "200 200 200 200 200 200 200",
    "accounts:password-reset-done": "200 200 200 200 200 200 200",
    "accounts:password-reset-confirm": "200 200 200 200 200 200 200",
    "accounts:password-reset-complete": "200 200 200 200 200 200 200",
    "accounts:apply": "200 200 200 200 200 200 200",
    "accounts:apply-done": "200 200 200 200 200 200 200",
    "accounts:application-list": "L 200 404 404 404 404 404",
    "accounts:application-detail": "L 200 404 404 404 404 404",
    "accounts:application-approve": "L 405 405 405 405 405 405",
    "accounts:application-reject": "L 405 405 405 405 405 405",
    "accounts:application-letter": "L 200 404 404 404 404 404",
    "security:event-list": "L 200 200 200 200 404 404",
    "api-security-event-list": "401 200 200 200 200 403 403",
    "regions:options": "200 200 200 200 200 200 200",
    "regions:search": "200 200 200 200 200 200 200",
    "registry:kim-list": "L 200 200 200 200 404 404",
    "registry:kim-create": "L 404 404 200 200 404 404",
    "registry:kim-duplicates": "L 404 404 200 200 404 404",
    "registry:kim-detail": "L 200 200 200 404 404 404",
    "registry:kim-update": "L 403 403 200 404 404 404",
    "registry:kim-submit": "L 405 405 405 405 404 404",
    "registry:kim-verify": "L 403 403 R 404 404 404",
    "registry:kim-deactivate": "L 403 403 200 404 404 404",
    "registry:kim-invite": "L 403 403 200 404 404 404",
    "registry:kim-document-add": "L 403 403 200 404 404 404",
    "registry:partnership-create": "L 403 403 R 404 404 404",
    "registry:review-create": "L 403 200 200 404 404 404",
    "registry:review-list": "L 200 200 200 200 404 404",
    "registry:review-detail": "L 200 200 200 404 404 404",
    "registry:review-comment": "L 405 405 405 405 404 404",
    "registry:review-evidence": "L 405 405 405 405 404 404",
    "registry:review-decide": "L 405 405 405 405 404 404",
    "registry:change-request-list": "L 200 200 200 200 404 404",
    "registry:change-request-detail": "L 200 200 200 404 404 404",
    "registry:kim-export": "L 200 200 200 200 404 404",
    "registry:document-download": "L 200 200 200 404 404 200",
    "registry:evidence-download": "L 200 200 200 404 404 404",
    "registry:decision-letter-download": "L 200 200 200 404 404 404",
    "registry:directory": "L 200 404 404 404 200 404",
    "registry:my-kim": "L 404 404 404 404 404 200",
    "registry:my-kim-update": "L 404 404 404 404 404 200",
    "registry:my-kim-document": "L 404 404 404 404 404 200",
    "api-token": "405 405 405 405 405 405 405",
    "api-schema": "200 200 200 200 200 200 200",
    "api-docs": "200 200 200 200 200 200 200",
    "api-region-list": "200 200 200 200 200 200 200",
    "api-kim-list": "401 200 200 200 200 200 200",
    "api-kim-list (format)": "401 200 200 200 200 200 200",
    "api-kim-detail": "401 200 200 200 404 200 200",
    "api-kim-detail (format)": "401 200 200 200 404 200 200",
    "api-kim-deactivate": "401 405 405 405 405 405 405",
    "api-kim-deactivate (format)": "401 405 405 405 405 405 405",
    "api-kim-partnerships": "401 405 405 405 405 405 405",
    "api-kim-partnerships (format)": "401 405 405 405 405 405 405",
    "api-kim-reject": "401 405 405 405 405 405 405",
    "api-kim-reject (format)": "401 405 405 405 405 405 405",
    "api-kim-reviews": "401 405 405 405 405 405 405",
    "api-kim-reviews (format)": "401 405 405 405 405 405 405",
    "api-kim-submit": "401 405 405 405 405 405 405",
    "api-kim-submit (format)": "401 405 405 405 405 405 405",
    "api-kim-verify": "401 405 405 405 405 405 405",
    "api-kim-verify (format)": "401 405 405 405 405 405 405",
    "api-review-list": "401 200 200 200 200 403 403",
    "api-review-list (format)": "401 200 200 200 200 403 403",
    "api-review-detail": "401 200 200 200 404 403 403",
    "api-review-detail (format)": "401 200 200 200 404 403 403",
    "api-review-comments": "401 405 405 405 405 403 403",
    "api-review-comments (format)": "401 405 405 405 405 403 403",
    "api-review-continue": "401 405 405 405 405 403 403",
    "api-review-continue (format)": "401 405 405 405 405 403 403",
    "api-review-terminate": "401 405 405 405 405 403 403",
    "api-review-terminate (format)": "401 405 405 405 405 403 403",
    # Social-media metrics (monitoring.providers)
    "metrics:credentials": "L 200 200 200 200 404 404",
    "metrics:pull-runs": "L 200 404 404 404 404 404",
    "metrics:pull-run-retry": "L 405 405 405 405 405 405",
    "metrics:channel-connect": "L 403 403 403 404 404 R",
    "metrics:oauth-callback": "L 404 404 404 404 404 R",
    "metrics:manual-entry": "L 403 403 200 404 404 200",
}


def _metrics_pull_run(w):
    from monitoring.models_metrics import PullRun

    run, _ = PullRun.objects.get_or_create(platform="youtube", day="2026-12-01")
    return {"pk": run.pk}


def _metrics_channel(w):
    from registry.models import KimChannel

    channel, _ = KimChannel.objects.get_or_create(
        kim=w["kim"], platform="tiktok", address="@kimaksesuji"
    )
    return {"pk": channel.pk}


def _metrics_content(w):
    from monitoring.models import ContentItem

    item, _ = ContentItem.objects.get_or_create(
        platform="youtube",
        platform_id="aksesuji001",
        defaults={"url": "https://youtu.be/aksesuji001", "kim": w["kim"]},
    )
    return {"pk": item.pk}


# Values for URL parameters, by URL name (or by parameter name for any URL).
PARAMETERS_BY_NAME = {
    "history": lambda w: {"app_label": "registry", "model": "kim", "pk": w["kim"].pk},
    "registry:kim-export": lambda w: {"fmt": "csv"},
    "registry:review-create": lambda w: {"pk": w["kim"].pk},
    "registry:document-download": lambda w: {"pk": w["document"].pk},
    "registry:evidence-download": lambda w: {"pk": w["evidence"].pk},
    "registry:decision-letter-download": lambda w: {"pk": w["closed_case"].pk},
    "registry:change-request-detail": lambda w: {"pk": w["change"].pk},
    "metrics:pull-run-retry": _metrics_pull_run,
    "metrics:channel-connect": _metrics_channel,
    "metrics:oauth-callback": lambda w: {"platform": "tiktok"},
    "metrics:manual-entry": _metrics_content,
    "accounts:password-reset-confirm": lambda w: {
        "uidb64": "MQ",
        "token": "set-password",
    },
}
PK_OBJECT_BY_PREFIX = [
    ("registry:review-", "case"),
    ("api-review-", "case"),
    ("accounts:application-", "application"),
    ("registry:", "kim"),
    ("api-kim-", "kim"),
]
# Each app keeps its own rows next to its tests.
EXPECTED.update(monitoring_access.EXPECTED)
PARAMETERS_BY_NAME.update(monitoring_access.PARAMETERS_BY_NAME)
EXPECTED.update(mapping_access.EXPECTED)
PARAMETERS_BY_NAME.update(mapping_access.PARAMETERS_BY_NAME)
EXPECTED.update(accounts_access.EXPECTED)
PARAMETERS_BY_NAME.update(accounts_access.PARAMETERS_BY_NAME)
EXPECTED.update(imports_access.EXPECTED)
PARAMETERS_BY_NAME.update(imports_access.PARAMETERS_BY_NAME)
EXPECTED.update(collaboration_access.EXPECTED)
PARAMETERS_BY_NAME.update(collaboration_access.PARAMETERS_BY_NAME)
EXPECTED.update(events_access.EXPECTED)
PARAMETERS_BY_NAME.update(events_access.PARAMETERS_BY_NAME)
EXPECTED.update(competitions_access.EXPECTED)
PARAMETERS_BY_NAME.update(competitions_access.PARAMETERS_BY_NAME)
EXPECTED.update(awards_access.EXPECTED)
PARAMETERS_BY_NAME.update(awards_access.PARAMETERS_BY_NAME)
PK_OBJECT_BY_PREFIX = monitoring_access.PK_OBJECT_BY_PREFIX + PK_OBJECT_BY_PREFIX

ADMIN_PARAMETERS = {
    "app_label": "auth",
    "object_id": "1",
    "pk": "1",  # django-otp's device admin pages
    "content_type_id": "1",
    "url": "x/",
}


def iter_url_patterns(resolver=None, prefix="", namespace=None):
    """(name or route, route, pattern) for every URL pattern, namespaces joined."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = (
                    f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                )
            yield from iter_url_patterns(entry, route, inner)
        elif isinstance(entry, URLPattern):
            name = entry.name and (
                f"{namespace}:{entry.name}" if namespace else entry.name
            )
            if "<format>" in route or "(?P<format>" in route:
                name = f"{name} (format)"
            yield name or route, route, entry


def parameter_names(pattern: URLPattern) -> list[str]:
    return list(pattern.pattern.regex.groupindex)


def url_for(key: str, pattern: URLPattern, world: dict) -> str:
    names = parameter_names(pattern)
    if is_admin(key):
        if pattern.name is None:
            # The admin's unnamed redirects and catch-all: fill the route by hand.
            path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: ADMIN_PARAMETERS[m[1]], key)
            return "/" + path.replace("(?P<url>.*)$", "x/").lstrip("^")
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
    return reverse(key.removesuffix(" (format)"), kwargs=kwargs)


def is_admin(key: str) -> bool:
    return key.startswith(("admin:", "admin/"))


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
    if key == "admin:logout":  # a GET only sends back to the admin index
        return ["R"] * len(ROLES)
    return ["A"] * len(ROLES)


def test_every_url_has_an_expected_outcome():
    missing = [
        key
        for key, _, _ in iter_url_patterns()
        if key not in EXPECTED and not is_admin(key)
    ]
    assert missing == [], f"URLs without an expected outcome per role: {missing}"
    stale = set(EXPECTED) - {key for key, _, _ in iter_url_patterns()}
    assert stale == set(), f"EXPECTED names URLs that no longer exist: {stale}"


def build_whole_world(demo_users) -> dict:
    """The objects every URL of the project needs: the core and registry world, then each
    app's own, in layer order. The page-wide tests (MFA, CSP, odd input) use it too."""
    world = build_world(dict(demo_users))
    world.update(monitoring_access.build_monitoring_world(world))
    world.update(mapping_access.build_mapping_world(world))
    world.update(imports_access.build_imports_world(world, demo_users))
    world.update(collaboration_access.build_collaboration_world(world))
    world.update(events_access.build_events_world(world))
    world.update(competitions_access.build_competitions_world(world))
    world.update(awards_access.build_awards_world(world, demo_users))
    return world


@pytest.mark.django_db
def test_every_url_answers_every_role_as_expected(demo_users):
    world = build_whole_world(demo_users)
    users = world_users = {
        **demo_users,
        "kim-demo": world["kim"].members.get(active=True).user,
    }
    clients = {"anonymous": Client()}
    for role in ROLES[1:]:
        clients[role] = Client()
        clients[role].force_login(world_users[role])
    mismatches = []
    for key, _route, pattern in iter_url_patterns():
        if is_admin(key):
            expected = admin_expectation(key)
        else:
            expected = EXPECTED[key].split()
        url = url_for(key, pattern, world)
        for role, want in zip(ROLES, expected, strict=True):
            got = outcome(clients[role].get(url))
            if got != want:
                mismatches.append(
                    f"{key} as {role}: expected {want}, got {got} ({url})"
                )
    del users
    assert mismatches == [], "\n".join(mismatches)


# Pages any signed-in account may open (its own password, the public pages): a juror
# account gets them like everyone else.
OPEN_TO_EVERY_ACCOUNT = {
    key
    for key, row in EXPECTED.items()
    if row.split()[1:] == ["200"] * (len(ROLES) - 1)
}


@pytest.mark.django_db
def test_a_juror_account_reaches_only_its_judging(demo_users):
    """The juror role (kimportal.accounts Role.JUROR): the scoping rule gives it
    nothing, so apart from the pages open to every account it reaches only its
    judging pages and API (JUROR_EXPECTED); every other URL must not answer 200."""
    world = build_whole_world(demo_users)
    client = Client()
    client.force_login(world["competition_juror_user"])
    expected = competitions_access.JUROR_EXPECTED
    mismatches = []
    for key, _route, pattern in iter_url_patterns():
        if is_admin(key):
            continue
        url = url_for(key, pattern, world)
        got = outcome(client.get(url))
        if key in expected:
            if got != expected[key]:
                mismatches.append(f"{key}: expected {expected[key]}, got {got}")
        elif got == "200" and key not in OPEN_TO_EVERY_ACCOUNT:
            mismatches.append(f"{key}: a juror got 200 ({url})")
    assert mismatches == [], "\n".join(mismatches)

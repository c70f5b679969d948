"""Collaboration's rows of the role × URL access test, run on their own (they are
also merged into tests/test_access.py)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.access_world import build_world
from tests.test_access import iter_url_patterns, outcome

from .access_expectations import (
    EXPECTED,
    PARAMETERS_BY_NAME,
    ROLES,
    build_collaboration_world,
)

PREFIXES = ("collaboration:need", "collaboration:targeting", "collaboration:campaign")
API_PREFIXES = ("api-capacity-need", "api-campaign")


def _keys():
    return [
        (key, pattern)
        for key, _route, pattern in iter_url_patterns()
        if key.startswith(PREFIXES + API_PREFIXES)
    ]


def test_every_collaboration_url_has_an_expected_outcome():
    assert {key for key, _ in _keys()} == set(EXPECTED)


@pytest.mark.django_db
def test_every_collaboration_url_answers_every_role_as_expected(demo_users):
    users = dict(demo_users)
    world = build_world(users)
    world.update(build_collaboration_world(world))
    clients = {"anonymous": Client()}
    for role in ROLES[1:]:
        clients[role] = Client()
        clients[role].force_login(users[role])
    mismatches = []
    for key, _pattern in _keys():
        kwargs = PARAMETERS_BY_NAME[key](world) if key in PARAMETERS_BY_NAME else {}
        url = reverse(key.removesuffix(" (format)"), kwargs=kwargs)
        for role, want in zip(ROLES, EXPECTED[key].split(), strict=True):
            got = outcome(clients[role].get(url))
            if got != want:
                mismatches.append(
                    f"{key} as {role}: expected {want}, got {got} ({url})"
                )
    assert mismatches == [], "\n".join(mismatches)

"""Collaboration's URLs all have rows in the role × URL matrix; tests/test_access.py runs
them for every role with `build_collaboration_world`."""

from tests.test_access import iter_url_patterns

from .access_expectations import EXPECTED

PREFIXES = (
    "collaboration:need",
    "collaboration:targeting",
    "collaboration:campaign",
    "api-capacity-need",
    "api-campaign",
)


def test_every_collaboration_url_has_an_expected_outcome():
    keys = {key for key, _route, _ in iter_url_patterns() if key.startswith(PREFIXES)}
    assert keys == set(EXPECTED)

"""The competitions API answers as its OpenAPI schema says, on the demo data (a
finished video competition, a blind photo competition in judging, an open poster
competition): every list and nested read, as the office, a KIM and a juror, each
answer validated by Schemathesis against the schema served by the live server."""

import pytest
import requests

from conftest import DEMO_PASSWORD
from tests.test_api_schema import _new_token, _schema_as

READERS = ("kab-malang", "kim-demo", "juri-1", "kl-demo")
NESTED = ("entries", "jurors", "conflicts", "scores", "results")


@pytest.fixture
def competitions_world(live_server, demo_users):
    from registry.demo import seed_demo_registry

    from ...demo_competitions import seed_demo_competitions

    users = dict(demo_users)
    seed_demo_registry(users=users, password=DEMO_PASSWORD)
    seed_demo_competitions(users=users, password=DEMO_PASSWORD)
    tokens = {name: _new_token(live_server.url, name) for name in READERS}
    return live_server.url, tokens


@pytest.mark.django_db(transaction=True)
def test_every_competition_read_matches_the_schema(competitions_world):
    url, tokens = competitions_world
    statuses = {}
    for username in READERS:
        schema = _schema_as(competitions_world, username)
        session = requests.Session()
        session.headers["Authorization"] = f"Token {tokens[username]}"
        listing = session.get(f"{url}/api/v1/competitions/", timeout=30)
        schema["/api/v1/competitions/"]["GET"].validate_response(listing)
        statuses[(username, "list")] = listing.status_code
        if listing.status_code != 200:
            continue
        for row in listing.json()["results"]:
            detail = session.get(f"{url}/api/v1/competitions/{row['id']}/", timeout=30)
            schema["/api/v1/competitions/{id}/"]["GET"].validate_response(detail)
            for name in NESTED:
                answer = session.get(
                    f"{url}/api/v1/competitions/{row['id']}/{name}/", timeout=30
                )
                schema[f"/api/v1/competitions/{{id}}/{name}/"]["GET"].validate_response(
                    answer
                )
                statuses[(username, name, answer.status_code)] = True
    assert statuses[("kl-demo", "list")] == 403
    assert ("juri-1", "entries", 200) in statuses
    assert ("kim-demo", "results", 200) in statuses
    assert ("kab-malang", "scores", 200) in statuses

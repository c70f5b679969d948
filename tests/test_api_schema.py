"""The OpenAPI schema tells the truth, as judged by a client nobody here wrote.

Schemathesis reads `/api/v1/schema/` from a live server on the test database (with the
demo data of `seed_demo`), generates requests for every operation and checks that the
server never answers 5xx, that every status code is one the schema declares, and that
every body matches its declared shape. Once as a kab/kota officer (kab-malang) and once
as a KIM (kim-demo), each with its own API token.

Bounded and repeatable: a fixed number of examples per operation, derandomized, no
example database written anywhere.
"""

from collections import Counter

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from conftest import DEMO_PASSWORD, totp_now

CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "response_schema_conformance",
]
MAX_EXAMPLES = 5
STATEFUL_SCENARIOS = 8
STATEFUL_STEPS = 5


def _config() -> SchemathesisConfig:
    return SchemathesisConfig.from_dict(
        {
            "checks": {
                "enabled": False,
                **{name: {"enabled": True} for name in CHECKS},
            },
            "generation": {
                "max-examples": MAX_EXAMPLES,
                "deterministic": True,
                "database": "none",
            },
            # The stateful run follows the schema's own links only (no inferred ones):
            # they are what this test checks.
            "phases": {
                "coverage": {"enabled": False},
                "stateful": {"inference": {"algorithms": []}},
            },
            "cache": {"enabled": False},
        }
    )


USERS = ("kab-malang", "kim-demo")
# An agency (K/L) reads the same list and detail with fewer fields: checked on reads.
READERS = (*USERS, "kl-demo")


@pytest.fixture
def api_world(live_server, demo_users):
    """A live server on the test database with the demo KIM, and an API token per user
    (fetched as any client would)."""
    from registry.demo import seed_demo_registry

    seed_demo_registry(users=demo_users, password=DEMO_PASSWORD)
    tokens = {username: _new_token(live_server.url, username) for username in READERS}
    return live_server.url, tokens


def _new_token(url: str, username: str) -> str:
    """A token as a client obtains one: JSON username, password and, for staff
    accounts, the current code of their authenticator (demo: DEMO_TOTP_SECRET)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    body = {"username": username, "password": DEMO_PASSWORD}
    if TOTPDevice.objects.filter(user__username=username, confirmed=True).exists():
        body["otp"] = totp_now(username)
    answer = requests.post(f"{url}/api/v1/auth/token/", json=body, timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()["token"]


def _schema_as(api_world, username: str):
    url, tokens = api_world
    schema = schemathesis.openapi.from_url(
        f"{url}/api/v1/schema/?format=json", config=_config()
    )
    schema.config.update(
        base_url=url, headers={"Authorization": f"Token {tokens[username]}"}
    )
    return schema


@pytest.fixture(params=USERS)
def api_schema(request, api_world):
    # Schemathesis 4.32 reads `Node._nodeid`, which pytest 9.2 no longer has.
    request.node._nodeid = request.node.nodeid
    return _schema_as(api_world, request.param)


@pytest.fixture
def exercised(api_schema):
    """(method, path) -> requests sent, and status -> answers. The run must have reached
    every operation of the schema, not skipped them."""
    sent: Counter = Counter()
    yield sent
    operations = {
        (result.ok().method.upper(), result.ok().path)
        for result in api_schema.get_all_operations()
    }
    codes = {key: sent.pop(key) for key in list(sent) if isinstance(key, int)}
    print(f"stateless: {len(sent)} operations, {sum(codes.values())} requests", codes)
    assert sent.keys() == operations


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_the_schema_says(case, exercised, api_world):
    if case.method.upper() == "DELETE" and case.path == "/api/v1/auth/token/":
        # Revoking the run's own token would leave every later call unauthorised:
        # revoke a throwaway token of the same user instead.
        url, tokens = api_world
        user = next(name for name, key in tokens.items() if key in str(case.headers))
        case.headers = {
            **(case.headers or {}),
            "Authorization": f"Token {_new_token(url, user)}",
        }
    response = case.call_and_validate()
    exercised[(case.method.upper(), case.path)] += 1
    exercised[response.status_code] += 1


def _follow_links(schema) -> Counter:
    """Run Schemathesis's state machine over `schema`: it starts from the lists and
    creations and follows the schema's links (list -> detail -> transitions), checking
    every answer as above. Returns (method, path, status) -> count."""
    answers: Counter = Counter()

    class Workflow(schema.as_state_machine()):  # type: ignore[misc]
        def after_call(self, response, case):
            super().after_call(response, case)
            answers[(case.method.upper(), case.path, response.status_code)] += 1

    Workflow.run(
        settings=settings(
            max_examples=STATEFUL_SCENARIOS,
            stateful_step_count=STATEFUL_STEPS,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
    )
    return answers


def _read_everything(api_world, username: str) -> int:
    """Every KIM and review case `username` can list, read one by one, each answer
    validated against its operation's schema (the demo data hold every state, so blank
    and null fields of each kind). Returns the number of answers checked."""
    url, tokens = api_world
    schema = _schema_as(api_world, username)
    session = requests.Session()
    session.headers["Authorization"] = f"Token {tokens[username]}"
    checked = 0
    for collection in ("/api/v1/kim/", "/api/v1/reviews/"):
        page = session.get(f"{url}{collection}", params={"page_size": 200}, timeout=30)
        schema[collection]["GET"].validate_response(page)
        checked += 1
        if page.status_code != 200:
            continue
        for row in page.json()["results"]:
            answer = session.get(f"{url}{collection}{row['id']}/", timeout=30)
            assert answer.status_code == 200
            schema[f"{collection}{{id}}/"]["GET"].validate_response(answer)
            checked += 1
    return checked


def test_every_object_in_scope_and_the_links_to_it_match_the_schema(api_world):
    """On one seeded database: every object each reader can list, read one by one; then,
    as each user, a stateful client following the links."""
    for username in READERS:
        checked = _read_everything(api_world, username)
        print(f"read {username}: {checked} answers")
        assert checked > 1
    for username in USERS:
        # The KIM's own links (list -> detail -> transitions, review cases): with every
        # app's operations in one state machine, a bounded run would spend its steps
        # elsewhere; the other apps' operations are covered by the stateless run.
        registry_only = _schema_as(api_world, username).include(
            path_regex=r"^/api/v1/(kim|reviews)/"
        )
        answers = _follow_links(registry_only)
        print(f"stateful {username}: {sum(answers.values())} requests", answers)
        # Guessed ids are 404; a KIM reached by a link is the user's own (or in scope),
        # so the answer is anything else: the detail, a 400, a 403 or a 409.
        reached = {
            (method, path, code)
            for method, path, code in answers
            if path.startswith("/api/v1/kim/{id}/") and code != 404
        }
        assert reached, f"{username}: no link reached a KIM in scope"


# --- the schema's promises, read directly (fast, no live server) ----------------------


@pytest.fixture
def openapi(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_blank_and_null_read_fields_are_declared(openapi):
    schemas = openapi["components"]["schemas"]
    blank = {"$ref": "#/components/schemas/BlankEnum"}
    for field in ("kim_type", "inactive_reason", "frequency_unit"):
        assert blank in schemas["KimDetail"]["properties"][field]["oneOf"], field
    assert {"type": "string", "maxLength": 0} in schemas["KimSummary"]["properties"][
        "email"
    ]["oneOf"]
    assert schemas["ReviewCase"]["properties"]["decision_letter_url"]["nullable"]
    # Agencies get the public fields only; the rest may be absent.
    assert "chair_name" not in schemas["KimSummary"]["required"]
    assert "name" in schemas["KimSummary"]["required"]


def test_errors_have_shapes_and_links_lead_from_lists_to_transitions(openapi):
    paths = openapi["paths"]
    for item in paths.values():
        for operation in item.values():
            assert "401" in operation["responses"], operation["operationId"]
    verify = paths["/api/v1/kim/{id}/verify/"]["post"]["responses"]
    assert verify["409"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    assert verify["400"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ValidationError"
    }
    from_list = paths["/api/v1/kim/"]["get"]["responses"]["200"]["links"]
    assert from_list["kim_verify_create"]["parameters"] == {
        "id": "$response.body#/results/0/id"
    }
    from_detail = paths["/api/v1/kim/{id}/"]["get"]["responses"]["200"]["links"]
    assert {"kim_submit_create", "kim_verify_create", "kim_reviews_create"} <= set(
        from_detail
    )
    opened = paths["/api/v1/kim/{id}/reviews/"]["post"]["responses"]["201"]["links"]
    assert opened["reviews_terminate_create"]["parameters"] == {
        "id": "$response.body#/id"
    }
    # A transition's answer is not a new starting point (see schema_postprocess).
    assert "links" not in verify["200"]

"""Compiled statements kept per process (kimportal.core.statements): the rows are the
ORM's, converted as it converts them; a key compiles once; the oldest key is dropped."""

import pytest
from django.db import connection
from django.db.models import Count, Value
from django.test.utils import CaptureQueriesContext

from kimportal.core.models import OutboxMessage
from kimportal.core.statements import CompiledStatements

pytestmark = pytest.mark.django_db


@pytest.fixture
def messages():
    return [
        OutboxMessage.objects.create(
            kind=f"kind-{n}", recipients=[f"{n}@example.id"], context={"n": n}
        )
        for n in range(3)
    ]


def counted_builds(queryset):
    """A build function for `queryset` that counts its calls."""
    calls = []

    def build():
        calls.append(1)
        return queryset

    return build, calls


def test_rows_are_the_orms_own_with_json_decoded(messages):
    queryset = OutboxMessage.objects.order_by("id").values_list(
        "id", "kind", "recipients", "context"
    )
    build, _calls = counted_builds(queryset)
    rows = CompiledStatements(size=4).fetch("all", build)
    assert [tuple(row) for row in rows] == list(queryset)
    # JSON comes from PostgreSQL as text; the field's converter decodes it.
    assert rows[0][3] == {"n": 0}


def test_a_key_is_compiled_once_and_its_suffix_is_applied(messages):
    statements = CompiledStatements(size=4)
    queryset = OutboxMessage.objects.order_by("id").values_list("kind")
    build, calls = counted_builds(queryset)
    first = statements.fetch("k", build, suffix=" LIMIT %s", suffix_params=(2,))
    second = statements.fetch(
        "k", build, suffix=" LIMIT %s OFFSET %s", suffix_params=(2, 1)
    )
    assert len(calls) == 1
    assert [row[0] for row in first] == ["kind-0", "kind-1"]
    assert [row[0] for row in second] == ["kind-1", "kind-2"]
    with CaptureQueriesContext(connection) as queries:
        statements.fetch("k", build)
    assert len(queries) == 1  # the kept statement, run; nothing else


def test_parameters_are_kept_with_their_statement(messages):
    statements = CompiledStatements(size=4)
    for n in range(3):
        queryset = OutboxMessage.objects.filter(kind=f"kind-{n}").values_list("kind")
        assert statements.fetch(("kind", n), lambda q=queryset: q) == [[f"kind-{n}"]]
    assert statements.fetch(("kind", 1), lambda: pytest.fail("compiled again")) == [
        ["kind-1"]
    ]


def test_the_least_recently_used_key_is_dropped(messages):
    statements = CompiledStatements(size=2)
    queryset = OutboxMessage.objects.values_list("id")
    builds = {key: counted_builds(queryset) for key in "abc"}
    for key in "abac":  # "b" is then the least recently used
        statements.fetch(key, builds[key][0])
    assert len(statements) == 2
    statements.fetch("a", builds["a"][0])
    statements.fetch("b", builds["b"][0])
    assert [len(builds[key][1]) for key in "abc"] == [1, 2, 1]


def test_a_queryset_that_matches_nothing_gives_no_rows_and_is_not_kept(messages):
    statements = CompiledStatements(size=2)
    build, calls = counted_builds(OutboxMessage.objects.none().values_list("id"))
    assert statements.fetch("none", build) == []
    assert statements.fetch("none", build) == []
    assert len(statements) == 0 and len(calls) == 2


def test_columns_are_named_as_the_orm_names_them(messages):
    # An annotation named before a field (values_list) and sums after a grouping field
    # (values().annotate()): the kept rows carry the ORM's names in the ORM's order.
    statements = CompiledStatements(size=4)
    listed = (
        OutboxMessage.objects.annotate(n=Value(7))
        .order_by("id")
        .values_list("n", "kind", named=True)
    )
    kept = statements.named("listed", lambda: listed)
    assert [row._asdict() for row in kept] == [row._asdict() for row in listed]
    grouped = (
        OutboxMessage.objects.values("state")
        .annotate(total=Count("id"))
        .order_by("state")
    )
    kept = statements.named("grouped", lambda: grouped)
    assert [row._asdict() for row in kept] == list(grouped)

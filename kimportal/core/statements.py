"""Compiled SQL of ORM querysets, kept per process under a key that names every input
of the queryset.

Building a queryset and compiling it to SQL is Python work done again on every request,
and for a page read by one short statement it costs about as much as PostgreSQL takes to
run it (perf, issue #6 item 12). A page asked again with the same inputs (the next page
of the same list, the same filter for another officer of the same scope) gives the same
SQL and parameters: they are compiled once and reused.

The caller owns the key's completeness: it must hold everything `build` reads (the
scoping rule's condition rather than the user, the filters after they were cleaned) and
`build` must not read the clock or the database. A key that misses an input would hand
one user's statement to another, so a test compares the kept statement with a fresh
compile for each role and filter (`registry/tests/test_list_page_statements.py`).
"""

from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from threading import Lock

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.utils import create_namedtuple_class


@dataclass(frozen=True)
class Statement:
    """A kept statement: a queryset's compiled SQL, or SQL composed from querysets by
    hand (e.g. `counting.count_each_statement`), whose columns are `names`."""

    sql: str
    params: tuple
    names: tuple[str, ...]
    using: str = DEFAULT_DB_ALIAS
    # The ORM's own conversions of the selected columns (compiler.results_iter): the
    # index of a column and its (functions, expression); none in a composed statement,
    # whose rows come back as the database gives them.
    converters: tuple = ()


class CompiledStatements:
    """At most `size` compiled statements, the least recently used dropped first."""

    def __init__(self, size: int):
        self._size = size
        self._kept: OrderedDict[Hashable, Statement] = OrderedDict()
        self._lock = Lock()  # a threaded worker shares the module's instance

    def fetch(
        self,
        key: Hashable,
        build: Callable[[], QuerySet | Statement],
        *,
        suffix: str = "",
        suffix_params: tuple = (),
    ) -> list[list]:
        """The rows of the statement `build()` gives (each a list of its columns,
        converted as the ORM converts a queryset's), compiled on the first call with
        `key`. `suffix` (e.g. LIMIT and OFFSET) is appended to the SQL, with its
        parameters. A queryset that can match nothing (EmptyResultSet) gives no rows
        and is not kept."""
        return self._run(key, build, suffix, suffix_params)[1]

    def named(
        self,
        key: Hashable,
        build: Callable[[], QuerySet | Statement],
        *,
        suffix: str = "",
        suffix_params: tuple = (),
    ) -> list:
        """`fetch`'s rows as the named tuples `values_list(..., named=True)` gives (the
        same class), named by the queryset's columns or the Statement's `names`."""
        compiled, rows = self._run(key, build, suffix, suffix_params)
        if compiled is None:
            return []
        row = create_namedtuple_class(*compiled.names)
        return [row(*values) for values in rows]

    def statement(
        self, key: Hashable, build: Callable[[], QuerySet | Statement]
    ) -> Statement | None:
        """The kept statement of `key` (compiled from `build()` on the first call), to
        embed in a larger one; None for a queryset that can match nothing."""
        return self._compiled(key, build)

    def _run(
        self, key: Hashable, build, suffix: str, suffix_params: tuple
    ) -> tuple[Statement | None, list[list]]:
        compiled = self._compiled(key, build)
        if compiled is None:
            return None, []
        connection = connections[compiled.using]
        with connection.cursor() as cursor:
            cursor.execute(
                f"{compiled.sql}{suffix}", (*compiled.params, *suffix_params)
            )
            rows = [list(row) for row in cursor.fetchall()]
        for row in rows:
            for index, (functions, expression) in compiled.converters:
                for function in functions:
                    row[index] = function(row[index], expression, connection)
        return compiled, rows

    def _compiled(
        self, key: Hashable, build: Callable[[], QuerySet | Statement]
    ) -> Statement | None:
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None:
                self._kept.move_to_end(key)
                return kept
        built = build()
        compiled = built if isinstance(built, Statement) else _compile(built)
        if compiled is None:
            return None
        with self._lock:
            self._kept[key] = compiled
            if len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return compiled

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)


def _compile(queryset: QuerySet) -> Statement | None:
    query = queryset.query
    compiler = query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    selected = [column for column, _sql, _alias in compiler.select]
    converters = compiler.get_converters(selected[: compiler.col_count])
    # The selected columns' names in the SELECT's order, as ValuesIterable reads them
    # (values() and values_list() select in the order they name, since Django 5.2).
    names = list(query.selected or ()) or [
        *query.extra_select,
        *query.values_select,
        *query.annotation_select,
    ]
    return Statement(
        sql=sql,
        params=tuple(params),
        names=tuple(names),
        using=queryset.db,
        converters=tuple(converters.items()),
    )

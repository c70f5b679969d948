"""A page of the KIM list's rows, read by one statement (perf, issue #6 item 12): with
plain choice filters, compiled once per scope and filters; for a search, with the status
counts of everything the search matched, found once. Kept apart from `selectors` to keep
that module small; it reads kim_list from there."""

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models.expressions import RawSQL
from django.db.models.utils import create_namedtuple_class

from kimportal.core.scoping import scope_key
from kimportal.core.statements import CompiledStatements

from .models import Kim
from .selectors import (
    KIM_LIST_ROW_COLUMNS,
    _row_subqueries,
    kim_filters_for,
    kim_list,
    kim_list_rows,
    plain_choice_filters,
)

# The list's pages with plain choice filters only (the first page, a status, a media
# type, an order: most pages asked), one statement per scope condition, filters and
# extra columns; a few hundred bytes of SQL each.
_PLAIN_PAGE_STATEMENTS = CompiledStatements(size=512)


def kim_list_page_rows(
    *, user, filters, start: int, size: int, extra: dict[str, RawSQL] | None = None
) -> list:
    """Rows `start` to `start + size` of `kim_list_rows(user=user, filters=filters,
    extra=extra)`, the same named tuples.

    With plain choice filters (`selectors.plain_choice_filters`) and RawSQL extra
    columns, the statement is compiled once per process for the key it depends on: the
    scoping rule's condition for `user` on KIM, the filters left after the role's
    (`kim_filters_for`) and the plain choices' cleaning, and the extra columns' SQL —
    kim_list reads the user for nothing else on that path. Building and compiling it
    took as long as running it (`kimportal.core.statements`)."""
    extra = extra or {}
    plain = plain_choice_filters(kim_filters_for(user, filters) or {})
    if plain is None or not all(isinstance(c, RawSQL) for c in extra.values()):
        rows = kim_list_rows(user=user, filters=filters, extra=extra)
        return list(rows[start : start + size])
    key = (
        scope_key(user, Kim),
        tuple(sorted(plain.items())),
        tuple(
            (name, column.sql, tuple(column.params)) for name, column in extra.items()
        ),
    )
    return _PLAIN_PAGE_STATEMENTS.named(
        key,
        lambda: kim_list_rows(user=user, filters=plain, extra=extra),
        suffix=" LIMIT %s OFFSET %s",
        suffix_params=(size, start),
    )


# The KIM columns the matches keep: a row's own (first in KIM_LIST_ROW_COLUMNS), those
# its subqueries read and those the list may be sorted by.
_ROW_OWN_COLUMNS = ("id", "name", "nik", "kim_type", "status")
_MATCH_COLUMNS = (*_ROW_OWN_COLUMNS, "village_id", "created_at", "updated_at")


def kim_list_rows_with_match_counts(
    *, user, filters, start: int, size: int, counts_key: str
) -> list | None:
    """Rows `start` to `start + size` of `kim_list_rows(user=user, filters=filters)`,
    each carrying in `counts_key` the number of KIM per status (JSON: status → n) that
    `filters` without `status` match: those of `kim_status_counts`.

    The matches are found once, into a MATERIALIZED common table expression that both
    the counts and the page read; counted and then listed, a search ran its match
    twice. The statement is the ORM's own query of `kim_list` (scope, filters and
    order), wrapped. None when the order needs a join (sorted by desa, whose order is
    the region table's): then count and list apart. `filters` must be valid
    (`kim_filters_valid`), as the list page makes them."""
    without_status = {key: filters.get(key) for key in filters if key != "status"}
    matches = kim_list(user=user, filters=without_status)
    compiler = matches.query.get_compiler(connection=connection)
    order_by = [term for _expression, term in compiler.get_order_by()]
    if any('"registry_kim".' not in sql for sql, _params, _ref in order_by):
        return None
    try:
        inner_sql, inner_params = (
            matches.order_by().values_list(*_MATCH_COLUMNS).query.sql_with_params()
        )
    except EmptyResultSet:  # no scope: the paginator's way shows the empty list
        return None
    subqueries = _row_subqueries()
    columns = [
        f'"registry_kim"."{name}"'
        if name in _ROW_OWN_COLUMNS
        else f"({subqueries[name].sql})"
        for name in KIM_LIST_ROW_COLUMNS
    ]
    status = filters.get("status") or ""
    # Named "registry_kim" in the outer query, the matches answer the row subqueries
    # and the order terms compiled for the KIM table.
    sql = (
        f'WITH "kim_matches" AS MATERIALIZED ({inner_sql}) '
        f"SELECT {', '.join(columns)}, "
        '(SELECT json_object_agg("status", "n") FROM (SELECT "status", COUNT(*) AS "n" '
        'FROM "kim_matches" GROUP BY "status") AS "per_status") '
        'FROM "kim_matches" AS "registry_kim"'
        + (' WHERE "registry_kim"."status" = %s' if status else "")
        + f" ORDER BY {', '.join(sql for sql, _params, _ref in order_by)}"
        + " LIMIT %s OFFSET %s"
    )
    params = [*inner_params, *([status] if status else [])]
    params += [param for _sql, order_params, _ref in order_by for param in order_params]
    params += [size, start]
    row = _row_class(counts_key)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row(*values) for values in cursor.fetchall()]


def _row_class(counts_key: str) -> type:
    """The named tuple of a list row and its counts: the class `kim_list_rows`
    (values_list(named=True)) gives them."""
    return create_namedtuple_class(*KIM_LIST_ROW_COLUMNS, counts_key)

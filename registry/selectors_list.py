"""A page of the KIM list's searched rows with the status counts of everything the search
matched, read by one statement that finds the matches once (perf, issue #6 item 12).
Kept apart from `selectors` to keep that module small; it reads kim_list from there."""

from collections import namedtuple

from django.core.exceptions import EmptyResultSet
from django.db import connection

from .selectors import KIM_LIST_ROW_COLUMNS, _row_subqueries, kim_list

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


_ROW_CLASSES: dict[str, type] = {}


def _row_class(counts_key: str) -> type:
    """The named tuple of a list row and its counts, as `kim_list_rows` gives them."""
    if counts_key not in _ROW_CLASSES:
        _ROW_CLASSES[counts_key] = namedtuple(
            "Row", [*KIM_LIST_ROW_COLUMNS, counts_key]
        )
    return _ROW_CLASSES[counts_key]

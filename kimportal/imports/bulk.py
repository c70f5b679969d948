"""Writing many new rows of a pghistory-tracked model at once, audit trail included.

pghistory's row-level insert trigger costs about 0.45 ms a row, most of it its
`_pgh_attach_context()` call: a sub-transaction and an upsert of the context row, once
for *every* row. For an import of 50,000 rows that is 20 s of the budget. Here the rows
go in with one `COPY` while that one trigger is skipped (pgtrigger's own `ignore`, for
this transaction only), and the event rows are then written in one set-based
`INSERT … SELECT` from the rows just made, with the context attached once: the same
columns, label and context the trigger would have written — one `insert` event per row
(see `tests/test_bulk.py`, which compares both trails column by column). Every other
trigger of the table (counters, protections) fires for the COPY as for an INSERT.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pgtrigger
from django.db import connection, models

INSERT_LABEL = "insert"
_BLOCK = 2000
# COPY's text format: backslash, tab, newline and carriage return are escaped.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _array_item(value) -> str:
    if value is None:
        return "NULL"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def copy_value(value) -> str:
    """One value in COPY's text format (psycopg's `write_row` did this in Python per
    value and cost two seconds on 50,000 rows)."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    if isinstance(value, (list, tuple)):
        text = "{" + ",".join(map(_array_item, value)) + "}"
        return text.translate(_COPY_ESCAPES)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def copy_line(row: Sequence) -> str:
    return "\t".join(map(copy_value, row)) + "\n"


def _insert_tracker_uri(model) -> str:
    """`app.Model:trigger` of the pghistory insert trigger of `model`."""
    for _model, trigger in pgtrigger.registered():
        if (
            _model is model
            and getattr(trigger, "label", None) == INSERT_LABEL
            and getattr(trigger, "event_model", None) is not None
        ):
            return f"{model._meta.label}:{trigger.name}"
    raise LookupError(f"{model._meta.label} has no pghistory insert trigger")


def _event_columns(model) -> list[str]:
    """The tracked columns the event model copies, as pghistory's trigger picks them."""
    event_model = model.pgh_event_model
    tracked = {f.name for f in model._meta.fields}
    return [
        f.column
        for f in event_model._meta.fields
        if not isinstance(f, models.AutoField)
        and not isinstance(f, models.GeneratedField)
        and f.name in tracked
        and f.concrete
    ]


def reserve_ids(model, count: int) -> list[int]:
    """`count` fresh primary keys from the table's own sequence."""
    if not count:
        return []
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) "
            "FROM generate_series(1, %s)",
            [table, pk, count],
        )
        return [row[0] for row in cursor.fetchall()]


def copy_tracked(
    model,
    columns: Sequence[str],
    rows: Iterable[Sequence],
    *,
    count: int,
    constants: Mapping[str, Any] | None = None,
) -> list[int]:
    """Insert `count` rows of `columns` into `model`'s table with COPY and write one
    pghistory `insert` event per row with the current `pghistory.context`.
    `constants` are columns with the same value in every row (formatted once: per
    value formatting was a second for 50,000 rows). Returns the new primary keys in
    the order of `rows`. Must run inside a transaction."""
    if not count:
        return []
    if not connection.in_atomic_block:
        raise RuntimeError("copy_tracked must run inside transaction.atomic()")
    ids = reserve_ids(model, count)
    table, pk = model._meta.db_table, model._meta.pk.column
    constants = dict(constants or {})
    names = ", ".join(f'"{c}"' for c in (pk, *columns, *constants))
    tail = "".join("\t" + copy_value(v) for v in constants.values()) + "\n"
    with pgtrigger.ignore(_insert_tracker_uri(model)):
        with connection.cursor() as cursor:
            # Through Django's cursor, so pgtrigger's wrapper sets `pgtrigger.ignore`
            # (and pghistory's its context) for the transaction before the raw COPY.
            cursor.execute("SELECT 1")
            written = 0
            block: list[str] = []
            with cursor.cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                for pk_value, row in zip(ids, rows, strict=False):
                    block.append("\t".join(map(copy_value, (pk_value, *row))) + tail)
                    written += 1
                    if len(block) >= _BLOCK:
                        copy.write("".join(block))
                        block.clear()
                copy.write("".join(block))
            if written != count:
                raise ValueError(f"copy_tracked: {written} rows for {count} ids")
    write_insert_events(model, ids)
    return ids


def write_insert_events(model, ids: Sequence[int]) -> None:
    """One `insert` event per row of `ids`, as pghistory's insert trigger writes it,
    the context (who, which import) attached once for the whole statement."""
    event_model = model.pgh_event_model
    columns = _event_columns(model)
    pk = model._meta.pk.column
    targets = ", ".join(
        f'"{c}"'
        for c in (
            *columns,
            "pgh_created_at",
            "pgh_label",
            "pgh_obj_id",
            "pgh_context_id",
        )
    )
    values = ", ".join(f'rows."{c}"' for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH attached AS (SELECT _pgh_attach_context() AS value) "
            f'INSERT INTO "{event_model._meta.db_table}" ({targets}) '
            f'SELECT {values}, NOW(), %s, rows."{pk}", attached.value '
            f'FROM "{model._meta.db_table}" AS rows, attached '
            f'WHERE rows."{pk}" = ANY(%s) ORDER BY rows."{pk}"',
            [INSERT_LABEL, list(ids)],
        )

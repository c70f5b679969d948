"""Several counts in one round trip.

A dashboard shows a handful of numbers ("open review cases", "pending change requests",
…), each the count of a queryset already narrowed by the scoping rule. Asked one by one
they cost a round trip and a query compilation each; here every queryset is compiled by
Django as usual and the counts are read by one SELECT of scalar subqueries, so what is
counted (and its scope) is exactly what `.count()` would have counted."""

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

from kimportal.core.statements import Statement


def count_each(**querysets: QuerySet) -> dict[str, int]:
    """`{name: queryset.count()}` for every queryset given, in one query."""
    if not querysets:
        return {}
    statement = count_each_statement(**querysets)
    with connections[statement.using].cursor() as cursor:
        cursor.execute(statement.sql, statement.params)
        row = cursor.fetchone()
    return dict(zip(statement.names, row, strict=True))


def count_each_statement(**querysets: QuerySet) -> Statement:
    """The one SELECT of `count_each`, its columns named as the querysets given (to
    keep it compiled: `kimportal.core.statements`)."""
    using = next(iter(querysets.values())).db
    parts, params = [], []
    for queryset in querysets.values():
        # Only the rows matter: no ordering, no columns beyond the key.
        inner = queryset.order_by().values("pk")
        try:
            sql, inner_params = inner.query.get_compiler(using=using).as_sql()
        except EmptyResultSet:  # `.none()`, or a filter that can match nothing
            parts.append("0")
            continue
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted)")
        params.extend(inner_params)
    return Statement(
        sql=f"SELECT {', '.join(parts)}",
        params=tuple(params),
        names=tuple(querysets),
        using=using,
    )

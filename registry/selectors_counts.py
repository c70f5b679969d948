"""Numbers of KIM per status for the list's status links and the home panels, through
the scoping rule like every read of `selectors`. Kept apart from `selectors` to keep
that module small; `selectors` re-exports the public names."""

from django.db import connection
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.expressions import RawSQL

from kimportal.core.scoping import scope_filter, scoped

from .choices import KimStatus, MediaType
from .filters import SORT_CHOICES, KimFilter
from .models import KIM_COUNT_REGION_LENGTH, Kim, KimCount, KimMediaCount


def kim_status_counts(
    *, user, filters: dict | None = None, queryset: QuerySet[Kim] | None = None
) -> dict[str, int]:
    """Number of KIM per status (and `total`) in the user's scope that match `filters`
    (KimFilter's parameters; `status`, `sort` and `page` are ignored). The scope is
    applied here too, so a caller cannot count past it.

    With no filter but a kab/kota or province (`region` of at most 5 characters) and a
    media type, the numbers are sums of `KimCount` (or `KimMediaCount`) rows, kept by
    triggers: no KIM row is read, so the cost does not grow with the country. Other
    filters count the matching KIM. A `queryset` (older callers) is always counted."""
    # Read when called: `selectors` imports this module for its re-exports.
    from .selectors import kim_filters_for, kim_list

    if queryset is not None:
        return _status_counts_by_scan(scoped(queryset, user))
    filters = _valid_filters(kim_filters_for(user, filters))
    region = (filters.get("region") or "").strip()
    narrowed = (
        _narrowed_beyond_the_tables(filters) or len(region) > KIM_COUNT_REGION_LENGTH
    )
    if narrowed or scope_filter(KimCount, user) is None:
        # A KIM user's own KIM is not in the counts' scope; its one row is counted.
        without_status = {k: v for k, v in filters.items() if k != "status"}
        return _status_counts_by_scan(kim_list(user=user, filters=without_status))
    return counts_from_totals(_count_totals(user, region, _media(filters)))


def counts_from_totals(totals: dict) -> dict[str, int]:
    """`kim_status_counts`' shape from KimCount's totals per status."""
    counts = {status: int(totals.get(status) or 0) for status in _STATUSES}
    return {"total": sum(counts.values()), **counts}


def kim_status_counts_column(*, user, filters: dict | None = None) -> RawSQL | None:
    """`kim_status_counts` as one JSON column (status → total) that a query of KIM rows
    can carry, so the list's rows and its counts come back in one round trip (perf,
    issue #6 item 12); read it with `counts_from_totals`. None when the counts need
    more than the KimCount or KimMediaCount sums written here (a narrowing filter, or a
    scope that is not everything or code prefixes): then call `kim_status_counts`."""
    from .selectors import kim_filters_for

    filters = kim_filters_for(user, filters)
    # A narrowing filter gives up before any validation (which builds a KimFilter):
    # `kim_status_counts` will validate it, and counts without a column either way.
    if _narrowed_beyond_the_tables(filters):
        return None
    filters = _valid_filters(filters)
    region = (filters.get("region") or "").strip()
    if len(region) > KIM_COUNT_REGION_LENGTH:
        return None
    sql = _count_totals_sql(scope_filter(KimCount, user), region, _media(filters))
    if sql is None:
        return None
    return RawSQL(
        f'(SELECT json_object_agg(c."status", c."n") FROM ({sql[0]}) c)', sql[1]
    )


def _count_totals(user, region: str, media: str) -> dict[str, int]:
    """KimCount's totals per status in `user`'s scope, within `region` (a code prefix)
    when given; KimMediaCount's of the KIM naming `media`, when given. When the scoping rule's condition is everything or a code prefix (the
    ministry, province and kab/kota officers), one statement written here runs it:
    the ORM's aggregate cost more to build than to run (perf, issue #6 item 12).
    Other conditions (an agency's) go through the ORM."""
    sql = _count_totals_sql(scope_filter(KimCount, user), region, media)
    if sql is not None:
        with connection.cursor() as cursor:
            cursor.execute(*sql)
            return dict(cursor.fetchall())
    rows: QuerySet = (
        scoped(KimMediaCount.objects.filter(media=media), user)
        if media
        else scoped(KimCount.objects.all(), user)
    )
    if region:
        rows = rows.filter(regency_code__startswith=region)
    return dict(
        rows.order_by()
        .values_list("status")
        .annotate(n=Sum("total"))
        .values_list("status", "n")
    )


def _count_totals_sql(
    condition: Q | None, region: str, media: str = ""
) -> tuple[str, list[str]] | None:
    """The statement (and its parameters) summing KimCount (KimMediaCount's rows of
    `media`, when given) per status within a scope `condition` and `region`, when the
    condition is everything or code prefixes; otherwise None. KimMediaCount has the
    same scope as KimCount (`_count_totals` asks KimCount's)."""
    prefixes = _scope_prefixes(condition)
    if prefixes is None:
        return None
    prefixes += [region] if region else []
    model = KimMediaCount if media else KimCount
    table = connection.ops.quote_name(model._meta.db_table)
    conditions = ['"media" = %s'] if media else []
    conditions += ['"regency_code" LIKE %s'] * len(prefixes)
    where = " AND ".join(conditions)
    return (
        f'SELECT "status", SUM("total") AS "n" FROM {table}'
        + (f" WHERE {where}" if where else "")
        + ' GROUP BY "status"',
        ([media] if media else []) + [_like_prefix(prefix) for prefix in prefixes],
    )


def _scope_prefixes(condition: Q | None) -> list[str] | None:
    """The code prefixes a scope condition on KimCount consists of ([] for
    everything), or None when it is anything else."""
    if condition is None or condition.negated:
        return None
    prefixes = []
    for child in condition.children:
        if not (isinstance(child, tuple) and child[0] == "regency_code__startswith"):
            return None
        prefixes.append(str(child[1]))
    return prefixes


def _like_prefix(prefix: str) -> str:
    """A LIKE pattern matching what starts with `prefix`, its wildcards escaped."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped}%"


# KimFilter parameters that narrow the KIM beyond scope and region; `status` only picks
# which count the page shows, `sort` and `page` change nothing.
KIM_NARROWING_FILTERS = ("q", "kim_type", "media", "field", "partnership")
# Of those, the one the counts tables answer by themselves (KimMediaCount).
_TABLE_COUNTED_FILTERS = ("media",)


def _narrowed_beyond_the_tables(filters) -> bool:
    """Whether `filters` hold a narrowing filter that no counts table answers."""
    return any(
        (filters.get(key) or "").strip()
        for key in KIM_NARROWING_FILTERS
        if key not in _TABLE_COUNTED_FILTERS
    )


def _media(filters) -> str:
    """The media type of valid `filters` (see `_valid_filters`), or ""."""
    return (filters.get("media") or "").strip()


def kim_filters_valid(filters) -> bool:
    """Whether kim_list applies `filters` (a KimFilter query); one invalid value and it
    applies none."""
    return not filters or bool(_valid_filters(filters))


# Fixed when the code is loaded; an enum's `values` builds a new list on every read.
_STATUSES = tuple(KimStatus.values)
_CHOICE_VALUES = {
    "status": frozenset(KimStatus.values),
    "media": frozenset(MediaType.values),
    "sort": frozenset(value for value, _label in SORT_CHOICES),
}


def _valid_filters(filters: dict | None) -> dict:
    """`filters` as kim_list applies them: all of them, or none when one is invalid.
    Only the choice filters can be invalid; they are checked here without building a
    KimFilter (kim_list builds its own when it runs). A media type alone is one such
    choice; beside a region or another narrowing filter, KimFilter checks them all, as
    kim_list does (a text field refuses a NUL character)."""
    if not filters:
        return {}
    narrowing = [key for key in KIM_NARROWING_FILTERS if filters.get(key)]
    only_media = narrowing == ["media"] and not filters.get("region")
    if (
        narrowing
        and not only_media
        and not KimFilter(data=filters, queryset=Kim.objects.none()).is_valid()
    ):
        return {}
    for key, allowed in _CHOICE_VALUES.items():
        value = filters.get(key)
        if value and value not in allowed:
            return {}
    return filters


def _status_counts_by_scan(queryset: QuerySet[Kim]) -> dict[str, int]:
    aggregates = {
        status: Count("id", filter=Q(status=status)) for status in KimStatus.values
    }
    return queryset.order_by().aggregate(total=Count("id"), **aggregates)

"""A KIM's page read in one statement: the KIM (through the scoping rule) with, in a
JSON column, everything its profile shows — board, channels, coverage, pending change
requests, the record it moved from, whether it has an open partnership — and, for the
KIM's own page, its partnership, current documents and pending changes.

One query instead of five (own page) or five to six (staff page): each ORM query was
built, compiled and turned into models on every request, which cost more than running
it (perf, issue #6 item 12). The JSON is written as SQL once per process and needs no
compiling.

The rows in the JSON belong to the KIM read in the same statement, which passed the
scoping rule. Their models are scoped through their KIM (`KimChildScope`: the KIM's
desa code, the KIM's id), so a row of an in-scope KIM is in scope itself — except for a
role that sees none of that model (an agency sees no change request, document or
partnership): `_sees_any` asks the scoping rule, and those lists stay empty for it.
`test_selectors_profile` checks every list against its scoped selector for each role.
The summary of the record a moved KIM left behind is read unscoped, the one documented
exception (`selectors.kim_previous_record_for`): its NIK, name and kab/kota only.
"""

import datetime
import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import Model
from django.http import Http404

from kimportal.core.scoping import scope_filter, scope_key, scoped
from kimportal.core.statements import CompiledStatements
from kimportal.regions.models import Region

from .choices import ChangeRequestStatus
from .models import (
    ChangeRequest,
    Kim,
    KimChannel,
    KimDocument,
    KimOfficer,
    Partnership,
)
from .rules import HAS_OPEN_PARTNERSHIP
from .selectors import OPEN_PARTNERSHIP_STATUSES

M = TypeVar("M", bound=Model)


@dataclass
class PreviousRecord:
    """NIK, name and kab/kota of the record a moved KIM left behind (only these)."""

    nik: str | None
    name: str
    regency: str | None


@dataclass
class CoverageVillage:
    name: str
    district: str

    @property
    def parent(self) -> dict[str, str]:
        # The template reads `village.parent.name`, as of a Region.
        return {"name": self.district}


@dataclass
class PendingChange:
    pk: int
    requested_at: datetime.datetime
    changes: Any = None


@dataclass
class KimProfile:
    """What the profile tab shows beside the KIM's own columns."""

    officers: list[dict[str, str]] = field(default_factory=list)
    channels: list[KimChannel] = field(default_factory=list)
    coverage: list[CoverageVillage] = field(default_factory=list)
    pending_changes: list[PendingChange] = field(default_factory=list)
    previous_record: PreviousRecord | None = None


@dataclass
class OwnKimPage:
    """What the KIM's own page shows beside the KIM's own columns."""

    partnership: Partnership | None = None
    documents: list[KimDocument] = field(default_factory=list)
    pending_changes: list[PendingChange] = field(default_factory=list)


def _sees_any(model: type[Model], user) -> bool:
    """Whether the scoping rule lets `user` see any row of `model` at all."""
    return scope_filter(model, user) is not None


def _table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _region_name(code: str) -> str:
    """The name of the region whose code is the SQL expression `code`."""
    return f'(SELECT rn."name" FROM {_table(Region)} rn WHERE rn."code" = {code})'


def _parent_code(code: str) -> str:
    return f'(SELECT rp."parent_id" FROM {_table(Region)} rp WHERE rp."code" = {code})'


# The columns of a region row, as Region.from_db takes them.
_REGION_FIELDS = ("code", "name", "level", "parent_id", "retired")


def _regions_sql(kim: str) -> str:
    """The KIM's desa, kecamatan, kab/kota and province rows. Read by their codes, the
    prefixes of the desa code (`kimportal.regions.models.parent_code_of`), in one index
    scan: as four joins (select_related) they took PostgreSQL longer to plan than the
    whole statement takes to run. `_attach_regions` links them by `parent_id`."""
    region = _table(Region)
    columns = ", ".join(f'r."{name}"' for name in _REGION_FIELDS)
    desa = f'{kim}."village_id"'
    codes = ", ".join(
        [desa, *(f"LEFT({desa}, {length})" for length in _PREFIX_LENGTHS)]
    )
    return (
        f"(SELECT jsonb_agg(jsonb_build_array({columns})) FROM {region} r "
        f'WHERE r."code" IN ({codes}))'
    )


# Kemendagri code lengths of a kecamatan, a kab/kota and a province.
_PREFIX_LENGTHS = (8, 5, 2)


def _pending_changes_sql(kim: str) -> str:
    """The KIM's pending change requests, newest first (`kim_change_requests`)."""
    change = _table(ChangeRequest)
    pending = ChangeRequestStatus.PENDING.value
    return f"""COALESCE((SELECT jsonb_agg(jsonb_build_array(c."id", c."requested_at",
      c."changes") ORDER BY c."requested_at" DESC, c."id" DESC) FROM {change} c
      WHERE c."kim_id" = {kim}."id" AND c."status" = '{pending}'), '[]')"""


@cache
def _profile_sql() -> str:
    """The profile tab's JSON, a correlated subquery on the KIM row. Region names are
    scalar subqueries by code, not joins, which PostgreSQL plans much faster."""
    kim, region = _table(Kim), _table(Region)
    officer, channel = _table(KimOfficer), _table(KimChannel)
    coverage = _table(Kim.coverage_villages.through)
    partnership = _table(Partnership)
    open_statuses = ", ".join(f"'{status}'" for status in OPEN_PARTNERSHIP_STATUSES)
    previous_regency = _region_name(_parent_code(_parent_code('p."village_id"')))
    return f"""jsonb_build_object(
  'regions', {_regions_sql(kim)},
  'officers', COALESCE((SELECT jsonb_agg(jsonb_build_array(o."name", o."position",
      o."phone") ORDER BY o."id") FROM {officer} o
      WHERE o."kim_id" = {kim}."id" AND o."active"), '[]'),
  'channels', COALESCE((SELECT jsonb_agg(jsonb_build_array(ch."id", ch."platform",
      ch."address", ch."followers") ORDER BY ch."id") FROM {channel} ch
      WHERE ch."kim_id" = {kim}."id" AND ch."active"), '[]'),
  'coverage', COALESCE((SELECT jsonb_agg(jsonb_build_array(v."name",
      {_region_name('v."parent_id"')}) ORDER BY v."code")
      FROM {coverage} cv JOIN {region} v ON v."code" = cv."region_id"
      WHERE cv."kim_id" = {kim}."id"), '[]'),
  'pending', {_pending_changes_sql(kim)},
  'previous', (SELECT jsonb_build_array(p."nik", p."name", {previous_regency})
      FROM {kim} p WHERE p."id" = {kim}."previous_record_id"),
  'open_partnership', EXISTS(SELECT 1 FROM {partnership} pa
      WHERE pa."kim_id" = {kim}."id" AND pa."status" IN ({open_statuses}))
)"""


@cache
def _own_page_sql() -> str:
    """The KIM's own page's JSON, a correlated subquery on the KIM row: the open
    partnership first, else the latest one (`selectors.kim_current_partnership`), the
    current documents (`kim_current_documents`) and the pending changes."""
    kim, partnership = _table(Kim), _table(Partnership)
    document = _table(KimDocument)
    open_statuses = ", ".join(f"'{status}'" for status in OPEN_PARTNERSHIP_STATUSES)
    return f"""jsonb_build_object(
  'regions', {_regions_sql(kim)},
  'partnership', (SELECT jsonb_build_array(pa."id", pa."status", pa."starts_on",
      pa."ends_on") FROM {partnership} pa WHERE pa."kim_id" = {kim}."id"
      ORDER BY CASE WHEN pa."status" IN ({open_statuses}) THEN 0 ELSE 1 END,
      pa."starts_on" DESC, pa."id" DESC LIMIT 1),
  'documents', COALESCE((SELECT jsonb_agg(jsonb_build_array(doc."id", doc."kind",
      doc."number", doc."expires_on") ORDER BY doc."kind", doc."uploaded_at" DESC)
      FROM {document} doc WHERE doc."kim_id" = {kim}."id"
      AND doc."superseded_at" IS NULL), '[]'),
  'pending', {_pending_changes_sql(kim)}
)"""


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _loaded(model: type[M], values: dict[str, Any]) -> M:
    """A `model` instance as the ORM builds one from a row of these columns (by
    attname); the columns not read are deferred: reading one asks the database, it
    never gives a default."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(DEFAULT_DB_ALIAS, names, [values[name] for name in names])


def _attach_regions(kim: Kim, rows: list | None) -> None:
    """Give `kim` its desa and the desa's parents, as select_related would; a parent
    missing from `rows` is left to the ORM to read when asked."""
    regions = {
        row[0]: _loaded(Region, dict(zip(_REGION_FIELDS, row, strict=True)))
        for row in rows or ()
    }
    for region in regions.values():
        if region.parent_id in regions:
            Region.parent.field.set_cached_value(region, regions[region.parent_id])
    if kim.village_id in regions:
        Kim.village.field.set_cached_value(kim, regions[kim.village_id])


def _pending(rows: list, user) -> list[PendingChange]:
    if not _sees_any(ChangeRequest, user):
        return []
    return [
        PendingChange(
            pk=pk, requested_at=datetime.datetime.fromisoformat(at), changes=changes
        )
        for pk, at, changes in rows
    ]


@cache
def _kim_columns() -> tuple[str, list[str], list[tuple[int, list, Any]]]:
    """The KIM's columns as a SELECT list, their attnames, and the converters the ORM
    would apply to any of them (none today; kept so that a new field type stays right).
    """
    table = _table(Kim)
    fields = Kim._meta.concrete_fields
    select = ", ".join(f"{table}.{connection.ops.quote_name(f.column)}" for f in fields)
    converters = []
    for index, model_field in enumerate(fields):
        column = model_field.get_col(Kim._meta.db_table)
        functions = connection.ops.get_db_converters(
            column
        ) + model_field.get_db_converters(connection)
        if functions:
            converters.append((index, functions, column))
    return select, [f.attname for f in fields], converters


# The ids of the KIM a scope condition lets a user see, as a subquery compiled once per
# condition (below): room for every kab/kota's, province's and the nation's (~550).
_VISIBLE_KIM_IDS = CompiledStatements(size=1024)


def _kim_with_json(user, pk: int, json_sql: str) -> tuple[Kim, dict]:
    """The KIM `pk` in `user`'s scope (else 404) and the JSON of `json_sql` beside it.

    The row must be among the ids of the scoped queryset itself (`scoping.scoped`,
    compiled by the ORM as a one-column subquery), so the scoping rule decides as for
    every read. That subquery names no KIM, only the scope condition it is kept under
    (`kimportal.core.statements`); the KIM's thirty-odd columns are a SELECT list
    written once per process: nothing is compiled again on every request (perf, issue
    #6 item 12). PostgreSQL reads both by the primary key."""
    visible = _VISIBLE_KIM_IDS.statement(
        scope_key(user, Kim),
        # No ORDER BY (Kim.Meta.ordering): a set of ids, and less to compile.
        lambda: scoped(Kim.objects.all(), user).order_by().values("pk"),
    )
    if visible is None:  # a user who sees no KIM at all
        raise Http404
    try:
        pk = int(pk)
    except (TypeError, ValueError):  # as the ORM's lookup would refuse it
        raise Http404 from None
    table = _table(Kim)
    select, names, converters = _kim_columns()
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT {select}, {json_sql} FROM {table} WHERE {table}."id" = %s '
            f'AND {table}."id" IN ({visible.sql})',
            [pk, *visible.params],
        )
        row = cursor.fetchone()
    if row is None:
        raise Http404
    values = list(row[:-1])
    for index, functions, column in converters:
        for function in functions:
            values[index] = function(values[index], column, connection)
    kim = Kim.from_db(DEFAULT_DB_ALIAS, names, values)
    data = row[-1]
    if isinstance(data, str):  # jsonb comes as text unless psycopg is told to parse it
        data = json.loads(data)
    _attach_regions(kim, data["regions"])
    return kim, data


def kim_profile_get(*, user, pk: int) -> tuple[Kim, KimProfile]:
    """`selectors.kim_page_get` and the profile tab's reads (board, channels, coverage,
    pending changes, previous record summary) in one statement; 404 out of scope.
    The KIM carries its desa with the desa's parents, and whether it has an open
    partnership, for the page's rules."""
    kim, data = _kim_with_json(user, pk, _profile_sql())
    setattr(kim, HAS_OPEN_PARTNERSHIP, data["open_partnership"])
    previous = data["previous"]
    profile = KimProfile(
        officers=[
            {"name": name, "position": position, "phone": phone}
            for name, position, phone in data["officers"]
        ],
        channels=[
            _loaded(
                KimChannel,
                {"id": cid, "platform": platform, "address": address, "followers": n},
            )
            for cid, platform, address, n in data["channels"]
        ],
        coverage=[
            CoverageVillage(name=name, district=district or "")
            for name, district in data["coverage"]
        ],
        pending_changes=_pending(data["pending"], user),
        previous_record=PreviousRecord(*previous) if previous else None,
    )
    return kim, profile


def kim_own_page_get(*, user, pk: int) -> tuple[Kim, OwnKimPage]:
    """The KIM `pk` (in `user`'s scope, else 404) with its desa and the desa's parents,
    its current partnership, current documents and pending changes, in one statement."""
    kim, data = _kim_with_json(user, pk, _own_page_sql())
    page = OwnKimPage(pending_changes=_pending(data["pending"], user))
    if data["partnership"] and _sees_any(Partnership, user):
        pid, status, starts_on, ends_on = data["partnership"]
        page.partnership = _loaded(
            Partnership,
            {
                "id": pid,
                "kim_id": kim.pk,
                "status": status,
                "starts_on": _date(starts_on),
                "ends_on": _date(ends_on),
            },
        )
    if _sees_any(KimDocument, user):
        page.documents = [
            _loaded(
                KimDocument,
                {
                    "id": did,
                    "kim_id": kim.pk,
                    "kind": kind,
                    "number": number,
                    "expires_on": _date(expires),
                },
            )
            for did, kind, number, expires in data["documents"]
        ]
    return kim, page

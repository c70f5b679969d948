"""Reads of the registry, always through the scoping rule. The one documented exception
is the old record of a KIM that moved from another kab/kota (`kim_previous_record_for`,
and its summary on the new record's page: `selectors_profile`)."""

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import (
    Case,
    DateField,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Upper
from django.http import Http404

from kimportal.core.contributions import kim_id_of
from kimportal.core.scoping import get_scoped_or_404, scoped
from kimportal.regions.models import Region

from .choices import (
    ChangeRequestStatus,
    InactiveReason,
    KimStatus,
    MediaType,
    PartnershipStatus,
    ReviewStatus,
)
from .filters import SORT_CHOICES, KimFilter, with_media
from .models import (
    ChangeRequest,
    Kim,
    KimDocument,
    Partnership,
    ReviewCase,
    ReviewEvidence,
)
from .rules import HAS_OPEN_PARTNERSHIP

DUPLICATE_SIMILARITY = 0.4
OPEN_PARTNERSHIP_STATUSES = (PartnershipStatus.ACTIVE, PartnershipStatus.UNDER_REVIEW)


def kim_filters_for(user, filters) -> dict:
    """Only the filters the user's own page offers: an agency (K/L) gets the
    directory's, a KIM user none (it has no list). Others are dropped, not refused,
    like an invalid value: a filter on review or partnership state must not let an
    agency sort verified KIM by a state its page never shows (issue 7, finding 8)."""
    if not filters:
        return {}
    if getattr(user, "is_agency", False):
        allowed: tuple[str, ...] = DIRECTORY_FILTERS
    elif getattr(user, "is_kim", False):
        allowed = ()
    else:
        return filters
    return {key: filters.get(key) for key in allowed if key in filters}


def kim_list(*, user, filters: dict | None = None) -> QuerySet[Kim]:
    """The KIM `user` may see, searched, filtered and sorted by `filters` (KimFilter's
    parameters, those the user's role is offered). Invalid filter values are ignored
    rather than failing the page."""
    queryset = scoped(Kim.objects.select_related("village__parent__parent"), user)
    filters = kim_filters_for(user, filters) or {}
    queryset = _filtered(
        queryset, filters, names_within_region=_within_a_regency(user, filters)
    )
    if not filters.get("sort"):
        if (filters.get("q") or "").strip():
            # A search is served by the trigram index and then sorted. Ordered by the bare
            # name, PostgreSQL would rather walk the name index and filter, reading most of
            # the table when the matches sort late (measured: 120 ms vs 10 ms at 100k KIM).
            queryset = queryset.order_by(Upper("name"), "id")
        else:
            queryset = queryset.order_by("name", "id")
    return queryset


# The choice filters kim_list applies itself when they are the only ones given: a
# KimFilter (its form, bound fields and validation) cost more than the query it built.
# KimFilter's validation of each is this membership test.
_PLAIN_CHOICES = {
    "status": KimStatus.values,
    "media": MediaType.values,
    "sort": [c for c, _l in SORT_CHOICES],
}


def _within_a_regency(user, filters) -> bool:
    """Whether the KIM listed are those of one kab/kota or less: the user's scope or
    the region filter is a kab/kota's code or longer."""
    codes = (getattr(user, "scope_code", None) or "", filters.get("region") or "")
    return any(len(code.strip()) >= REGENCY_CODE_LENGTH for code in codes)


def plain_choice_filters(filters) -> dict[str, str] | None:
    """The filters `kim_list` applies itself, when only plain choices (status, media,
    sort) are given: those with a value, or {} when one value is invalid (all are then
    ignored, as KimFilter ignores them). None when another filter is given: KimFilter's
    way then."""
    given = {
        key: filters.get(key)
        for key in KimFilter.base_filters
        if key in filters and filters.get(key)
    }
    if not set(given) <= set(_PLAIN_CHOICES):
        return None
    if any(value not in _PLAIN_CHOICES[key] for key, value in given.items()):
        return {}
    return given


def _filtered(
    queryset: QuerySet[Kim], filters, *, names_within_region: bool = False
) -> QuerySet[Kim]:
    """`queryset` narrowed by KimFilter's `filters`, or not at all when one is invalid.
    `names_within_region`: see `KimFilter.names_within_region`."""
    given = plain_choice_filters(filters)
    if given is None:
        filterset = KimFilter(data=filters, queryset=queryset)
        filterset.names_within_region = names_within_region
        return filterset.qs if filterset.is_valid() else queryset
    if "status" in given:
        queryset = queryset.filter(status=given["status"])
    if "media" in given:
        queryset = with_media(queryset, given["media"])
    if "sort" in given:
        queryset = queryset.order_by(given["sort"], "id")
    return queryset


def kim_get(*, user, pk: int) -> Kim:
    """One KIM in the user's scope, or 404."""
    return get_scoped_or_404(
        Kim.objects.select_related("village__parent__parent__parent"), user, pk=pk
    )


def kim_page_get(*, user, pk: int) -> Kim:
    """`kim_get` for the KIM's page: with, in the same query, whether the KIM has an open
    partnership (the page's actions ask it of the rules; one query fewer per page)."""
    open_partnership = Partnership.objects.filter(
        kim=OuterRef("pk"), status__in=OPEN_PARTNERSHIP_STATUSES
    )
    return get_scoped_or_404(
        Kim.objects.select_related("village__parent__parent__parent").annotate(
            **{HAS_OPEN_PARTNERSHIP: Exists(open_partnership)}
        ),
        user,
        pk=pk,
    )


def kim_previous_record_for(*, nik: str) -> Kim | None:
    """The KIM that carried `nik` and was closed as moved to another kab/kota, or None.

    Deliberately unscoped: a KIM that moves registers anew in its new kab/kota, whose
    officer cannot see the old record in the kab/kota it left. Only a KIM declared moved
    is found, so a NIK cannot be used to reach any other KIM; callers show the officer
    its name and kab/kota only (`selectors_profile.kim_profile_get`), never the record.
    """
    nik = (nik or "").strip()
    if not nik:
        return None
    return (
        Kim.objects.filter(
            nik=nik, status=KimStatus.INACTIVE, inactive_reason=InactiveReason.MOVED
        )
        .only("id", "nik", "name", "status", "inactive_reason")
        .first()
    )


# --- documents (downloads) -----------------------------------------------------------


def document_get(*, user, pk: int) -> KimDocument:
    """A KIM document the user may download, or 404. Agencies never get documents."""
    document = get_scoped_or_404(KimDocument.objects.select_related("kim"), user, pk=pk)
    if not user.has_perm("registry.view_kim_documents", document.kim):
        raise Http404
    return document


def evidence_get(*, user, pk: int) -> ReviewEvidence:
    """An evidence file of a review case the user may download, or 404."""
    evidence = get_scoped_or_404(
        ReviewEvidence.objects.select_related("case__kim"), user, pk=pk
    )
    if not user.has_perm("registry.view_kim_documents", evidence.case.kim):
        raise Http404
    return evidence


def decision_letter_case_get(*, user, pk: int) -> ReviewCase:
    """A review case whose decision letter the user may download, or 404."""
    case = get_scoped_or_404(ReviewCase.objects.select_related("kim"), user, pk=pk)
    if not case.decision_letter or not user.has_perm(
        "registry.view_kim_documents", case.kim
    ):
        raise Http404
    return case


# --- agency directory -------------------------------------------------------------------

DIRECTORY_FILTERS = ("q", "kim_type", "region", "media", "field")
DIRECTORY_COLUMNS = (
    "id",
    "name",
    "nik",
    "kim_type",
    "status",
    "media_types",
    "fields",
    "email",
    "village__code",
    "village__name",
    "village__parent__code",
    "village__parent__name",
    "village__parent__parent__code",
    "village__parent__parent__name",
    "village__parent__parent__parent__code",
    "village__parent__parent__parent__name",
)


def kim_directory(*, user, filters: dict | None = None) -> QuerySet[Kim]:
    """Verified KIM for the directory of agencies (K/L), with the KIM list's search and
    filters. Loads only public columns: no officers, phone numbers or chair."""
    filters = filters or {}
    params = {key: filters.get(key) or "" for key in DIRECTORY_FILTERS}
    params["status"] = KimStatus.VERIFIED
    # The status is applied again because kim_list ignores every filter when one of the
    # values is invalid, and the directory must never show an unverified KIM.
    return (
        kim_list(user=user, filters=params)
        .filter(status=KimStatus.VERIFIED)
        .select_related("village__parent__parent__parent")
        .only(*DIRECTORY_COLUMNS)
    )


# --- the KIM's own pages --------------------------------------------------------------


def own_kim_id(*, user) -> int:
    """The id of a KIM user's KIM, or 404 for every other role."""
    kim_id = kim_id_of(user) if user.is_authenticated and user.is_kim else None
    if kim_id is None:
        raise Http404
    return kim_id


def kim_own_get(*, user) -> Kim:
    """The KIM of a KIM user, or 404 for every other role."""
    return kim_get(user=user, pk=own_kim_id(user=user))


def kim_current_partnership(*, user, kim: Kim) -> Partnership | None:
    """The KIM's open partnership (active or under review), else its latest one."""
    open_first = Case(
        When(status__in=OPEN_PARTNERSHIP_STATUSES, then=Value(0)), default=Value(1)
    )
    return (
        scoped(Partnership.objects.filter(kim=kim), user)
        .order_by(open_first, "-starts_on", "-id")
        .first()
    )


def kim_current_documents(*, user, kim: Kim) -> QuerySet[KimDocument]:
    """The current (not superseded) documents of a KIM."""
    return scoped(
        KimDocument.objects.filter(kim=kim, superseded_at__isnull=True), user
    ).order_by("kind", "-uploaded_at")


def kim_change_requests(
    *, user, kim: Kim, status: str | None = None
) -> QuerySet[ChangeRequest]:
    """Change requests of a KIM, newest first, optionally of one status."""
    queryset = scoped(ChangeRequest.objects.filter(kim=kim), user)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-requested_at", "-id")


def kim_documents(*, user, kim: Kim) -> QuerySet[KimDocument]:
    """Every document of a KIM, current and superseded, each marked `awaits_approval`
    when it is a KIM's own upload still waiting for its change request's decision."""
    pending = ChangeRequest.objects.filter(
        document=OuterRef("pk"), status=ChangeRequestStatus.PENDING
    )
    return (
        scoped(KimDocument.objects.filter(kim=kim), user)
        .select_related("uploaded_by")
        .annotate(awaits_approval=Exists(pending))
        .order_by("kind", "-uploaded_at")
    )


def kim_possible_duplicates(
    *, user, name: str, village_code: str, exclude_id: int | None = None
) -> QuerySet[Kim]:
    """KIM the user may see in the same desa with the same or a similar name (pg_trgm
    similarity of at least DUPLICATE_SIMILARITY), most similar first."""
    name = (name or "").strip()
    queryset = (
        scoped(Kim.objects.filter(village_id=village_code), user)
        .annotate(similarity=TrigramSimilarity("name", name))
        .filter(Q(similarity__gte=DUPLICATE_SIMILARITY) | Q(name__iexact=name))
        .order_by("-similarity", "name", "id")
        .select_related("village__parent")
    )
    if exclude_id is not None:
        queryset = queryset.exclude(pk=exclude_id)
    return queryset


# Kemendagri codes have fixed-width segments: "35" is a province, "35.07" a kab/kota.
PROVINCE_CODE_LENGTH = 2
REGENCY_CODE_LENGTH = 5
KIM_DISTRICT_CODE_LENGTH = 8
KIM_DESA_CODE_LENGTH = 13


def _row_subqueries() -> dict[str, RawSQL]:
    """The list row's names and open partnership, each a correlated subquery on the
    KIM's own columns, written as SQL once: the same subqueries as Subquery() objects
    were resolved, copied and compiled on every request, half of the list query's
    Python time (perf, issue #6 item 12). A parameter-free RawSQL costs nothing to
    add or compile."""
    kim = connection.ops.quote_name(Kim._meta.db_table)
    region = connection.ops.quote_name(Region._meta.db_table)
    partnership = connection.ops.quote_name(Partnership._meta.db_table)
    open_statuses = ", ".join(f"'{status}'" for status in OPEN_PARTNERSHIP_STATUSES)

    def region_name(code_length: int) -> str:
        # Names by subqueries on the code prefixes, not joins: PostgreSQL then looks
        # them up for the 25 rows of the page only. Joined, a search matching 1,000 KIM
        # hashed the whole region table before sorting (90 ms at 100k KIM).
        code = f'{kim}."village_id"'
        if code_length < KIM_DESA_CODE_LENGTH:
            code = f"LEFT({code}, {code_length})"
        return f'(SELECT r."name" FROM {region} r WHERE r."code" = {code} LIMIT 1)'

    def open_partnership(column: str) -> str:
        return (
            f'(SELECT p."{column}" FROM {partnership} p WHERE p."kim_id" = {kim}."id" '
            f'AND p."status" IN ({open_statuses}) ORDER BY p."starts_on" DESC LIMIT 1)'
        )

    return {
        "village_name": RawSQL(region_name(KIM_DESA_CODE_LENGTH), ()),
        "district_name": RawSQL(region_name(KIM_DISTRICT_CODE_LENGTH), ()),
        "regency_name": RawSQL(region_name(REGENCY_CODE_LENGTH), ()),
        "open_partnership_status": RawSQL(open_partnership("status"), ()),
        "open_partnership_ends_on": RawSQL(
            open_partnership("ends_on"), (), output_field=DateField()
        ),
    }


KIM_LIST_ROW_COLUMNS = (
    "id",
    "name",
    "nik",
    "kim_type",
    "status",
    "village_name",
    "district_name",
    "regency_name",
    "open_partnership_status",
    "open_partnership_ends_on",
)


def kim_list_rows(
    *, user, filters: dict | None = None, extra: dict | None = None
) -> QuerySet:
    """`kim_list` for the list page, as light rows (named tuples of
    KIM_LIST_ROW_COLUMNS): the desa, kecamatan and kab/kota names and the status and end
    of the KIM's open partnership, read in the same query; no model is built per row.
    `extra` columns (name → expression) are read as well, after those."""
    extra = extra or {}
    return (
        kim_list(user=user, filters=filters)
        .annotate(**_row_subqueries(), **extra)
        .values_list(*KIM_LIST_ROW_COLUMNS, *extra, named=True)
    )


def review_case_list(*, user, status: str | None = None) -> QuerySet[ReviewCase]:
    """Review cases in the user's scope, open cases first, newest first."""
    queryset = scoped(
        ReviewCase.objects.select_related("kim__village__parent__parent"), user
    )
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by(
        Case(When(status=ReviewStatus.OPEN, then=0), default=1), "-opened_at", "-id"
    )


def review_case_get(*, user, pk: int) -> ReviewCase:
    """One review case in the user's scope, or 404."""
    return get_scoped_or_404(
        ReviewCase.objects.select_related(
            "kim__village__parent__parent", "partnership"
        ),
        user,
        pk=pk,
    )


def change_request_list(*, user, status: str | None = None) -> QuerySet[ChangeRequest]:
    """Change requests of KIM in the user's scope, pending first, oldest pending first."""
    queryset = scoped(
        ChangeRequest.objects.select_related("kim__village__parent", "requested_by"),
        user,
    )
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by(
        Case(When(status=ChangeRequestStatus.PENDING, then=0), default=1),
        "requested_at",
        "id",
    )


def change_request_get(*, user, pk: int) -> ChangeRequest:
    """One change request in the user's scope, or 404."""
    return get_scoped_or_404(
        ChangeRequest.objects.select_related(
            "kim__village__parent__parent", "requested_by", "document"
        ),
        user,
        pk=pk,
    )


# --- for mapping's system jobs ---------------------------------------------------------


def verified_kim_ids_by_regency(*, within: str = "") -> dict[str, list[int]]:
    """Ids of verified KIM per kab/kota code, for mapping's nightly recompute (a system
    job with no user, hence unscoped). `within` limits it to a region code prefix."""
    rows = (
        Kim.objects.filter(status=KimStatus.VERIFIED, village__code__startswith=within)
        .order_by()
        .values_list("id", "village_id")
    )
    grouped: dict[str, list[int]] = {}
    for kim_id, village_code in rows.iterator(chunk_size=5000):
        grouped.setdefault(village_code[:REGENCY_CODE_LENGTH], []).append(kim_id)
    return grouped


# The status counts live in their own module (which reads kim_list from this one, when
# called); their public names stay importable from here.
from .selectors_counts import KIM_NARROWING_FILTERS as KIM_NARROWING_FILTERS  # noqa: E402
from .selectors_counts import kim_filters_valid as kim_filters_valid  # noqa: E402
from .selectors_counts import kim_status_counts as kim_status_counts  # noqa: E402

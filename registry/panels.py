"""The registry's blocks on the home page, one per role (registered in `RegistryConfig`):
each panel is a selector below (reads through the scoping rule, a fixed number of queries
whatever the data) and a template under `registry/panels/` that reads it as `d`."""

from datetime import timedelta

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from kimportal.accounts.models import Role
from kimportal.core.contributions import kim_id_of, register_home_panel
from kimportal.core.counting import count_each_statement
from kimportal.core.scoping import get_scoped_or_404, scope_key, scoped
from kimportal.core.statements import CompiledStatements
from kimportal.regions.models import Region, RegionLevel

from .choices import ChangeRequestStatus, KimStatus, PartnershipStatus, ReviewStatus
from .models import ChangeRequest, Kim, KimCount, Partnership, ReviewCase
from .selectors import (
    PROVINCE_CODE_LENGTH,
    REGENCY_CODE_LENGTH,
    kim_current_partnership,
    kim_status_counts,
)


def register() -> None:
    for role, builder in PANELS:
        register_home_panel(
            f"registry.{role}",
            template=f"registry/panels/{role}.html",
            roles=[role],
            selector=builder,
            order=10,
        )


# --- home dashboards ------------------------------------------------------------------

ENDING_SOON_DAYS = 30
ACTION_LIST_LIMIT = 10


def dashboard_for(*, user) -> dict:
    """What the home page shows this user, by role, in a fixed number of queries."""
    role = user.effective_role
    builders = {
        Role.REGENCY: regency_dashboard,
        Role.PROVINCE: province_dashboard,
        Role.MINISTRY: ministry_dashboard,
        Role.AGENCY: agency_dashboard,
        Role.KIM: kim_dashboard,
    }
    builder = builders.get(role)
    data = builder(user=user) if builder else {}
    return {"role": role, **data}


# The kab/kota panel's statements, compiled once per day and scope (below).
_REGENCY_STATEMENTS = CompiledStatements(size=1024)


def regency_dashboard(*, user) -> dict:
    """A kab/kota's counts and what needs action today (home panel).

    Its four statements are compiled once per process, day and scope: building and
    compiling them took longer than running them (perf, issue #6 item 12). They read
    of the user only the scoping rule's conditions on the four models, which are in
    the key with the day."""
    today = timezone.localdate()
    key = (today, scope_key(user, Partnership, ReviewCase, ChangeRequest, Kim))

    def wanted():  # built only when a statement is compiled
        return _regency_querysets(user, today)

    counts = _REGENCY_STATEMENTS.named(
        ("counts", key),
        lambda: count_each_statement(
            **{f"{name}_count": wanted()[name] for name in _COUNTED}
        ),
    )[0]
    return {
        "kim_counts": kim_status_counts(user=user),
        **counts._asdict(),
        "to_verify": _REGENCY_STATEMENTS.named(
            ("to_verify", key),
            lambda: (
                wanted()["to_verify"]
                .annotate(village_name=F("village__name"))
                .order_by("submitted_at", "id")
                .values_list("id", "name", "submitted_at", "village_name", named=True)[
                    :ACTION_LIST_LIMIT
                ]
            ),
        ),
        "open_cases": _REGENCY_STATEMENTS.named(
            ("open_cases", key),
            lambda: _first_of_kim_rows(wanted()["open_case"], "opened_at"),
        ),
        "ending_soon": _REGENCY_STATEMENTS.named(
            ("ending_soon", key),
            lambda: _first_of_kim_rows(wanted()["ending_soon"], "ends_on"),
        ),
    }


def _first_of_kim_rows(queryset: QuerySet, date_field: str) -> QuerySet:
    """The panel's first rows of a list of KIM cases or partnerships, earliest
    `date_field` first: id, KIM id, KIM name and that date."""
    return (
        queryset.annotate(kim_name=F("kim__name"))
        .order_by(date_field, "id")
        .values_list("id", "kim_id", "kim_name", date_field, named=True)[
            :ACTION_LIST_LIMIT
        ]
    )


_COUNTED = ("ending_soon", "open_case", "pending_change")


def _regency_querysets(user, today) -> dict[str, QuerySet]:
    """What the kab/kota panel counts and lists, through the scoping rule."""
    return {
        "ending_soon": scoped(
            Partnership.objects.filter(
                status=PartnershipStatus.ACTIVE,
                ends_on__gte=today,
                ends_on__lte=today + timedelta(days=ENDING_SOON_DAYS),
            ),
            user,
        ),
        "open_case": scoped(ReviewCase.objects.filter(status=ReviewStatus.OPEN), user),
        "pending_change": scoped(
            ChangeRequest.objects.filter(status=ChangeRequestStatus.PENDING), user
        ),
        "to_verify": scoped(Kim.objects.filter(status=KimStatus.SUBMITTED), user),
    }


def province_dashboard(*, user) -> dict:
    """A province's counts and one row per kab/kota (home panel)."""
    rows = _region_table(
        user,
        regions=Region.objects.filter(
            parent_id=user.scope_code, level=RegionLevel.REGENCY
        ),
        code_length=REGENCY_CODE_LENGTH,
    )
    return {"kim_counts": kim_status_counts(user=user), **rows}


def ministry_dashboard(*, user) -> dict:
    """National counts and one row per province (home panel)."""
    rows = _region_table(
        user,
        regions=Region.objects.filter(level=RegionLevel.PROVINCE),
        code_length=PROVINCE_CODE_LENGTH,
    )
    return {"kim_counts": kim_status_counts(user=user), **rows}


def agency_dashboard(*, user) -> dict:
    """How many KIM an agency may find in the directory (home panel)."""
    # An agency's scope holds verified KIM only.
    return {"verified_count": kim_status_counts(user=user)["verified"]}


def kim_dashboard(*, user) -> dict:
    """A KIM member's own KIM and partnership (home panel)."""
    kim_id = kim_id_of(user)
    if kim_id is None:
        return {}
    kim = get_scoped_or_404(Kim.objects.all(), user, pk=kim_id)
    return {"kim": kim, "partnership": kim_current_partnership(user=user, kim=kim)}


def _region_table(user, *, regions: QuerySet[Region], code_length: int) -> dict:
    """One row per region with its KIM, verified KIM, active partners and open review
    cases, counted by GROUP BY on the code prefix: four queries whatever the rows."""

    def by_area(queryset, code_path: str, **aggregates) -> dict[str, dict]:
        grouped = (
            queryset.order_by()
            .values(area=Substr(code_path, 1, code_length))
            .annotate(**aggregates)
        )
        return {row.pop("area"): row for row in grouped}

    # KIM per area from the counts the triggers keep, not from the KIM table.
    kims = by_area(
        scoped(KimCount.objects.all(), user),
        "regency_code",
        kim=Sum("total"),
        verified=Sum("total", filter=Q(status=KimStatus.VERIFIED)),
    )
    partners = by_area(
        scoped(Partnership.objects.filter(status=PartnershipStatus.ACTIVE), user),
        "kim__village_id",
        # A KIM has at most one open partnership (partnership_one_open_per_kim), so
        # active partnerships are partners: no DISTINCT (a sort of every row).
        partners=Count("id"),
    )
    cases = by_area(
        scoped(ReviewCase.objects.filter(status=ReviewStatus.OPEN), user),
        "kim__village_id",
        open_cases=Count("id"),
    )
    columns = ("kim", "verified", "partners", "open_cases")
    rows: list[dict] = []
    totals = dict.fromkeys(columns, 0)
    for region in regions.only("code", "name").order_by("code"):
        counts = {
            **kims.get(region.code, {}),
            **partners.get(region.code, {}),
            **cases.get(region.code, {}),
        }
        numbers = {c: counts.get(c) or 0 for c in columns}
        rows.append({"region": region, **numbers})
        for c in columns:
            totals[c] += numbers[c]
    return {"region_rows": rows, "region_totals": totals}


PANELS = (
    (Role.REGENCY, regency_dashboard),
    (Role.PROVINCE, province_dashboard),
    (Role.MINISTRY, ministry_dashboard),
    (Role.AGENCY, agency_dashboard),
    (Role.KIM, kim_dashboard),
)

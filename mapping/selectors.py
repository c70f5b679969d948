"""Reads of mapping, always through the scoping rule (out of scope → 404)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import CharField, Count, F, Func, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Substr
from django.http import Http404

from kimportal.core.dates import today_in_jakarta
from kimportal.core.scoping import code_in_scope, get_scoped_or_404, scoped
from kimportal.regions.models import Region, RegionLevel
from registry.choices import (
    GovernmentAffair,
    KimStatus,
    KimType,
    MediaType,
    SocialGroup,
)
from registry.selectors import kim_list

from .choices import Approach
from .models import Assessment, MappingSetting, PublicIssue
from .periods import Period, PeriodKind, period_containing, period_parse

REGENCY_CODE_LENGTH = 5
DISTRICT_CODE_LENGTH = 8


# --- regions and periods -------------------------------------------------------------


def regency_choices(*, user) -> QuerySet[Region]:
    """The kab/kota the user may pick: their own, their province's, or all."""
    regencies = Region.objects.filter(level=RegionLevel.REGENCY).order_by("code")
    code = user.scope_code
    if code is None:
        return regencies.none()
    return regencies.filter(code__startswith=code) if code else regencies


def regency_get(*, user, code: str | None) -> Region | None:
    """The kab/kota named by `code` if the user may see it; their own when `code` is
    empty and they are a kab/kota officer; None (= all in scope) otherwise. Unknown
    or out-of-scope codes are a 404."""
    code = (code or "").strip()
    if not code:
        if user.scope_code and len(user.scope_code) == REGENCY_CODE_LENGTH:
            code = user.scope_code
        else:
            return None
    if not code_in_scope(user, code):
        raise Http404
    try:
        return Region.objects.get(code=code, level=RegionLevel.REGENCY)
    except Region.DoesNotExist as exc:
        raise Http404 from exc


def setting_get(*, regency_code: str | None) -> MappingSetting:
    """The office's settings or the defaults (unsaved)."""
    setting = None
    if regency_code:
        setting = MappingSetting.objects.filter(regency_id=regency_code).first()
    return setting or MappingSetting(regency_id=regency_code or "")


def period_resolve(*, key: str | None, regency_code: str | None) -> Period:
    """The period asked for, or the current one of the office's kind (ValidationError
    for a malformed key)."""
    if key:
        return period_parse(key)
    kind = setting_get(regency_code=regency_code).period_kind or PeriodKind.QUARTER
    return period_containing(today_in_jakarta(), kind)


def assessed_periods(*, user, regency_code: str | None) -> list[str]:
    """Period keys that have assessments in the user's scope, newest first."""
    queryset = scoped(Assessment.objects.all(), user)
    if regency_code:
        queryset = queryset.filter(regency_id=regency_code)
    keys = queryset.order_by().values_list("period", flat=True).distinct()
    return sorted(keys, reverse=True)[:24]


# --- collect and categorise (§III.A) --------------------------------------------------


class Unnest(Func):
    function = "unnest"
    output_field = CharField()


def kim_categories(*, user, area_code: str | None) -> dict[str, Any]:
    """The registry's KIM within `area_code` (a kab/kota, province, or all in scope),
    counted by status, type, media, field, audience group, kecamatan and desa. Seven
    grouped queries whatever the number of KIM."""
    kims = kim_list(user=user, filters={"region": area_code or ""}).order_by()
    verified = kims.filter(status=KimStatus.VERIFIED)

    def grouped(queryset, expression) -> dict[str, int]:
        rows = queryset.values(key=expression).annotate(n=Count("*")).order_by()
        return {row["key"]: row["n"] for row in rows if row["key"]}

    def labelled(counts: dict[str, int], choices) -> list[tuple[str, str, int]]:
        labels = dict(choices)
        return sorted(
            ((key, str(labels.get(key, key)), n) for key, n in counts.items()),
            key=lambda row: (-row[2], row[1]),
        )

    status = grouped(kims, F("status"))
    districts = grouped(verified, Substr("village_id", 1, DISTRICT_CODE_LENGTH))
    villages = grouped(verified, F("village_id"))
    names = dict(
        Region.objects.filter(code__in=[*districts, *villages]).values_list(
            "code", "name"
        )
    )
    by_district = defaultdict(list)
    for code, n in sorted(villages.items()):
        by_district[code[:DISTRICT_CODE_LENGTH]].append(
            (code, names.get(code, code), n)
        )
    return {
        "total": sum(status.values()),
        "verified": status.get(KimStatus.VERIFIED, 0),
        "status": labelled(status, KimStatus.choices),
        "kim_type": labelled(grouped(verified, F("kim_type")), KimType.choices),
        "media": labelled(grouped(verified, Unnest("media_types")), MediaType.choices),
        "field": labelled(
            grouped(verified, Unnest("fields")), GovernmentAffair.choices
        ),
        "audience": labelled(
            grouped(verified, Unnest("social_groups")), SocialGroup.choices
        ),
        "districts": [
            {
                "code": code,
                "name": names.get(code, code),
                "count": n,
                "villages": by_district.get(code, []),
            }
            for code, n in sorted(districts.items())
        ],
    }


def area_choices(*, user) -> list[Region]:
    """The areas a user reports on (§III.A): a kab/kota officer their kab/kota, a
    province its kab/kota, the ministry the provinces."""
    code = user.scope_code
    if code is None:
        return []
    if code == "":
        return list(Region.objects.filter(level=RegionLevel.PROVINCE).order_by("code"))
    if len(code) == REGENCY_CODE_LENGTH:
        return list(Region.objects.filter(code=code))
    return list(regency_choices(user=user))


def area_get(*, user, code: str | None) -> Region | None:
    """An area in scope (province, kab/kota, kecamatan), or None for all in scope."""
    code = (code or "").strip()
    if not code:
        return None
    if not code_in_scope(user, code):
        raise Http404
    region = Region.objects.filter(code=code).first()
    if region is None or region.level == RegionLevel.VILLAGE:
        raise Http404
    return region


# --- public issues ------------------------------------------------------------------------


def public_issue_list(*, user, filters: dict | None = None) -> QuerySet[PublicIssue]:
    """Issues of the user's offices plus national issues (shown to every Dinas office)."""
    filters = filters or {}
    if not user.has_perm("mapping.view"):
        return PublicIssue.objects.none()
    own = scoped(PublicIssue.objects.all(), user)
    queryset = PublicIssue.objects.filter(
        Q(pk__in=own.values("pk")) | Q(is_national=True)
    )
    if filters.get("field"):
        queryset = queryset.filter(field=filters["field"])
    if filters.get("priority"):
        queryset = queryset.filter(is_priority=True)
    if filters.get("crisis"):
        queryset = queryset.filter(is_crisis=True)
    return queryset.select_related("owner_region", "created_by").order_by(
        "-created_at", "-id"
    )


def public_issue_get(*, user, pk: int) -> PublicIssue:
    return get_scoped_or_404_issue(user, pk)


def get_scoped_or_404_issue(user, pk: int) -> PublicIssue:
    try:
        return public_issue_list(user=user).get(pk=pk)
    except (PublicIssue.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def public_issue_materials(*, user, issue: PublicIssue):
    """The linked information material the user may see."""
    from monitoring.selectors import material_list

    return material_list(user=user).filter(pk__in=issue.materials.values("pk"))


def public_issue_kims(*, user, issue: PublicIssue):
    """The linked KIM the user may see (a national issue's KIM of another kab/kota
    stay hidden)."""
    return kim_list(user=user).filter(pk__in=issue.kims.values("pk"))


# --- assessments ------------------------------------------------------------------------


def assessment_list(
    *, user, period: str, regency_code: str | None = None
) -> QuerySet[Assessment]:
    """Assessments of one period in the user's scope (one kab/kota if given)."""
    if not user.has_perm("mapping.view"):
        return Assessment.objects.none()
    queryset = scoped(Assessment.objects.filter(period=period), user)
    if regency_code:
        queryset = queryset.filter(regency_id=regency_code)
    return queryset.select_related("kim", "regency").order_by("regency_id", "kim__name")


def assessment_get(*, user, pk: int) -> Assessment:
    if not user.has_perm("mapping.view"):
        raise Http404
    return get_scoped_or_404(
        Assessment.objects.select_related(
            "kim__village__parent", "regency", "overridden_by", "planned_by"
        ),
        user,
        pk=pk,
    )


def assessment_history(*, user, assessment: Assessment) -> list[Assessment]:
    """The KIM's assessments of every period, oldest first."""
    return list(
        scoped(Assessment.objects.filter(kim_id=assessment.kim_id), user).order_by(
            "period_start"
        )
    )


def approach_counts(
    *, user, period: Period, regency_code: str | None
) -> dict[str, int]:
    """How many KIM sit in each quadrant: one grouped COUNT(*), read from the
    (period, approach) index alone."""
    rows = (
        assessment_list(user=user, period=period.key, regency_code=regency_code)
        .select_related(None)
        .order_by()
        .values_list("approach")
        .annotate(n=Count("*"))
    )
    counts = dict.fromkeys(Approach.values, 0)
    counts.update(dict(rows))
    return counts


def home_panel(*, user) -> dict[str, Any]:
    """The home page's mapping block: the current period's count per quadrant in the
    user's scope (one grouped query)."""
    regency_code = user.scope_code if len(user.scope_code or "") == 5 else None
    period = period_resolve(key=None, regency_code=regency_code)
    counts = dict(
        scoped(Assessment.objects.filter(period=period.key), user)
        .order_by()
        .values_list("approach")
        .annotate(n=Count("*"))
    )
    return {
        "mapping_period": period,
        "mapping_counts": [
            (Approach(value).label, counts.get(value, 0)) for value in Approach.values
        ],
    }


def interest_answer_current(*, user, period: str):
    """The user's KIM's questionnaire answers for `period`, or None."""
    from .models import InterestAnswer

    return scoped(InterestAnswer.objects.filter(period=period), user).first()


def latest_approach_of_kim(kim_ref: str = "pk") -> Subquery:
    """The quadrant of a KIM's newest assessment, as an expression to annotate a KIM
    queryset with (`kim_ref` names the KIM id in the outer query); NULL when the KIM
    was never assessed. Served by the (kim, period) unique index."""
    return Subquery(
        Assessment.objects.filter(kim_id=OuterRef(kim_ref))
        .order_by("-period_start", "-id")
        .values("approach")[:1]
    )

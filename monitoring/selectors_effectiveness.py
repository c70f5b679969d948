"""Effectiveness numbers (Tabel 5.1) for a region and a period, read from the rollups only.

Output: validated reports, activities, new content items, active KIM, link clicks.
Outtakes: views, likes, comments, shares, engagement and follower growth from the
metric snapshots (`selectors_outtakes`); None, shown as "belum ada data", only when
there is no snapshot.
Outcome: the three-question survey (answers, and the shares that understood, support and
mean to act).

The region is the nation (""), a province (`35`) or a kab/kota (`35.07`); it must lie in
the user's scope (404 otherwise), and only Dinas staff read these numbers (403). Every
query is on a rollup table with the region as a prefix, so the number of queries and
their cost do not grow with the reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import F, Q, Sum, Value
from django.http import Http404
from django.utils.translation import gettext as _

from kimportal.accounts.rules import is_dinas_staff, is_ministry
from kimportal.core.scoping import code_in_scope, scope_key, scoped
from kimportal.core.statements import CompiledStatements
from kimportal.regions.models import Region
from registry.selectors import kim_list

from .choices import ContentPlatform, Medium
from .models_effectiveness import (
    ActiveKimRollup,
    KimMonthRollup,
    ProvinceMonthRollup,
    RegionMonthRollup,
)
from .periods_effectiveness import Period, trend_months
from .selectors_outtakes import material_outtakes, region_outtakes

REGION_RE = re.compile(r"^\d{2}(\.\d{2})?$", re.ASCII)
SUMS = {
    "reports": Sum("reports"),
    "activities": Sum("activities"),
    "content_items": Sum("content_items"),
    "link_clicks": Sum("link_clicks"),
    "survey_answers": Sum("survey_answers"),
    "survey_understood": Sum("survey_understood"),
    "survey_positive": Sum("survey_positive"),
    "survey_intent": Sum("survey_intent"),
}


class RegionError(ValueError):
    """A region code that cannot be read (400); the message is Indonesian."""


@dataclass(frozen=True)
class RegionView:
    code: str  # "" for the nation
    name: str
    level: str  # nation | province | regency

    @property
    def parent_code(self) -> str | None:
        if self.level == "nation":
            return None
        return self.code.rsplit(".", 1)[0] if "." in self.code else ""


def may_view_effectiveness(user) -> bool:
    return bool(is_dinas_staff(user))


def effectiveness_region(*, user, code: str | None) -> RegionView:
    """The region `user` asks for (default: their own scope). Not staff → 403; a badly
    written code → RegionError (400); unknown or outside the scope → 404."""
    if not may_view_effectiveness(user):
        raise PermissionDenied(_("Angka efektivitas hanya untuk Dinas Kominfo."))
    code = (code or "").strip()
    if not code:
        code = user.scope_code or ""
    elif code.lower() in ("id", "nasional"):
        code = ""
    elif not REGION_RE.match(code):
        raise RegionError(
            _(
                "Kode wilayah tidak dikenal: gunakan kode provinsi (35) atau kab/kota (35.07)."
            )
        )
    if not code:
        if not is_ministry(user):
            raise Http404
        return RegionView("", _("Nasional"), "nation")
    if not code_in_scope(user, code):
        raise Http404
    name = Region.objects.filter(code=code).values_list("name", flat=True).first()
    if name is None:
        raise Http404
    return RegionView(code, name, "regency" if "." in code else "province")


def _zeros() -> dict[str, int]:
    return dict.fromkeys(SUMS, 0)


def _clean(row: dict[str, Any]) -> dict[str, int]:
    return {key: row.get(key) or 0 for key in SUMS}


def _in_region(queryset, region: RegionView):
    # The nation needs no prefix test; `LIKE '%'` would only hide the month index.
    if region.code:
        return queryset.filter(regency_code__startswith=region.code)
    return queryset


def _region_rows(user, region: RegionView, period_start, period_end):
    """Month rows of the region: its kab/kota rows for a kab/kota, else the province
    rows (a nation's year is ~38 provinces' rows instead of 514 kab/kota's)."""
    if region.level == "regency":
        rows = scoped(RegionMonthRollup.objects.all(), user)
        rows = rows.filter(regency_code__startswith=region.code)
    else:
        rows = scoped(ProvinceMonthRollup.objects.all(), user)
        if region.code:
            rows = rows.filter(province_code=region.code)
    return rows.filter(month__gte=period_start, month__lt=period_end)


def _active(user, region: RegionView, keys: list[str]) -> dict[str, int]:
    return _active_of(_active_rows(user, region, keys), keys)


def _active_rows(user, region: RegionView, keys: list[str]):
    """The active KIM per period of `keys` (rows of "period" and "n"), one query."""
    return (
        _in_region(scoped(ActiveKimRollup.objects.all(), user), region)
        .filter(period__in=keys)
        .values("period")
        .annotate(n=Sum("active_kims"))
    )


def _active_of(rows, keys: list[str]) -> dict[str, int]:
    found = {row["period"]: row["n"] for row in rows}
    return {key: found.get(key, 0) for key in keys}


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def outcome_of(totals: dict[str, int]) -> dict[str, Any]:
    answers = totals["survey_answers"]
    return {
        "answers": answers,
        "understood_share": _share(totals["survey_understood"], answers),
        "positive_share": _share(totals["survey_positive"], answers),
        "intent_share": _share(totals["survey_intent"], answers),
    }


def effectiveness_outtakes(*, user, region: RegionView, period: Period) -> dict | None:
    """Views, likes, comments, shares, engagement and follower growth of the region's
    content in the period, from the metric snapshots (see `selectors_outtakes`). None
    when there is no snapshot: the pages say "belum ada data"."""
    return region_outtakes(
        user=user, code=region.code, start=period.start, end=period.end
    )


def effectiveness_summary(
    *, user, region: RegionView, period: Period
) -> dict[str, Any]:
    """Output, outtakes and outcome of `region` in `period` (four queries).

    The statements are compiled once per process for the scoping rule's conditions on
    the rollups, the region and the period, all they read (perf, issue #6 item 12: the
    home page shows this month's summary to every officer)."""
    rollups = (RegionMonthRollup, ProvinceMonthRollup, ActiveKimRollup)
    key = (scope_key(user, *rollups), region, period.start, period.end, period.key)
    totals = _SUMMARY_STATEMENTS.named(
        ("totals", key),
        # The sums over all the rows as one row: a constant groups nothing (the
        # SELECT has no GROUP BY), as aggregate() reads them.
        lambda: (
            _region_rows(user, region, period.start, period.end)
            .annotate(_all=Value(1))
            .values("_all")
            .annotate(**SUMS)
            .values(*SUMS)
        ),
    )
    active = _SUMMARY_STATEMENTS.named(
        ("active", key), lambda: _active_rows(user, region, [period.key])
    )
    return _summary(
        user,
        region,
        period,
        _clean(totals[0]._asdict() if totals else {}),  # no rows: a scope of nothing
        _active_of([row._asdict() for row in active], [period.key])[period.key],
    )


# `effectiveness_summary`'s statements, compiled once per scope, region and period.
_SUMMARY_STATEMENTS = CompiledStatements(size=1024)


def _months_active(user, region: RegionView, period: Period, months) -> dict[str, int]:
    return _active(user, region, [period.key, *(f"{m:%Y-%m}" for m in months)])


def effectiveness_dashboard(
    *, user, region: RegionView, period: Period
) -> dict[str, Any]:
    """Summary, monthly trend and shares by medium and platform in two queries: one
    grouped read of the trend window (which contains the period) and one of the active
    KIM counts; the sums are made here."""
    months = trend_months(period)
    grouped = (
        _region_rows(user, region, months[0], period.end)
        .values("month", "medium", "platform")
        .annotate(**SUMS)
    )
    by_month = {m: _zeros() for m in months}
    totals = _zeros()
    mediums: dict[str, int] = {}
    platforms: dict[str, int] = {}
    for row in grouped:
        counts = _clean(row)
        month_sums = by_month.setdefault(row["month"], _zeros())
        for key, value in counts.items():
            month_sums[key] += value
        if not period.start <= row["month"] < period.end:
            continue
        for key, value in counts.items():
            totals[key] += value
        if counts["reports"]:
            mediums[row["medium"]] = mediums.get(row["medium"], 0) + counts["reports"]
        if counts["content_items"] and row["platform"]:
            platforms[row["platform"]] = (
                platforms.get(row["platform"], 0) + counts["content_items"]
            )
    active = _months_active(user, region, period, months)
    return {
        "summary": _summary(user, region, period, totals, active[period.key]),
        "trend": [
            {"month": m, **by_month[m], "active_kims": active[f"{m:%Y-%m}"]}
            for m in months
        ],
        "shares": _named_shares(mediums, platforms),
    }


def _summary(user, region, period, totals: dict[str, int], active: int) -> dict:
    return {
        "output": {
            "validated_reports": totals["reports"],
            "activities": totals["activities"],
            "content_items": totals["content_items"],
            "active_kims": active,
            "link_clicks": totals["link_clicks"],
        },
        "outtakes": effectiveness_outtakes(user=user, region=region, period=period),
        "outcome": outcome_of(totals),
    }


def _named_shares(mediums: dict[str, int], platforms: dict[str, int]) -> dict:
    medium_names = dict(Medium.choices)
    platform_names = dict(ContentPlatform.choices)
    return {
        "medium": sorted(
            ((str(medium_names.get(k, k)), v) for k, v in mediums.items()),
            key=lambda p: -p[1],
        ),
        "platform": sorted(
            ((str(platform_names.get(k, k)), v) for k, v in platforms.items()),
            key=lambda p: -p[1],
        ),
    }


def effectiveness_ranking(
    *, user, region: RegionView, period: Period, limit: int = 10
) -> dict[str, Any]:
    """The next level down ranked by validated reports: provinces of the nation, kab/kota
    of a province, KIM of a kab/kota. Returns the level and its rows (code/id, name,
    counts), largest first, at most `limit`."""
    if region.level == "regency":
        # Summed per KIM id from the covering index first; the names are read for the
        # ranked rows only (joining the KIM table before grouping cost a lookup per
        # rollup row: ~50k for a kab/kota's year at national scale).
        grouped = (
            scoped(KimMonthRollup.objects.all(), user)
            .filter(
                regency_code=region.code, month__gte=period.start, month__lt=period.end
            )
            .values("kim_id")
            .annotate(**SUMS)
            .filter(reports__gt=0)
            .order_by("-reports", "kim_id")[:limit]
        )
        rows = list(grouped)
        names = dict(
            kim_list(user=user)
            .filter(pk__in=[r["kim_id"] for r in rows])
            .order_by()
            .values_list("pk", "name")
        )
        ranked = sorted(rows, key=lambda r: (-r["reports"], names.get(r["kim_id"], "")))
        return {
            "level": "kim",
            "rows": [
                {"key": r["kim_id"], "name": names.get(r["kim_id"], ""), **_clean(r)}
                for r in ranked
            ],
        }
    if region.level == "nation":
        children_rows = _region_rows(user, region, period.start, period.end).annotate(
            child=F("province_code")
        )
    else:
        children_rows = _in_region(
            scoped(RegionMonthRollup.objects.all(), user), region
        ).filter(month__gte=period.start, month__lt=period.end)
        children_rows = children_rows.annotate(child=F("regency_code"))
    grouped = (
        children_rows.values("child")
        .annotate(**SUMS)
        .order_by("-reports", "child")[:limit]
    )
    children: list[dict[str, Any]] = [{"key": r["child"], **_clean(r)} for r in grouped]
    names = dict(
        Region.objects.filter(code__in=[r["key"] for r in children]).values_list(
            "code", "name"
        )
    )
    for row in children:
        row["name"] = names.get(row["key"], row["key"])
    level = "province" if region.level == "nation" else "regency"
    return {"level": level, "rows": children}


def material_effectiveness(*, user, material, delivery_counts: dict) -> dict[str, Any]:
    """The loop of one material in the user's scope: deliveries (from monitoring's
    selector, passed in), then validated reports, KIM that reported, clicks and the
    survey from the rollups."""
    condition = Q(material_id=material.pk)
    totals = _clean(
        scoped(KimMonthRollup.objects.all(), user).filter(condition).aggregate(**SUMS)
    )
    reporting_kims = (
        scoped(KimMonthRollup.objects.all(), user)
        .filter(condition, reports__gt=0)
        .values("kim_id")
        .distinct()
        .count()
    )
    return {
        "targeted": delivery_counts.get("delivered", 0),
        "delivered": delivery_counts.get("delivered", 0),
        "opened": delivery_counts.get("opened", 0),
        "reported": delivery_counts.get("reported", 0),
        "validated_kims": reporting_kims,
        "validated_reports": totals["reports"],
        "content_items": totals["content_items"],
        "link_clicks": totals["link_clicks"],
        "outtakes": material_outtakes(user=user, material_id=material.pk),
        "outcome": outcome_of(totals),
    }


def survey_target(*, code: str) -> dict | None:
    """What the public survey page of a tracked link shows: the material and the KIM
    that shared it. Public by design (the unguessable code is the key, as for `/l/`);
    None for an unknown code."""
    from .choices import MaterialState
    from .models import TrackedLink

    row = (
        TrackedLink.objects.filter(code=code)
        .values(
            "delivery__material__title",
            "delivery__material__message",
            "delivery__material__state",
            "delivery__kim__name",
        )
        .first()
    )
    if row is None:
        return None
    return {
        "title": row["delivery__material__title"],
        "message": row["delivery__material__message"],
        "kim_name": row["delivery__kim__name"],
        "open": row["delivery__material__state"] == MaterialState.PUBLISHED,
    }


def effectiveness_home_panel(*, user) -> dict[str, Any]:
    """This month's effectiveness numbers in the officer's own scope, for the home."""
    from kimportal.core.dates import today_in_jakarta

    from .periods_effectiveness import parse_period

    code = user.scope_code or ""
    region = RegionView(
        code, "", "regency" if "." in code else ("province" if code else "nation")
    )
    period = parse_period(f"{today_in_jakarta():%Y-%m}")
    return {
        "period": period,
        **effectiveness_summary(user=user, region=region, period=period),
    }

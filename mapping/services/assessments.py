"""Assessments: the recompute (nightly and on demand), overrides and priorities."""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kimportal.core.access import guard
from kimportal.core.locking import lock_row
from registry.selectors import verified_kim_ids_by_regency
from registry.services.assessment_figures import kim_assessment_figures_set

from ..activity import activity_for
from ..choices import Approach
from ..computation import Thresholds, approach_for, compute_assessments
from ..models import Assessment, InterestAnswer, MappingSetting
from ..periods import Period, period_containing

DIMENSIONS = ("interest", "power", "influence")


def setting_for(regency_code: str) -> MappingSetting:
    """The office's settings, or the defaults (unsaved) when it has none."""
    return MappingSetting.objects.filter(regency_id=regency_code).first() or (
        MappingSetting(regency_id=regency_code)
    )


def thresholds_of(setting: MappingSetting) -> Thresholds:
    return Thresholds(
        interest=float(setting.interest_threshold),
        power=float(setting.power_threshold),
        influence=float(setting.influence_threshold),
    )


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 2)))


def effective_approach(assessment: Assessment) -> str:
    return approach_for(
        interest_high=assessment.effective_high("interest"),
        power_high=assessment.effective_high("power"),
        influence_high=assessment.effective_high("influence"),
    )


def assessments_recompute(
    *,
    regency_code: str,
    period: Period,
    actor=None,
    figures: Mapping[int, Any] | None = None,
) -> int:
    """(Re)compute the assessments of every verified KIM of a kab/kota for `period`.

    Idempotent: computed values are overwritten, overrides and priorities kept. `actor`
    None is the nightly job; an officer may recompute only their own kab/kota. `figures`
    replaces monitoring's numbers (tests, benchmark). Returns the number of KIM assessed.
    """
    if actor is not None:
        guard(actor, "mapping.recompute")
        if actor.scope_code != regency_code:
            raise PermissionDenied(_("Hanya untuk kabupaten/kota Anda sendiri."))
    kim_ids = verified_kim_ids_by_regency(within=regency_code).get(regency_code, [])
    if figures is None:
        figures = activity_for(kim_ids=kim_ids, period=period)
    figures = _with_questionnaire(
        {kim_id: figures.get(kim_id) for kim_id in kim_ids}, period
    )
    setting = setting_for(regency_code)
    thresholds = thresholds_of(setting)
    points = compute_assessments(
        {k: v if v is not None else _EMPTY for k, v in figures.items()}, thresholds
    )
    now = timezone.now()
    with transaction.atomic():
        # Lock what exists (a concurrent override waits), reading only the overrides
        # that the effective approach depends on.
        overrides = {
            row["kim_id"]: row
            for row in Assessment.objects.select_for_update()
            .filter(period=period.key, kim_id__in=kim_ids)
            .order_by("kim_id")
            .values("kim_id", *(f"{d}_override" for d in DIMENSIONS))
        }
        rows = []
        for kim_id, point in points.items():
            assessment = Assessment(kim_id=kim_id, period=period.key)
            for dimension in DIMENSIONS:
                result = getattr(point, dimension)
                setattr(assessment, f"{dimension}_score", _decimal(result.score))
                setattr(assessment, f"{dimension}_high", result.high)
                override = overrides.get(kim_id, {}).get(f"{dimension}_override")
                setattr(assessment, f"{dimension}_override", override)
            assessment.thresholds = {d: getattr(thresholds, d) for d in DIMENSIONS}
            rows.append(
                (
                    kim_id,
                    regency_code,
                    period.key,
                    period.kind,
                    period.start,
                    period.end,
                    assessment.interest_score,
                    assessment.power_score,
                    assessment.influence_score,
                    assessment.interest_high,
                    assessment.power_high,
                    assessment.influence_high,
                    json.dumps(assessment.thresholds),
                    json.dumps(
                        {
                            d: {
                                "values": getattr(point, d).components,
                                "percentiles": getattr(point, d).percentiles,
                            }
                            for d in DIMENSIONS
                        }
                    ),
                    json.dumps(point.inputs, default=str),
                    json.dumps(point.provenance),
                    now,
                    effective_approach(assessment),
                )
            )
        _upsert(rows)
        _fill_registry_figures(period, points)
    return len(points)


UPSERT_COLUMNS = (
    "kim_id",
    "regency_id",
    "period",
    "period_kind",
    "period_start",
    "period_end",
    "interest_score",
    "power_score",
    "influence_score",
    "interest_high",
    "power_high",
    "influence_high",
    "thresholds",
    "components",
    "inputs",
    "provenance",
    "computed_at",
    "approach",
)
JSON_COLUMNS = {"thresholds", "components", "inputs", "provenance"}
UPSERT_BATCH = 500


def _upsert(rows: list[tuple]) -> None:
    """Insert new assessments and overwrite the computed columns of existing ones in
    one statement per batch (ON CONFLICT on KIM and period); overrides, priorities
    and their authors are never touched. Measured: Django's bulk_update builds a CASE
    per column and row, about ten times slower at a kab/kota of a few hundred KIM."""
    if not rows:
        return
    table = Assessment._meta.db_table
    placeholder = (
        "("
        + ", ".join("%s::jsonb" if c in JSON_COLUMNS else "%s" for c in UPSERT_COLUMNS)
        + ", '', false, false, '', '')"
    )
    columns = ", ".join(UPSERT_COLUMNS)
    updates = ", ".join(
        f"{c} = EXCLUDED.{c}" for c in UPSERT_COLUMNS if c not in ("kim_id", "period")
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), UPSERT_BATCH):
            batch = rows[start : start + UPSERT_BATCH]
            cursor.execute(
                f"INSERT INTO {table} ({columns}, override_reason, is_prioritised, "
                f"is_involved, target_approach, plan_note) VALUES "
                + ", ".join([placeholder] * len(batch))
                + f" ON CONFLICT (kim_id, period) DO UPDATE SET {updates}",
                [value for row in batch for value in row],
            )


class _Empty:
    """A KIM the activity source returned nothing for: no data at all."""


_EMPTY = _Empty()


class _WithQuestionnaire:
    """The activity figures of a KIM plus its questionnaire score, whatever type the
    activity source returned."""

    def __init__(self, base, score: float):
        self._base = base
        self.questionnaire_score = score

    def __getattr__(self, name):
        return getattr(self._base, name, None)


def _with_questionnaire(figures: dict, period: Period) -> dict:
    scores = dict(
        InterestAnswer.objects.filter(
            kim_id__in=list(figures), period=period.key
        ).values_list("kim_id", "score")
    )
    return {
        kim_id: _WithQuestionnaire(
            f if f is not None else _EMPTY, float(scores[kim_id])
        )
        if kim_id in scores
        else f
        for kim_id, f in figures.items()
    }


def _fill_registry_figures(period: Period, points) -> None:
    """The profile's two numbers follow the latest assessment: only KIM with no
    assessment of a later period are updated."""
    later = set(
        Assessment.objects.filter(
            kim_id__in=list(points), period_start__gt=period.start
        ).values_list("kim_id", flat=True)
    )
    figures = {}
    for kim_id, point in points.items():
        if kim_id in later:
            continue
        inputs = point.inputs
        reach = (inputs.get("followers") or 0) + (inputs.get("views") or 0)
        responses = sum(inputs.get(k) or 0 for k in ("likes", "comments", "shares"))
        figures[kim_id] = (reach, responses)
    kim_assessment_figures_set(figures=figures)


def assessments_recompute_current(*, today: datetime.date) -> int:
    """The nightly job: the current period (of each office's kind) of every kab/kota
    that has verified KIM. Returns the number of KIM assessed."""
    total = 0
    kinds = dict(MappingSetting.objects.values_list("regency_id", "period_kind"))
    for regency_code in sorted(verified_kim_ids_by_regency()):
        setting_kind = kinds.get(regency_code) or MappingSetting().period_kind
        period = period_containing(today, setting_kind)
        total += assessments_recompute(regency_code=regency_code, period=period)
    return total


def _score_input(value, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: _("Skor harus berupa angka 0–100.")}) from exc
    if not Decimal(0) <= number <= Decimal(100) or not number.is_finite():
        raise ValidationError({field: _("Skor harus di antara 0 dan 100.")})
    return number.quantize(Decimal("0.01"))


@transaction.atomic
def assessment_override(
    *,
    assessment: Assessment,
    actor,
    reason: str,
    interest=None,
    power=None,
    influence=None,
) -> Assessment:
    """Set (or, with all three empty, clear) the officer's scores beside the computed
    ones, with who, when and why. The reason is required either way."""
    assessment = lock_row(Assessment, assessment)
    guard(actor, "mapping.override", assessment)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Alasan penyesuaian wajib diisi.")})
    assessment.interest_override = _score_input(interest, "interest")
    assessment.power_override = _score_input(power, "power")
    assessment.influence_override = _score_input(influence, "influence")
    assessment.override_reason = reason
    assessment.overridden_by = actor
    assessment.overridden_at = timezone.now()
    assessment.approach = effective_approach(assessment)
    assessment.save()
    return assessment


@transaction.atomic
def assessment_plan(
    *,
    assessment: Assessment,
    actor,
    is_prioritised: bool,
    is_involved: bool,
    target_approach: str = "",
    note: str = "",
) -> Assessment:
    """Mark the KIM prioritised and/or involved for this period (§III.D) and the
    quadrant the office aims for, with who and when."""
    assessment = lock_row(Assessment, assessment)
    guard(actor, "mapping.plan", assessment)
    if target_approach and target_approach not in Approach.values:
        raise ValidationError({"target_approach": _("Kuadran sasaran tidak dikenal.")})
    assessment.is_prioritised = bool(is_prioritised)
    assessment.is_involved = bool(is_involved)
    assessment.target_approach = target_approach or ""
    assessment.plan_note = (note or "").strip()
    assessment.planned_by = actor
    assessment.planned_at = timezone.now()
    assessment.save()
    return assessment

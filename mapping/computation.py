"""The assessment of interest, power and influence (Tabel 3.3), as a pure function.

Input: the measured activity of each KIM of one kab/kota in one period (`KimFigures`, the
same names as monitoring's `KimActivity`, so either can be passed). Output: per KIM, for
each dimension, its components, a score (0–100) and high/low. No database, no clock: the
services feed it and store the result, and the tests check it on hand-made data.

The rule, as the page states it in Indonesian (`FORMULA_TEXT`):
- components: power = reach (followers + views of validated content); influence =
  engagement rate ((likes + comments + shares) / reach) and the share of positive survey
  answers; interest = reports on the office's material and issues, and the questionnaire;
- each component is ranked among the KIM of the kab/kota that have it (mid-rank
  percentile: 100 × (lower + ½ × equal) / n); a value of 0 (no activity) scores 0;
- a dimension's score is the mean of the percentiles of the components the KIM has;
  a KIM without any component has no score and counts as low;
- high when the score is at or above the office's threshold (50 = the median by default;
  a score exactly at the threshold is high).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .choices import Approach

DEFAULT_THRESHOLD = 50.0


@dataclass(frozen=True)
class KimFigures:
    """What one KIM did in one period. None means "not measured" (e.g. no metric
    snapshots yet), which is not the same as 0."""

    validated_reports: int = 0
    reports_on_office_material: int | None = None
    issue_reports: int | None = None
    content_items: int = 0
    followers: int | None = None
    views: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    survey_answers: int = 0
    survey_positive_share: float | None = None
    questionnaire_score: float | None = None
    report_ids: tuple[int, ...] = ()
    snapshot_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Thresholds:
    interest: float = DEFAULT_THRESHOLD
    power: float = DEFAULT_THRESHOLD
    influence: float = DEFAULT_THRESHOLD


@dataclass(frozen=True)
class DimensionResult:
    components: dict[str, float | None]
    percentiles: dict[str, float]
    score: float | None
    high: bool


@dataclass(frozen=True)
class ComputedPoint:
    interest: DimensionResult
    power: DimensionResult
    influence: DimensionResult
    approach: str
    inputs: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, list[int]] = field(default_factory=dict)


def _get(figures: Any, name: str, default=None):
    return getattr(figures, name, default)


def _sum_known(*values) -> float | None:
    known = [v for v in values if v is not None]
    return float(sum(known)) if known else None


def components_of(figures: Any) -> dict[str, dict[str, float | None]]:
    """The raw components of each dimension for one KIM."""
    reach = _sum_known(_get(figures, "followers"), _get(figures, "views"))
    responses = _sum_known(
        _get(figures, "likes"), _get(figures, "comments"), _get(figures, "shares")
    )
    engagement = None
    if responses is not None and reach:
        engagement = responses / reach
    elif responses is not None and reach == 0:
        engagement = 0.0
    survey = None
    if (_get(figures, "survey_answers") or 0) > 0:
        survey = _get(figures, "survey_positive_share")
    reporting = _sum_known(
        _get(figures, "reports_on_office_material"), _get(figures, "issue_reports")
    )
    questionnaire = _get(figures, "questionnaire_score")
    return {
        "power": {"reach": reach},
        "influence": {"engagement": engagement, "survey": survey},
        "interest": {
            "reporting": reporting,
            "questionnaire": None if questionnaire is None else float(questionnaire),
        },
    }


def percentile_ranks(values: Mapping[int, float]) -> dict[int, float]:
    """Mid-rank percentile (0–100) of each value among `values`; 0 stays 0."""
    ordered = sorted(values.values())
    n = len(ordered)
    ranks: dict[int, float] = {}
    for key, value in values.items():
        if value <= 0:
            ranks[key] = 0.0
            continue
        lower = _count_below(ordered, value)
        equal = _count_below(ordered, value, inclusive=True) - lower
        ranks[key] = round(100.0 * (lower + 0.5 * equal) / n, 2)
    return ranks


def _count_below(ordered: list[float], value: float, inclusive: bool = False) -> int:
    return (bisect_right if inclusive else bisect_left)(ordered, value)


def approach_for(*, interest_high: bool, power_high: bool, influence_high: bool) -> str:
    """Tabel 3.3. "Power/influence high" means either is high: the guideline maps on
    interest × influence *or* power."""
    strong = power_high or influence_high
    if interest_high:
        return Approach.PARTNER if strong else Approach.DEVELOP
    return Approach.PERSUADE if strong else Approach.MONITOR


def quadrant_for(*, interest_high: bool, other_high: bool) -> str:
    """The quadrant on one grid (interest × power, or interest × influence)."""
    return approach_for(
        interest_high=interest_high, power_high=other_high, influence_high=False
    )


def compute_assessments(
    figures: Mapping[int, Any], thresholds: Thresholds | None = None
) -> dict[int, ComputedPoint]:
    """Assess every KIM of one kab/kota for one period (see the module's docstring)."""
    thresholds = thresholds or Thresholds()
    components = {kim_id: components_of(f) for kim_id, f in figures.items()}
    percentiles: dict[tuple[str, str], dict[int, float]] = {}
    for dimension, names in (
        ("power", ("reach",)),
        ("influence", ("engagement", "survey")),
        ("interest", ("reporting", "questionnaire")),
    ):
        for name in names:
            present = {
                kim_id: value
                for kim_id, parts in components.items()
                if (value := parts[dimension][name]) is not None
            }
            percentiles[(dimension, name)] = percentile_ranks(present)

    results = {}
    for kim_id, parts in components.items():
        dims = {}
        for dimension, comps in parts.items():
            ranks = {
                name: percentiles[(dimension, name)][kim_id]
                for name in comps
                if kim_id in percentiles[(dimension, name)]
            }
            score = round(sum(ranks.values()) / len(ranks), 2) if ranks else None
            threshold = getattr(thresholds, dimension)
            dims[dimension] = DimensionResult(
                components=comps,
                percentiles=ranks,
                score=score,
                high=score is not None and score >= threshold,
            )
        source = figures[kim_id]
        results[kim_id] = ComputedPoint(
            interest=dims["interest"],
            power=dims["power"],
            influence=dims["influence"],
            approach=approach_for(
                interest_high=dims["interest"].high,
                power_high=dims["power"].high,
                influence_high=dims["influence"].high,
            ),
            inputs=_inputs_of(source),
            provenance={
                "reports": sorted(set(_ids(_get(source, "report_ids")))),
                "snapshots": sorted(set(_ids(_get(source, "snapshot_ids")))),
            },
        )
    return results


INPUT_NAMES = (
    "validated_reports",
    "reports_on_office_material",
    "issue_reports",
    "content_items",
    "followers",
    "views",
    "likes",
    "comments",
    "shares",
    "survey_answers",
    "survey_positive_share",
    "questionnaire_score",
)


def _inputs_of(figures: Any) -> dict[str, Any]:
    return {name: _get(figures, name) for name in INPUT_NAMES}


def _ids(values: Iterable[int] | None) -> list[int]:
    return [int(v) for v in (values or ())]

"""The award ranking (apresiasi, Gambar 4.6) as pure functions over plain data.

Input: what each KIM did in the period (`AwardFigures`: validated reports and content,
outtakes of that content, followers, outcome survey), and the period's weights.
Output: per KIM the four components — each with its value, the best value among the
KIM ranked and its score — the weighted total and the rank. No database, no clock: the
award services feed it and store the result; the tests check it on hand-made data.

The rule, as the pages state it (`formula_lines`):
- quantity: validated reports (R) and new content items from them (K);
- quality: engagement E = (likes + comments + shares) ÷ (views + followers), from the
  latest metric snapshots of the validated content; survey S = share of "supports"
  answers in the outcome survey;
- each component's score = value ÷ the best value among the KIM ranked × 100 (0 when
  nobody has any); a component without data (no snapshot, no survey answer) scores 0,
  because the award rewards measured work;
- total = Σ weight × score ÷ Σ weights, rounded to 2 decimals;
- rank: higher total first; on equal totals more reports, then more content; KIM still
  equal share the rank (1, 2, 2, 4).
A jury's adjustment replaces the total of one KIM (computed kept beside it); the final
rank is the same ranking over the final totals.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

COMPONENTS = ("reports", "content", "engagement", "survey")
DEFAULT_WEIGHTS = {"reports": 30, "content": 20, "engagement": 30, "survey": 20}
LABELS = {
    "reports": "Laporan tervalidasi",
    "content": "Konten dari laporan tervalidasi",
    "engagement": "Keterlibatan (outtakes ÷ jangkauan)",
    "survey": "Survei hasil (bagian jawaban mendukung)",
}
TWO = Decimal("0.01")


@dataclass(frozen=True)
class AwardFigures:
    """What one KIM did in the period. None: not measured (no snapshot, no answer)."""

    validated_reports: int = 0
    content_items: int = 0
    views: int | None = None
    followers: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    survey_answers: int = 0
    survey_positive: int = 0


@dataclass
class RankedKim:
    kim_id: int
    components: dict[str, dict[str, Any]] = field(default_factory=dict)
    score: Decimal = Decimal("0.00")
    rank: int = 0


def _round(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(TWO, rounding=ROUND_HALF_UP)


def engagement_of(f: AwardFigures) -> float | None:
    """(likes + comments + shares) ÷ (views + followers); None without any numbers or
    with no reach."""
    interactions = [v for v in (f.likes, f.comments, f.shares) if v is not None]
    reach = sum(v for v in (f.views, f.followers) if v is not None)
    if not interactions or not reach:
        return None
    return sum(interactions) / reach


def survey_of(f: AwardFigures) -> float | None:
    if not f.survey_answers:
        return None
    return f.survey_positive / f.survey_answers


def values_of(f: AwardFigures) -> dict[str, float | None]:
    return {
        "reports": float(f.validated_reports),
        "content": float(f.content_items),
        "engagement": engagement_of(f),
        "survey": survey_of(f),
    }


def clean_weights(weights: Mapping[str, Any] | None) -> dict[str, int]:
    """The four weights as non-negative integers (missing → the default); at least
    one must be positive."""
    merged = dict(DEFAULT_WEIGHTS)
    for name in COMPONENTS:
        if weights and name in weights and weights[name] is not None:
            merged[name] = max(0, int(weights[name]))
    if not any(merged.values()):
        raise ValueError("Paling tidak satu bobot harus lebih dari 0.")
    return merged


def _rank(order: list[tuple[int, tuple]]) -> dict[int, int]:
    """Competition ranks (1, 2, 2, 4) over (id, key) pairs, best key first."""
    ranks: dict[int, int] = {}
    previous = None
    for position, (kim_id, key) in enumerate(sorted(order, key=lambda p: p[1]), 1):
        if key != previous:
            rank, previous = position, key
        ranks[kim_id] = rank
    return ranks


def rank_key(score: Decimal, f: AwardFigures) -> tuple:
    return (-score, -f.validated_reports, -f.content_items)


def compute_ranking(
    figures: Mapping[int, AwardFigures], weights: Mapping[str, Any] | None = None
) -> dict[int, RankedKim]:
    """Score and rank every KIM in `figures` (see the module's docstring)."""
    w = clean_weights(weights)
    total_weight = sum(w.values())
    values = {kim_id: values_of(f) for kim_id, f in figures.items()}
    best = {
        name: max((v[name] or 0.0 for v in values.values()), default=0.0)
        for name in COMPONENTS
    }
    result: dict[int, RankedKim] = {}
    for kim_id, kim_values in values.items():
        ranked = RankedKim(kim_id=kim_id)
        weighted = Decimal(0)
        for name in COMPONENTS:
            value = kim_values[name]
            score = (
                _round(100 * value / best[name])
                if value is not None and best[name] > 0
                else Decimal("0.00")
            )
            weighted += w[name] * score
            ranked.components[name] = {
                "value": value,
                "best": best[name],
                "score": score,
                "weight": w[name],
                "measured": value is not None,
            }
        ranked.score = _round(weighted / total_weight)
        result[kim_id] = ranked
    ranks = _rank([(k, rank_key(r.score, figures[k])) for k, r in result.items()])
    for kim_id, ranked in result.items():
        ranked.rank = ranks[kim_id]
    return result


def final_ranks(
    rows: Mapping[int, tuple[Decimal, AwardFigures]],
) -> dict[int, int]:
    """Ranks over final totals (adjusted where a jury adjusted, computed elsewhere),
    with the same tie-breaks as the computed ranking."""
    return _rank([(k, rank_key(score, f)) for k, (score, f) in rows.items()])


def formula_lines(weights: Mapping[str, Any] | None = None) -> list[str]:
    """How each number is made, in plain Indonesian, with the period's weights."""
    w = clean_weights(weights)
    total = sum(w.values())
    return [
        (
            f"Nilai akhir = ({w['reports']} × skor laporan + {w['content']} × skor "
            f"konten + {w['engagement']} × skor keterlibatan + {w['survey']} × skor "
            f"survei) ÷ {total}."
        ),
        (
            "Skor setiap komponen = nilai KIM ÷ nilai tertinggi di antara KIM yang "
            "dinilai × 100. Komponen tanpa data bernilai 0."
        ),
        (
            "Laporan = laporan diseminasi yang tervalidasi pada periode (laporan yang "
            "digantikan koreksi tidak dihitung)."
        ),
        "Konten = konten baru yang menjadi bukti laporan tervalidasi.",
        (
            "Keterlibatan = (suka + komentar + bagikan) ÷ (tayangan + pengikut), dari "
            "angka terakhir konten laporan tervalidasi sampai akhir periode."
        ),
        "Survei = bagian jawaban 'mendukung' pada survei hasil (outcome).",
        (
            "Peringkat: nilai akhir tertinggi; bila sama, laporan lebih banyak, lalu "
            "konten lebih banyak; bila masih sama, peringkat dibagi."
        ),
        (
            "Penyesuaian tim penilai mengganti nilai akhir satu KIM dengan alasan "
            "tercatat; nilai hitungan tetap ditampilkan di sampingnya."
        ),
    ]

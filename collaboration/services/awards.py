"""Awards: the period, the ranking computed from validated monitoring data, the jury's
adjustments, the awards given, publication with certificates. Each service locks its
row and guards itself with the named rule of `collaboration.rules_awards`."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kimportal.core.access import guard
from kimportal.core.locking import lock_row
from monitoring.selectors_activity import kim_activity
from monitoring.selectors_kim_outtakes import kim_outtakes, kims_with_counted_reports
from registry.choices import KimStatus
from registry.selectors import kim_list

from .. import rules_awards  # noqa: F401  (registers the rules the guards name)
from ..award_ranking import (
    AwardFigures,
    clean_weights,
    compute_ranking,
    final_ranks,
    formula_lines,
)
from ..choices_awards import AwardKind, AwardPeriodState
from ..models import (
    AwardAdjustment,
    AwardCertificate,
    AwardEntry,
    AwardGrant,
    AwardPeriod,
)
from .events import new_code

PERIOD_FIELDS = ("title", "starts_on", "ends_on", "jury", "notes")
MIN_REASON = 10
MAX_PERIOD_DAYS = 731


def _month_end(day: datetime.date) -> datetime.date:
    following = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return following - datetime.timedelta(days=1)


def _clean_period(data: dict[str, Any]) -> dict[str, Any]:
    """Months are the unit of the monitoring counts: the period runs from the first
    day of its first month to the last day of its last month."""
    title = (data.get("title") or "").strip()
    if not title:
        raise ValidationError({"title": _("Nama apresiasi wajib diisi.")})
    start, end = data.get("starts_on"), data.get("ends_on")
    if not start or not end:
        raise ValidationError({"starts_on": _("Isi awal dan akhir periode.")})
    start, end = start.replace(day=1), _month_end(end)
    if end < start:
        raise ValidationError(
            {"ends_on": _("Akhir periode tidak boleh sebelum awalnya.")}
        )
    if (end - start).days > MAX_PERIOD_DAYS:
        raise ValidationError({"ends_on": _("Periode paling lama dua tahun.")})
    try:
        weights = clean_weights(data.get("weights"))
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            {"weights": _("Paling tidak satu bobot harus lebih dari 0.")}
        ) from exc
    return {
        "title": title[:200],
        "starts_on": start,
        "ends_on": end,
        "weights": weights,
        "jury": (data.get("jury") or "").strip(),
        "notes": (data.get("notes") or "").strip(),
    }


@transaction.atomic
def award_period_create(*, actor, data: dict[str, Any]) -> AwardPeriod:
    """An award period of the actor's office, in preparation."""
    guard(actor, "collaboration.add_award_period")
    office = actor.office
    if office is None:
        raise ValidationError(_("Akun Anda tidak terhubung ke kantor Dinas."))
    return AwardPeriod.objects.create(
        office=office,
        region_id=office.region_id,
        office_name=office.name,
        created_by=actor,
        **_clean_period(data),
    )


@transaction.atomic
def award_period_update(*, actor, period: AwardPeriod, data: dict) -> AwardPeriod:
    """Change the plan before the ranking is computed."""
    period = lock_row(AwardPeriod, period)
    guard(actor, "collaboration.change_award_period", period)
    current = {name: getattr(period, name) for name in PERIOD_FIELDS}
    for name, value in _clean_period(
        {**current, "weights": period.weights, **data}
    ).items():
        setattr(period, name, value)
    period.save()
    return period


def _candidates(actor, period: AwardPeriod) -> list[int]:
    """KIM ranked: the verified KIM of the office's region with a counted report in
    the period, and every KIM already ranked (a row once shown is never dropped)."""
    active = kims_with_counted_reports(
        region_code=period.region_id or "",
        start=period.starts_on,
        end=period.ends_on,
    )
    verified = kim_list(user=actor).filter(pk__in=active, status=KimStatus.VERIFIED)
    if period.region_id:
        verified = verified.filter(village__code__startswith=period.region_id)
    ids = set(verified.order_by().values_list("pk", flat=True))
    ids.update(period.entries.values_list("kim_id", flat=True))
    return sorted(ids)


def _figures(kim_ids: list[int], period: AwardPeriod) -> tuple[dict, dict]:
    activity = kim_activity(kim_ids=kim_ids, start=period.starts_on, end=period.ends_on)
    outtakes = kim_outtakes(kim_ids=kim_ids, start=period.starts_on, end=period.ends_on)
    figures, provenance = {}, {}
    for kim_id in kim_ids:
        act, out = activity[kim_id], outtakes[kim_id]
        positive = round((act.survey_positive_share or 0) * act.survey_answers)
        figures[kim_id] = AwardFigures(
            validated_reports=act.validated_reports,
            content_items=act.content_items,
            views=out.views,
            followers=out.followers,
            likes=out.likes,
            comments=out.comments,
            shares=out.shares,
            survey_answers=act.survey_answers,
            survey_positive=positive,
        )
        provenance[kim_id] = {
            "report_ids": act.report_ids,
            "content_snapshot_ids": out.content_snapshot_ids,
            "channel_snapshot_ids": out.channel_snapshot_ids,
            "items_measured": out.items_measured,
            "manual": out.manual,
        }
    return figures, provenance


def _json_components(components: dict) -> dict:
    return {
        name: {**part, "score": str(part["score"])} for name, part in components.items()
    }


def _figures_json(figures: AwardFigures, provenance: dict) -> dict:
    return {**figures.__dict__, **provenance}


def figures_from_json(data: dict) -> AwardFigures:
    names = AwardFigures.__dataclass_fields__
    return AwardFigures(**{k: v for k, v in data.items() if k in names})


def _rerank(period: AwardPeriod) -> None:
    """Final totals and ranks of the whole period after a change."""
    entries = list(period.entries.all())
    rows = {}
    for entry in entries:
        entry.final_score = (
            entry.adjusted_score
            if entry.adjusted_score is not None
            else entry.computed_score
        )
        rows[entry.kim_id] = (entry.final_score, figures_from_json(entry.figures))
    ranks = final_ranks(rows)
    for entry in entries:
        entry.final_rank = ranks[entry.kim_id]
    AwardEntry.objects.bulk_update(entries, ["final_score", "final_rank"])


@transaction.atomic
def award_ranking_compute(*, actor, period: AwardPeriod) -> int:
    """Compute (or recompute) the ranking from validated monitoring data; returns the
    number of KIM ranked. Adjustments stay: they replace the total, and the new
    computed total is shown beside them."""
    period = lock_row(AwardPeriod, period)
    guard(actor, "collaboration.compute_award_ranking", period)
    kim_ids = _candidates(actor, period)
    if not kim_ids:
        raise ValidationError(
            _("Belum ada KIM dengan laporan tervalidasi pada periode ini.")
        )
    figures, provenance = _figures(kim_ids, period)
    ranking = compute_ranking(figures, period.weights)
    existing = {e.kim_id: e for e in period.entries.all()}
    new, changed = [], []
    for kim_id, ranked in ranking.items():
        values = {
            "figures": _figures_json(figures[kim_id], provenance[kim_id]),
            "components": _json_components(ranked.components),
            "computed_score": ranked.score,
            "computed_rank": ranked.rank,
        }
        entry = existing.get(kim_id)
        if entry is None:
            new.append(
                AwardEntry(
                    period=period,
                    kim_id=kim_id,
                    final_score=ranked.score,
                    final_rank=ranked.rank,
                    **values,
                )
            )
        else:
            for name, value in values.items():
                setattr(entry, name, value)
            changed.append(entry)
    AwardEntry.objects.bulk_create(new)
    if changed:
        AwardEntry.objects.bulk_update(
            changed, ["figures", "components", "computed_score", "computed_rank"]
        )
    _rerank(period)
    period.state = AwardPeriodState.RANKED
    period.formula = formula_lines(period.weights)
    period.computed_at = timezone.now()
    period.computed_by = actor
    period.save(
        update_fields=["state", "formula", "computed_at", "computed_by", "updated_at"]
    )
    return len(ranking)


def _score(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        score = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({"score": _("Nilai harus berupa angka 0–100.")}) from exc
    if not Decimal(0) <= score <= Decimal(100):
        raise ValidationError({"score": _("Nilai harus berupa angka 0–100.")})
    return score


@transaction.atomic
def award_entry_adjust(*, actor, entry: AwardEntry, score, reason: str) -> AwardEntry:
    """Set (or, with no score, clear) the jury's total of one KIM. A reason is always
    required; the computed total stays beside it and every change is kept."""
    period = lock_row(AwardPeriod, entry.period_id)
    entry = lock_row(AwardEntry, entry)
    guard(actor, "collaboration.adjust_award_ranking", period)
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        raise ValidationError(
            {"reason": _("Tuliskan alasan penyesuaian (paling sedikit 10 karakter).")}
        )
    new_score = _score(score)
    if new_score is None and entry.adjusted_score is None:
        raise ValidationError({"score": _("Isi nilai penyesuaian.")})
    AwardAdjustment.objects.create(
        entry=entry,
        computed_score=entry.computed_score,
        previous_score=entry.final_score,
        adjusted_score=new_score,
        reason=reason,
        adjusted_by=actor,
    )
    entry.adjusted_score = new_score
    entry.adjustment_reason = reason if new_score is not None else ""
    entry.adjusted_by = actor if new_score is not None else None
    entry.adjusted_at = timezone.now() if new_score is not None else None
    entry.save(
        update_fields=[
            "adjusted_score",
            "adjustment_reason",
            "adjusted_by",
            "adjusted_at",
        ]
    )
    _rerank(period)
    entry.refresh_from_db()
    return entry


@transaction.atomic
def award_grant(*, actor, entry: AwardEntry, data: dict[str, Any]) -> AwardGrant:
    """Give an award (plakat, jejaring, pelatihan, lainnya) to a ranked KIM."""
    period = lock_row(AwardPeriod, entry.period_id)
    guard(actor, "collaboration.grant_award", period)
    kind = data.get("kind")
    if kind not in AwardKind.values:
        raise ValidationError({"kind": _("Pilih jenis apresiasi.")})
    title = (data.get("title") or "").strip()
    if not title:
        raise ValidationError({"title": _("Nama penghargaan wajib diisi.")})
    if AwardGrant.objects.filter(
        entry=entry, title__iexact=title, withdrawn_at__isnull=True
    ).exists():
        raise ValidationError({"title": _("KIM ini sudah menerima penghargaan ini.")})
    return AwardGrant.objects.create(
        period=period,
        entry=entry,
        kim_id=entry.kim_id,
        kind=kind,
        title=title[:150],
        description=(data.get("description") or "").strip(),
        granted_by=actor,
    )


@transaction.atomic
def award_grant_withdraw(*, actor, grant: AwardGrant, reason: str) -> AwardGrant:
    """Withdraw an award before publication, with a reason (the row stays)."""
    lock_row(AwardPeriod, grant.period_id)
    grant = lock_row(AwardGrant, grant)
    guard(actor, "collaboration.withdraw_award", grant.period)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Alasan penarikan wajib diisi.")})
    if grant.withdrawn_at is not None:
        raise ValidationError({"reason": _("Apresiasi ini sudah ditarik.")})
    grant.withdrawn_at = timezone.now()
    grant.withdrawn_reason = reason[:250]
    grant.save(update_fields=["withdrawn_at", "withdrawn_reason"])
    return grant


def period_label(period: AwardPeriod) -> str:
    start = formats.date_format(period.starts_on, "F Y")
    end = formats.date_format(period.ends_on, "F Y")
    return start if start == end else f"{start} – {end}"


@transaction.atomic
def award_period_publish(*, actor, period: AwardPeriod) -> int:
    """Announce the awards: the period becomes public and every award given gets its
    certificate. Returns the number of certificates issued."""
    period = lock_row(AwardPeriod, period)
    guard(actor, "collaboration.publish_awards", period)
    grants = list(
        AwardGrant.objects.filter(period=period, withdrawn_at__isnull=True)
        .select_related("kim")
        .order_by("entry__final_rank", "id")
    )
    if not grants:
        raise ValidationError(_("Belum ada apresiasi yang diberikan."))
    label = period_label(period)
    certificates = [
        AwardCertificate(
            grant=grant,
            code=new_code(),
            number=f"APR/{period.pk}/{n:03d}/{period.ends_on.year}",
            holder_name=grant.kim.name,
            award_title=f"{grant.title} — {period.title}"[:400],
            period_label=label,
            office_name=period.office_name,
            issued_by=actor,
        )
        for n, grant in enumerate(grants, start=1)
    ]
    AwardCertificate.objects.bulk_create(certificates)
    period.state = AwardPeriodState.PUBLISHED
    period.published_at = timezone.now()
    period.published_by = actor
    period.save(update_fields=["state", "published_at", "published_by", "updated_at"])
    return len(certificates)


@transaction.atomic
def award_period_cancel(*, actor, period: AwardPeriod) -> AwardPeriod:
    period = lock_row(AwardPeriod, period)
    guard(actor, "collaboration.cancel_award_period", period)
    period.state = AwardPeriodState.CANCELLED
    period.save(update_fields=["state", "updated_at"])
    return period


@transaction.atomic
def award_certificate_revoke(
    *, actor, certificate: AwardCertificate, reason: str
) -> AwardCertificate:
    """Revoke with a reason: the public page then says the certificate is revoked."""
    certificate = lock_row(AwardCertificate, certificate)
    guard(actor, "collaboration.revoke_award_certificate", certificate.grant.period)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Alasan pencabutan wajib diisi.")})
    if certificate.revoked_at is not None:
        raise ValidationError({"reason": _("Piagam ini sudah dicabut.")})
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason[:250]
    certificate.save(update_fields=["revoked_at", "revoked_reason"])
    return certificate


__all__ = [
    "award_certificate_revoke",
    "award_entry_adjust",
    "award_grant",
    "award_grant_withdraw",
    "award_period_cancel",
    "award_period_create",
    "award_period_publish",
    "award_period_update",
    "award_ranking_compute",
]

"""Nominations for province and national competitions (ikut serta): nominate,
withdraw, select, decline, forward, notes (preparation, accompaniment, evaluation) and
the result. Each service locks its row and guards itself with the named rule of
`collaboration.rules_nominations`."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kimportal.core.access import guard
from kimportal.core.locking import lock_row
from kimportal.core.scoping import code_in_scope
from registry.choices import KimStatus

from .. import rules_nominations  # noqa: F401  (registers the rules the guards name)
from ..choices_competitions import CompetitionLevel, CompetitionStatus
from ..choices_nominations import NominationNoteKind, NominationResult, NominationState
from ..models import Competition, Nomination, NominationNote

NOMINABLE_LEVELS = (CompetitionLevel.PROVINCE, CompetitionLevel.NATIONAL)
CLOSED_COMPETITION = (CompetitionStatus.ANNOUNCED, CompetitionStatus.CANCELLED)


def _text(data: dict[str, Any], name: str, limit: int | None = None) -> str:
    value = (data.get(name) or "").strip()
    return value[:limit] if limit else value


@transaction.atomic
def nomination_create(
    *, actor, competition: Competition, kim, data: dict[str, Any]
) -> Nomination:
    """The kab/kota nominates one of its verified KIM (and its work) for a competition
    of its province or of the ministry."""
    guard(actor, "collaboration.nominate")
    competition = lock_row(Competition, competition)
    if not code_in_scope(actor, kim.village_id) or actor.is_ministry:
        raise ValidationError({"kim": _("KIM ini bukan KIM kabupaten/kota Anda.")})
    if kim.status != KimStatus.VERIFIED:
        raise ValidationError(
            {"kim": _("Hanya KIM terverifikasi yang dapat diusulkan.")}
        )
    if competition.level not in NOMINABLE_LEVELS:
        raise ValidationError(
            {
                "competition": _(
                    "Usulan hanya untuk lomba tingkat provinsi atau nasional."
                )
            }
        )
    if competition.level == CompetitionLevel.PROVINCE and not kim.village_id.startswith(
        competition.organiser_id or "-"
    ):
        raise ValidationError(
            {"competition": _("Lomba provinsi ini bukan lomba provinsi Anda.")}
        )
    if competition.status in CLOSED_COMPETITION:
        raise ValidationError(
            {"competition": _("Lomba ini sudah selesai atau dibatalkan.")}
        )
    reason = _text(data, "reason")
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan pengusulan.")})
    try:
        with transaction.atomic():
            return Nomination.objects.create(
                competition=competition,
                kim=kim,
                regency_id=kim.village_id[:5],
                province_id=kim.village_id[:2],
                work_title=_text(data, "work_title", 200),
                work_link=_text(data, "work_link", 500),
                reason=reason,
                nominated_by=actor,
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"kim": _("KIM ini sudah diusulkan untuk lomba tersebut.")}
        ) from exc


def _decide(nomination: Nomination, actor, state: str, note: str) -> Nomination:
    nomination.state = state
    nomination.decided_by = actor
    nomination.decided_at = timezone.now()
    nomination.decision_note = note
    nomination.save(
        update_fields=[
            "state",
            "decided_by",
            "decided_at",
            "decision_note",
            "updated_at",
        ]
    )
    return nomination


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Alasan wajib diisi.")})
    return reason


@transaction.atomic
def nomination_withdraw(*, actor, nomination: Nomination, reason: str) -> Nomination:
    """The kab/kota takes its nomination back before the province decides."""
    nomination = lock_row(Nomination, nomination)
    guard(actor, "collaboration.withdraw_nomination", nomination)
    return _decide(nomination, actor, NominationState.WITHDRAWN, _reason(reason))


@transaction.atomic
def nomination_select(*, actor, nomination: Nomination, note: str = "") -> Nomination:
    """The province selects a nomination of one of its kab/kota."""
    nomination = lock_row(Nomination, nomination)
    guard(actor, "collaboration.select_nomination", nomination)
    return _decide(nomination, actor, NominationState.SELECTED, (note or "").strip())


@transaction.atomic
def nomination_decline(*, actor, nomination: Nomination, reason: str) -> Nomination:
    """The province does not select it (with a reason the kab/kota reads)."""
    nomination = lock_row(Nomination, nomination)
    guard(actor, "collaboration.decline_nomination", nomination)
    return _decide(nomination, actor, NominationState.DECLINED, _reason(reason))


@transaction.atomic
def nomination_forward(*, actor, nomination: Nomination) -> Nomination:
    """The province forwards a selected nomination to the national competition."""
    nomination = lock_row(Nomination, nomination)
    guard(actor, "collaboration.forward_nomination", nomination)
    nomination.state = NominationState.FORWARDED
    nomination.forwarded_by = actor
    nomination.forwarded_at = timezone.now()
    nomination.save(
        update_fields=["state", "forwarded_by", "forwarded_at", "updated_at"]
    )
    return nomination


@transaction.atomic
def nomination_note_add(
    *, actor, nomination: Nomination, data: dict[str, Any]
) -> NominationNote:
    """A step of preparation, accompaniment or evaluation, dated."""
    nomination = lock_row(Nomination, nomination)
    guard(actor, "collaboration.add_nomination_note", nomination)
    kind = data.get("kind")
    if kind not in NominationNoteKind.values:
        raise ValidationError({"kind": _("Pilih tahap.")})
    text = _text(data, "text")
    if not text:
        raise ValidationError({"text": _("Uraian wajib diisi.")})
    day = data.get("day") or timezone.localdate()
    if not isinstance(day, datetime.date):
        raise ValidationError({"day": _("Tanggal tidak valid.")})
    return NominationNote.objects.create(
        nomination=nomination, kind=kind, day=day, text=text, author=actor
    )


@transaction.atomic
def nomination_result_record(
    *, actor, nomination: Nomination, result: str, note: str = ""
) -> Nomination:
    """The kab/kota records how its KIM did (juara, finalis, peserta)."""
    nomination = lock_row(Nomination, nomination)
    guard(actor, "collaboration.record_nomination_result", nomination)
    if result not in NominationResult.values:
        raise ValidationError({"result": _("Pilih hasil.")})
    nomination.result = result
    nomination.result_note = (note or "").strip()
    nomination.result_recorded_by = actor
    nomination.result_recorded_at = timezone.now()
    nomination.save(
        update_fields=[
            "result",
            "result_note",
            "result_recorded_by",
            "result_recorded_at",
            "updated_at",
        ]
    )
    return nomination

"""Competitions: plan (with categories and weighted criteria), publish, take entries from
KIM, check eligibility, seat the jury and assign entries. Each service locks its row and
guards itself with the named rule of `collaboration.rules_competitions`; judging itself
is in `services.judging`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kimportal.accounts.models import Role
from kimportal.core.access import guard, state_allows
from kimportal.core.locking import lock_row

from .. import rules_competitions  # noqa: F401  (registers the rules the guards name)
from ..choices_competitions import (
    CategoryKind,
    CompetitionLevel,
    CompetitionStatus,
    EntryStatus,
    Round,
    TieBreak,
)
from ..models import Assignment, Category, Competition, Criterion, Entry, Juror

PLAN_FIELDS = (
    "title",
    "theme",
    "mechanism",
    "rules_text",
    "budget_line",
    "budget_amount",
    "registration_opens_on",
    "registration_closes_on",
    "announce_on",
    "works_become_property",
    "blind_judging",
    "scores_visible_after_submit",
    "normalise_scores",
    "tie_break",
    "has_shortlist",
    "final_size",
)
MAX_CATEGORIES = 12
MAX_CRITERIA = 12
MAX_TIMELINE = 30


def _level_of(actor) -> str:
    if actor.is_ministry:
        return CompetitionLevel.NATIONAL
    if actor.is_province:
        return CompetitionLevel.PROVINCE
    return CompetitionLevel.REGENCY


def clean_timeline(items) -> list[dict]:
    cleaned = []
    for item in items or []:
        activity = str(item.get("activity") or "").strip()[:200]
        if activity:
            cleaned.append(
                {"date": str(item.get("date") or "")[:10], "activity": activity}
            )
    if len(cleaned) > MAX_TIMELINE:
        raise ValidationError({"timeline": _("Terlalu banyak baris linimasa.")})
    return cleaned


def _apply_plan(competition: Competition, data: Mapping[str, Any]) -> None:
    for name in PLAN_FIELDS:
        if name in data:
            value = data[name]
            setattr(
                competition, name, value.strip() if isinstance(value, str) else value
            )
    if "timeline" in data:
        competition.timeline = clean_timeline(data["timeline"])
    if competition.tie_break not in TieBreak.values:
        raise ValidationError({"tie_break": _("Pilih aturan nilai sama.")})
    opens, closes = (
        competition.registration_opens_on,
        competition.registration_closes_on,
    )
    if opens and closes and closes < opens:
        raise ValidationError(
            {
                "registration_closes_on": _(
                    "Pendaftaran tidak boleh ditutup sebelum dibuka."
                )
            }
        )
    if closes and competition.announce_on and competition.announce_on < closes:
        raise ValidationError(
            {"announce_on": _("Pengumuman tidak boleh sebelum pendaftaran ditutup.")}
        )
    if competition.has_shortlist and not competition.final_size:
        raise ValidationError(
            {"final_size": _("Isi jumlah finalis per kategori untuk seleksi awal.")}
        )
    competition.current_round = (
        Round.SHORTLIST if competition.has_shortlist else Round.FINAL
    )
    competition.full_clean(
        exclude=["organiser", "created_by", "timeline", "office_name"]
    )


def _weight(value) -> Decimal:
    try:
        weight = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({"categories": _("Bobot harus berupa angka.")}) from exc
    if not weight.is_finite() or weight <= 0 or weight >= 1000:
        raise ValidationError({"categories": _("Bobot harus lebih dari 0.")})
    return weight.quantize(Decimal("0.01"))


def _add_categories(competition: Competition, categories: Sequence[Mapping]) -> None:
    if not categories:
        raise ValidationError(
            {"categories": _("Tambahkan paling sedikit satu kategori.")}
        )
    if len(categories) > MAX_CATEGORIES:
        raise ValidationError({"categories": _("Terlalu banyak kategori.")})
    names = set()
    for item in categories:
        kind = item.get("kind")
        if kind not in CategoryKind.values:
            raise ValidationError({"categories": _("Pilih jenis karya kategori.")})
        name = str(item.get("name") or "").strip()[:120] or str(
            CategoryKind(kind).label
        )
        if name in names:
            raise ValidationError({"categories": _("Nama kategori tidak boleh sama.")})
        names.add(name)
        criteria = [
            c for c in item.get("criteria") or [] if str(c.get("name") or "").strip()
        ]
        if not criteria:
            raise ValidationError(
                {"categories": _("Setiap kategori perlu paling sedikit satu kriteria.")}
            )
        if len(criteria) > MAX_CRITERIA:
            raise ValidationError({"categories": _("Terlalu banyak kriteria.")})
        category = Category.objects.create(
            competition=competition,
            kind=kind,
            name=name,
            description=str(item.get("description") or "").strip(),
        )
        seen = set()
        for position, criterion in enumerate(criteria):
            cname = str(criterion["name"]).strip()[:150]
            if cname in seen:
                raise ValidationError(
                    {"categories": _("Nama kriteria tidak boleh sama.")}
                )
            seen.add(cname)
            Criterion.objects.create(
                category=category,
                name=cname,
                weight=_weight(criterion.get("weight")),
                required=bool(criterion.get("required", True)),
                comment_required=bool(criterion.get("comment_required", False)),
                position=position,
            )


@transaction.atomic
def competition_create(
    *, actor, data: Mapping[str, Any], categories: Sequence[Mapping]
) -> Competition:
    """A planned competition of the actor's office (its level follows the office:
    kab/kota, province, or national for the ministry), with its categories and
    criteria: [{"kind", "name", "criteria": [{"name", "weight", "required",
    "comment_required"}]}]."""
    guard(actor, "collaboration.add_competition")
    competition = Competition(
        level=_level_of(actor),
        organiser_id=None if actor.is_ministry else actor.scope_code,
        office_name=getattr(actor.office, "name", "") or _("Kementerian Kominfo"),
        created_by=actor,
    )
    _apply_plan(competition, data)
    competition.save()
    _add_categories(competition, categories)
    return competition


@transaction.atomic
def competition_update(
    *, actor, competition: Competition, data: Mapping[str, Any]
) -> Competition:
    """Change the plan (not the categories) before it is published."""
    competition = lock_row(Competition, competition)
    guard(actor, "collaboration.change_competition", competition)
    _apply_plan(competition, data)
    competition.save()
    return competition


@transaction.atomic
def competition_publish(*, actor, competition: Competition) -> Competition:
    """Open registration: KIM in the organiser's region see it and may enter."""
    competition = lock_row(Competition, competition)
    guard(actor, "collaboration.publish_competition", competition)
    if not Criterion.objects.filter(category__competition=competition).exists():
        raise ValidationError(_("Lomba belum memiliki kategori dan kriteria."))
    competition.status = CompetitionStatus.OPEN
    competition.published_at = timezone.now()
    competition.save(update_fields=["status", "published_at", "updated_at"])
    return competition


@transaction.atomic
def competition_cancel(*, actor, competition: Competition) -> Competition:
    competition = lock_row(Competition, competition)
    guard(actor, "collaboration.cancel_competition", competition)
    competition.status = CompetitionStatus.CANCELLED
    competition.save(update_fields=["status", "updated_at"])
    return competition


@transaction.atomic
def competition_start_judging(*, actor, competition: Competition) -> Competition:
    """Close registration and start judging; entries not yet checked stay out."""
    competition = lock_row(Competition, competition)
    guard(actor, "collaboration.start_judging", competition)
    if not competition.entries.filter(status=EntryStatus.ELIGIBLE).exists():
        raise ValidationError(_("Belum ada karya yang memenuhi syarat."))
    competition.status = CompetitionStatus.JUDGING
    competition.save(update_fields=["status", "updated_at"])
    return competition


def _may_sit(competition: Competition, user) -> bool:
    """An external juror account, or a staff officer (not a KIM, not an agency)."""
    if not user.is_active:
        return False
    return user.role == Role.JUROR or user.role in (
        Role.MINISTRY,
        Role.PROVINCE,
        Role.REGENCY,
    )


@transaction.atomic
def juror_seat(*, actor, competition: Competition, user, expertise: str = "") -> Juror:
    """Seat an account on the jury (again, if it had been stood down)."""
    competition = lock_row(Competition, competition)
    guard(actor, "collaboration.seat_juror", competition)
    if not _may_sit(competition, user):
        raise ValidationError({"user": _("Akun ini tidak dapat menjadi juri.")})
    juror, created = Juror.objects.get_or_create(
        competition=competition,
        user=user,
        defaults={"expertise": (expertise or "").strip()[:200], "added_by": actor},
    )
    if not created and not juror.active:
        juror.active = True
        juror.save(update_fields=["active"])
    return juror


@transaction.atomic
def juror_seat_by_username(
    *,
    actor,
    competition: Competition,
    username: str,
    expertise: str = "",
    assign_all: bool = False,
) -> Juror:
    """Seat the account named `username` (the page's and the API's form); with
    `assign_all`, give it every entry it could judge now (see `assignable_entries`)."""
    from django.contrib.auth import get_user_model

    from ..selectors_competitions import assignable_entries

    user = get_user_model().objects.filter(username=username.strip()).first()
    if user is None:
        raise ValidationError(
            {"username": _("Akun dengan nama pengguna itu tidak ditemukan.")}
        )
    juror = juror_seat(
        actor=actor, competition=competition, user=user, expertise=expertise
    )
    # The rules table says when entries may be given (while entries come in and
    # during judging); at other times the account is only seated.
    if assign_all and state_allows(actor, "collaboration.assign_entries", competition):
        entries_assign(
            actor=actor,
            juror=juror,
            entries=assignable_entries(competition=competition),
        )
    return juror


@transaction.atomic
def juror_invite(
    *, actor, competition: Competition, email: str, full_name: str, expertise: str = ""
) -> Juror:
    """A new external juror account (emailed a link to set its password), seated on
    the jury at once."""
    from kimportal.accounts.teams import juror_account_invite

    guard(actor, "collaboration.seat_juror", lock_row(Competition, competition))
    user = juror_account_invite(invited_by=actor, email=email, full_name=full_name)
    return juror_seat(
        actor=actor, competition=competition, user=user, expertise=expertise
    )


@transaction.atomic
def entries_assign(
    *, actor, juror: Juror, entries: Iterable[Entry]
) -> list[Assignment]:
    """Give a juror eligible entries of its competition to judge in the current round
    (an entry already assigned to it in that round is left as it is)."""
    competition = lock_row(Competition, juror.competition_id)
    guard(actor, "collaboration.assign_entries", competition)
    if not juror.active:
        raise ValidationError(_("Juri ini tidak aktif."))
    made = []
    # Read fresh: the caller's objects may predate the eligibility check.
    for entry in Entry.objects.filter(pk__in=[e.pk for e in entries]).order_by("pk"):
        if entry.competition_id != competition.pk:
            raise ValidationError(_("Karya bukan bagian dari lomba ini."))
        if (
            entry.status != EntryStatus.ELIGIBLE
            or entry.round != competition.current_round
        ):
            raise ValidationError(
                _("Hanya karya yang memenuhi syarat pada babak ini yang dapat dinilai.")
            )
        assignment, _created = Assignment.objects.get_or_create(
            juror=juror,
            entry=entry,
            round=competition.current_round,
            defaults={"assigned_by": actor},
        )
        made.append(assignment)
    return made

"""Entries: a KIM registers a work (or the office records one handed in offline) while
registration is open, and the office checks its eligibility. Each service locks its
row and guards itself with `collaboration.rules_competitions`."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kimportal.core.access import guard
from kimportal.core.dates import today_in_jakarta
from kimportal.core.locking import lock_row
from kimportal.core.uploads import DOCUMENT_FORMATS, server_file_name, validate_upload
from registry.selectors import kim_own_get

from .. import rules_competitions  # noqa: F401  (registers the rules the guards name)
from ..choices_competitions import EntryStatus, Round
from ..models import Category, Competition, Entry

MAX_TEAM = 20


def clean_team(members) -> list[dict]:
    team = []
    for member in members or []:
        name = str(member.get("name") or "").strip()[:120]
        if name:
            team.append(
                {"name": name, "role": str(member.get("role") or "").strip()[:80]}
            )
    if len(team) > MAX_TEAM:
        raise ValidationError(
            {"team": _("Anggota tim paling banyak %(n)s.") % {"n": MAX_TEAM}}
        )
    return team


def kim_may_enter(competition: Competition, kim) -> bool:
    """A verified KIM seated in the organiser's region (any, for a national one)."""
    from registry.choices import KimStatus

    region = competition.organiser_id or ""
    return kim.status == KimStatus.VERIFIED and kim.village_id.startswith(region)


@transaction.atomic
def entry_submit(
    *,
    actor,
    competition: Competition,
    data: Mapping[str, Any],
    uploaded=None,
    today: datetime.date | None = None,
) -> Entry:
    """The actor's KIM registers a work (a link or a PDF/JPEG/PNG file) while
    registration is open; the consent is required when works become the regional
    government's property."""
    competition = lock_row(Competition, competition)
    guard(actor, "collaboration.submit_entry", competition)
    kim = kim_own_get(user=actor)
    return _register(actor, competition, kim, data, uploaded, today)


@transaction.atomic
def entry_register_for_kim(
    *,
    actor,
    competition: Competition,
    kim,
    data: Mapping[str, Any],
    uploaded=None,
    today: datetime.date | None = None,
) -> Entry:
    """The office records a work a KIM handed in offline (on a flash disk, on paper),
    under the same rules as an entry the KIM sends itself."""
    competition = lock_row(Competition, competition)
    guard(actor, "collaboration.register_entry", competition)
    return _register(actor, competition, kim, data, uploaded, today)


def _register(actor, competition, kim, data, uploaded, today) -> Entry:
    today = today or today_in_jakarta()
    if not (
        competition.registration_opens_on <= today <= competition.registration_closes_on
    ):
        raise ValidationError(
            _("Pendaftaran lomba ini sudah ditutup atau belum dibuka.")
        )
    if not kim_may_enter(competition, kim):
        raise ValidationError(_("KIM ini tidak termasuk wilayah peserta lomba ini."))
    try:
        category = competition.categories.get(pk=data.get("category"))
    except (Category.DoesNotExist, ValueError, TypeError) as exc:
        raise ValidationError({"category": _("Pilih kategori lomba.")}) from exc
    consent = bool(data.get("consent_property"))
    if competition.works_become_property and not consent:
        raise ValidationError(
            {
                "consent_property": _(
                    "Ketentuan lomba menjadikan karya milik pemerintah daerah; "
                    "centang persetujuan untuk mendaftar."
                )
            }
        )
    entry = Entry(
        competition=competition,
        category=category,
        kim=kim,
        title=str(data.get("title") or "").strip(),
        description=str(data.get("description") or "").strip(),
        link=str(data.get("link") or "").strip(),
        team=clean_team(data.get("team")),
        consent_property=consent,
        round=Round.SHORTLIST if competition.has_shortlist else Round.FINAL,
        submitted_by=actor,
    )
    if uploaded is not None:
        fmt = validate_upload(uploaded, formats=DOCUMENT_FORMATS)
        entry.file.save(
            server_file_name("collaboration/entries", uploaded.name, fmt),
            uploaded,
            save=False,
        )
    if not entry.link and not entry.file:
        raise ValidationError({"link": _("Isi tautan karya atau unggah berkasnya.")})
    entry.full_clean(exclude=["competition", "category", "kim", "file", "submitted_by"])
    entry.save()
    return entry


@transaction.atomic
def entry_check(*, actor, entry: Entry, eligible: bool, note: str = "") -> Entry:
    """The office's eligibility check; a rejection needs the reason."""
    entry = lock_row(Entry, entry)
    guard(actor, "collaboration.check_entry", entry.competition)
    note = (note or "").strip()
    if not eligible and not note:
        raise ValidationError(
            {"note": _("Tuliskan alasan karya tidak memenuhi syarat.")}
        )
    if entry.status == EntryStatus.WITHDRAWN:
        raise ValidationError(_("Karya ini sudah ditarik."))
    entry.status = EntryStatus.ELIGIBLE if eligible else EntryStatus.INELIGIBLE
    entry.eligibility_note = note
    entry.checked_by = actor
    entry.checked_at = timezone.now()
    entry.save(
        update_fields=[
            "status",
            "eligibility_note",
            "checked_by",
            "checked_at",
            "updated_at",
        ]
    )
    return entry

"""Events: plan, add speakers, finish. Each service locks its row and guards itself
with the named rule of `collaboration.rules_events`."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kimportal.core.access import guard
from kimportal.core.locking import lock_row
from kimportal.core.uploads import (
    DOCUMENT_FORMATS,
    PDF_ONLY,
    server_file_name,
    validate_upload,
)

from .. import rules_events  # noqa: F401  (registers the rules the guards name)
from ..choices_events import EventFileKind, EventStatus, InviteeRole, Rsvp
from ..models import Event, EventFile, Invitation, Speaker

EVENT_FIELDS = (
    "kind",
    "title",
    "theme",
    "description",
    "venue_address",
    "venue_link",
    "starts_on",
    "ends_on",
)
MAX_SESSIONS = 60
MAX_EVENT_DAYS = 14
PHOTO_FORMATS = ("jpg", "png")


def new_code() -> str:
    """A personal code (attendance QR, certificate): 128 random bits, URL-safe."""
    return secrets.token_urlsafe(16)


def clean_sessions(sessions) -> list[dict]:
    cleaned = []
    for item in sessions or []:
        title = str(item.get("title") or "").strip()[:200]
        if not title:
            continue
        cleaned.append(
            {
                "day": str(item.get("day") or "")[:10],
                "time": str(item.get("time") or "").strip()[:30],
                "title": title,
                "speaker": str(item.get("speaker") or "").strip()[:150],
            }
        )
    if len(cleaned) > MAX_SESSIONS:
        raise ValidationError({"sessions": _("Terlalu banyak sesi.")})
    return cleaned


def _apply(event: Event, data: Mapping[str, Any]) -> None:
    for name in EVENT_FIELDS:
        if name in data:
            value = data[name]
            setattr(event, name, value.strip() if isinstance(value, str) else value)
    if "sessions" in data:
        event.sessions = clean_sessions(data["sessions"])
    if not event.venue_address and not event.venue_link:
        raise ValidationError(
            {"venue_address": _("Isi alamat tempat atau tautan virtual.")}
        )
    if event.starts_on and event.ends_on:
        if event.ends_on < event.starts_on:
            raise ValidationError(
                {"ends_on": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")}
            )
        if (event.ends_on - event.starts_on).days >= MAX_EVENT_DAYS:
            raise ValidationError(
                {
                    "ends_on": _("Kegiatan paling lama %(n)s hari.")
                    % {"n": MAX_EVENT_DAYS}
                }
            )
    event.full_clean(exclude=["held_by", "created_by", "sessions", "office_name"])


@transaction.atomic
def event_create(*, actor, data: Mapping[str, Any]) -> Event:
    """A new event held by the actor's office (its region; the ministry: none)."""
    guard(actor, "collaboration.add_event")
    event = Event(
        held_by_id=None if actor.is_ministry else actor.scope_code,
        office_name=getattr(actor.office, "name", "") or _("Kementerian Kominfo"),
        created_by=actor,
    )
    _apply(event, data)
    event.save()
    return event


@transaction.atomic
def event_update(*, actor, event: Event, data: Mapping[str, Any]) -> Event:
    event = lock_row(Event, event)
    guard(actor, "collaboration.change_event", event)
    _apply(event, data)
    event.save()
    return event


@transaction.atomic
def event_finish(*, actor, event: Event) -> Event:
    """Mark the event held: evaluation, publications and certificates open."""
    event = lock_row(Event, event)
    guard(actor, "collaboration.finish_event", event)
    event.status = EventStatus.DONE
    event.save(update_fields=["status", "updated_at"])
    return event


@transaction.atomic
def speaker_add(
    *, actor, event: Event, data: Mapping[str, Any], cv_file=None
) -> Speaker:
    """A speaker with an invitation of role narasumber (for the QR, the confirmation
    and the certificate). The CV must really be a PDF."""
    event = lock_row(Event, event)
    guard(actor, "collaboration.change_event", event)
    speaker = Speaker(
        event=event,
        name=str(data.get("name") or "").strip(),
        competence=str(data.get("competence") or "").strip(),
        background=str(data.get("background") or "").strip(),
        contact=str(data.get("contact") or "").strip(),
    )
    if cv_file is not None:
        fmt = validate_upload(cv_file, formats=PDF_ONLY)
        speaker.cv.save(
            server_file_name("collaboration/cv", cv_file.name, fmt),
            cv_file,
            save=False,
        )
    speaker.full_clean(exclude=["event", "cv"])
    speaker.save()
    Invitation.objects.create(
        event=event,
        speaker=speaker,
        name=speaker.name,
        role=InviteeRole.SPEAKER,
        contact=speaker.contact,
        code=new_code(),
        invited_by=actor,
    )
    return speaker


@transaction.atomic
def speaker_confirm(*, actor, speaker: Speaker, attending: bool) -> Invitation:
    """The office records the speaker's confirmation (by phone or letter)."""
    invitation = lock_row(Invitation, speaker.invitation)
    guard(actor, "collaboration.change_event", invitation.event)
    return _answer(invitation, attending)


def _answer(invitation: Invitation, attending: bool) -> Invitation:
    from django.utils import timezone

    invitation.rsvp = Rsvp.YES if attending else Rsvp.NO
    invitation.rsvp_at = timezone.now()
    invitation.save(update_fields=["rsvp", "rsvp_at"])
    return invitation


@transaction.atomic
def event_file_add(
    *, actor, event: Event, kind: str, uploaded, caption: str = ""
) -> EventFile:
    """A material (PDF or image) or a documentation photo (JPEG or PNG) of the event,
    judged by its bytes and stored privately."""
    event = lock_row(Event, event)
    guard(actor, "collaboration.add_file", event)
    if kind not in EventFileKind.values:
        raise ValidationError({"kind": _("Pilih jenis berkas.")})
    formats = PHOTO_FORMATS if kind == EventFileKind.PHOTO else DOCUMENT_FORMATS
    fmt = validate_upload(uploaded, formats=formats)
    row = EventFile(
        event=event, kind=kind, caption=(caption or "").strip()[:200], uploaded_by=actor
    )
    row.file.save(
        server_file_name("collaboration/events", uploaded.name, fmt),
        uploaded,
        save=False,
    )
    row.save()
    return row

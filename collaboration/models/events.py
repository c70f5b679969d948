"""Capacity-building events (Tabel 4.4–4.5): the event with its sessions and venue, its
speakers, the invitations (to KIM and to persons, each with a role and a personal code),
the files (materials, photos) and the publications afterwards.

An event belongs to the office that holds it: `held_by` is that office's region (None:
the ministry), and the scope of every row here is that region. A KIM user sees an event
through its KIM's invitation. Nothing is hard-deleted: an attendance list and a
certificate cite these rows.
"""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kimportal.core.scoping import ScopeSpec
from kimportal.core.uploads import private_storage

from ..choices_events import (
    EventFileKind,
    EventKind,
    EventStatus,
    InviteeRole,
    PublicationSource,
    Rsvp,
)
from .common import NO_HARD_DELETE


@pghistory.track()
class Event(models.Model):
    """One Bimtek, workshop, sarasehan or discussion forum, possibly over several days.

    `sessions` is the rundown: [{"day": "YYYY-MM-DD", "time": "09.00–10.00",
    "title": "...", "speaker": "..."}]."""

    kind = models.CharField(_("jenis kegiatan"), max_length=12, choices=EventKind)
    title = models.CharField(_("nama kegiatan"), max_length=200)
    theme = models.CharField(_("tema"), max_length=250)
    description = models.TextField(_("uraian"), blank=True)
    sessions = models.JSONField(_("sesi"), default=list, blank=True)
    held_by = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penyelenggara"),
    )
    office_name = models.CharField(_("kantor penyelenggara"), max_length=200)
    venue_address = models.CharField(_("alamat tempat"), max_length=300, blank=True)
    venue_link = models.URLField(_("tautan virtual"), max_length=500, blank=True)
    starts_on = models.DateField(_("tanggal mulai"))
    ends_on = models.DateField(_("tanggal selesai"))
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus, default=EventStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    SCOPE = ScopeSpec(region="held_by__code", kim="invitations__kim_id")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")
        ordering = ["-starts_on", "-id"]
        indexes = [
            models.Index(fields=["held_by", "-starts_on"], name="event_held_by_starts"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(venue_address="") | ~Q(venue_link=""),
                name="event_has_venue",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def days(self) -> list:
        import datetime

        count = (self.ends_on - self.starts_on).days + 1
        return [self.starts_on + datetime.timedelta(days=n) for n in range(count)]


def speaker_cv_path(instance, filename: str) -> str:
    # The service names the file (kimportal.core.uploads.server_file_name).
    return filename


@pghistory.track()
class Speaker(models.Model):
    """A speaker (narasumber) of an event; the confirmation is the RSVP of the
    speaker's own invitation."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="speakers")
    name = models.CharField(_("nama"), max_length=150)
    competence = models.CharField(_("kompetensi"), max_length=250)
    background = models.TextField(_("latar belakang"), blank=True)
    contact = models.CharField(_("kontak"), max_length=150, blank=True)
    cv = models.FileField(
        _("CV"),
        upload_to=speaker_cv_path,
        storage=private_storage,
        max_length=200,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    SCOPE = ScopeSpec(region="event__held_by__code")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("narasumber")
        verbose_name_plural = _("narasumber")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class Invitation(models.Model):
    """One invited party: a KIM (`kim`, role peserta) or a person with a role. `code` is
    the personal, unguessable code of the attendance QR."""

    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="invitations"
    )
    kim = models.ForeignKey(
        "registry.Kim",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    speaker = models.OneToOneField(
        Speaker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitation",
    )
    name = models.CharField(_("nama"), max_length=200)
    role = models.CharField(_("peran"), max_length=12, choices=InviteeRole)
    contact = models.CharField(_("kontak"), max_length=150, blank=True)
    code = models.CharField(max_length=32, unique=True, editable=False)
    rsvp = models.CharField(
        _("konfirmasi"), max_length=8, choices=Rsvp, default=Rsvp.PENDING
    )
    rsvp_at = models.DateTimeField(null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    SCOPE = ScopeSpec(region="event__held_by__code", kim="kim_id")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("undangan")
        verbose_name_plural = _("undangan")
        ordering = ["role", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "kim"],
                condition=Q(kim__isnull=False),
                name="invitation_one_per_kim",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


@pghistory.track()
class EventFile(models.Model):
    """A material or a documentation photo of an event (private upload)."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="files")
    kind = models.CharField(_("jenis"), max_length=10, choices=EventFileKind)
    caption = models.CharField(_("keterangan"), max_length=200, blank=True)
    file = models.FileField(
        upload_to=speaker_cv_path, storage=private_storage, max_length=200
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    SCOPE = ScopeSpec(region="event__held_by__code")

    class Meta:
        triggers = [NO_HARD_DELETE]
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return self.caption or self.get_kind_display()


@pghistory.track()
class Publication(models.Model):
    """A link publishing the event, by the Dinas or by a KIM. A KIM's own content after
    the event is also a monitoring report tied to the event (`report_id`)."""

    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="publications"
    )
    source = models.CharField(_("oleh"), max_length=6, choices=PublicationSource)
    kim = models.ForeignKey(
        "registry.Kim",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    url = models.URLField(_("tautan"), max_length=500)
    title = models.CharField(_("judul"), max_length=200, blank=True)
    report_id = models.PositiveBigIntegerField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    SCOPE = ScopeSpec(region="event__held_by__code", kim="kim_id")

    class Meta:
        triggers = [NO_HARD_DELETE]
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source=PublicationSource.DINAS) | Q(kim__isnull=False),
                name="publication_kim_named",
            ),
        ]

    def __str__(self) -> str:
        return self.url

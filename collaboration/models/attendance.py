"""Attendance, evaluations and certificates of an event.

One attendance row per invitation per day: a second scan of the same code on the same
day is ignored by the database (the unique constraint), so a queue replayed after a lost
connection cannot count anyone twice.
"""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kimportal.core.scoping import ScopeSpec

from ..choices_events import CheckInMethod
from .common import NO_HARD_DELETE
from .events import Event, Invitation


@pghistory.track()
class Attendance(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="attendance"
    )
    invitation = models.ForeignKey(
        Invitation, on_delete=models.PROTECT, related_name="attendance"
    )
    day = models.DateField(_("hari"))
    checked_in_at = models.DateTimeField(_("waktu hadir"))
    method = models.CharField(_("cara"), max_length=8, choices=CheckInMethod)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    SCOPE = ScopeSpec(region="event__held_by__code", kim="invitation__kim_id")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        ordering = ["day", "checked_in_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "day"], name="attendance_once_per_day"
            ),
        ]
        indexes = [models.Index(fields=["event", "day"], name="attendance_event_day")]

    def __str__(self) -> str:
        return f"{self.invitation_id} @ {self.day}"


@pghistory.track()
class Evaluation(models.Model):
    """A participant's answers to the evaluation questionnaire (1–5 per aspect)."""

    invitation = models.OneToOneField(
        Invitation, on_delete=models.PROTECT, related_name="evaluation"
    )
    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="evaluations"
    )
    content_score = models.PositiveSmallIntegerField(_("materi"))
    speaker_score = models.PositiveSmallIntegerField(_("narasumber"))
    organisation_score = models.PositiveSmallIntegerField(_("penyelenggaraan"))
    usefulness_score = models.PositiveSmallIntegerField(_("manfaat"))
    suggestion = models.TextField(_("saran"), blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    SCOPE = ScopeSpec(region="event__held_by__code", kim="invitation__kim_id")

    class Meta:
        triggers = [NO_HARD_DELETE]
        constraints = [
            models.CheckConstraint(
                condition=Q(content_score__gte=1, content_score__lte=5)
                & Q(speaker_score__gte=1, speaker_score__lte=5)
                & Q(organisation_score__gte=1, organisation_score__lte=5)
                & Q(usefulness_score__gte=1, usefulness_score__lte=5),
                name="evaluation_scores_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"evaluasi {self.invitation_id}"


@pghistory.track()
class Certificate(models.Model):
    """A certificate of one attendee or speaker. `code` is unguessable and is the only
    key of the public verification page; the holder's name, the event's title and
    dates and the issuing office are copied at issue, so the page shows what was
    printed."""

    invitation = models.OneToOneField(
        Invitation, on_delete=models.PROTECT, related_name="certificate"
    )
    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="certificates"
    )
    code = models.CharField(max_length=32, unique=True, editable=False)
    number = models.CharField(_("nomor"), max_length=40)
    holder_name = models.CharField(_("nama"), max_length=200)
    role = models.CharField(_("peran"), max_length=12)
    event_title = models.CharField(_("kegiatan"), max_length=200)
    event_dates = models.CharField(_("tanggal"), max_length=80)
    office_name = models.CharField(_("penerbit"), max_length=200)
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(
        _("alasan pencabutan"), max_length=250, blank=True
    )

    SCOPE = ScopeSpec(region="event__held_by__code", kim="invitation__kim_id")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")
        ordering = ["event", "holder_name", "id"]

    def __str__(self) -> str:
        return f"{self.number} {self.holder_name}"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None

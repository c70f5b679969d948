"""Nominations for province and national competitions (lomba *ikut serta*, §IV.E):
a kab/kota nominates its KIM (and the work) for a competition run by its province or
the ministry; the province selects from its kab/kota's nominations and, for a national
competition, forwards them; the ministry sees what was forwarded. Each nomination keeps
its preparation, accompaniment and evaluation notes and its result.

`regency` and `province` are copied from the KIM's desa at nomination, so the scope is
a prefix test on the nominating kab/kota's code (its province reads it too). The
ministry's narrower view (national, forwarded) is the selector's. Nothing is
hard-deleted: a declined or withdrawn nomination keeps its reason.
"""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kimportal.core.scoping import ScopeSpec

from ..choices_nominations import NominationNoteKind, NominationResult, NominationState
from .common import NO_HARD_DELETE

CLOSED = (NominationState.DECLINED, NominationState.WITHDRAWN)


@pghistory.track()
class Nomination(models.Model):
    competition = models.ForeignKey(
        "collaboration.Competition",
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    kim = models.ForeignKey("registry.Kim", on_delete=models.PROTECT, related_name="+")
    regency = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+"
    )
    province = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+"
    )
    work_title = models.CharField(_("judul karya"), max_length=200, blank=True)
    work_link = models.URLField(_("tautan karya"), max_length=500, blank=True)
    reason = models.TextField(_("alasan pengusulan"))
    state = models.CharField(
        _("status"),
        max_length=10,
        choices=NominationState,
        default=NominationState.NOMINATED,
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    nominated_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("catatan keputusan"), blank=True)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    forwarded_at = models.DateTimeField(null=True, blank=True)
    result = models.CharField(
        _("hasil"), max_length=12, choices=NominationResult, blank=True
    )
    result_note = models.TextField(_("keterangan hasil"), blank=True)
    result_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    result_recorded_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    SCOPE = ScopeSpec(region="regency__code", kim="kim_id")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("usulan lomba")
        verbose_name_plural = _("usulan lomba")
        ordering = ["-nominated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "kim"],
                condition=~Q(state__in=CLOSED),
                name="nomination_one_open_per_kim",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=CLOSED) | ~Q(decision_note=""),
                name="nomination_closed_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["competition", "state"], name="nomination_comp_idx"),
            models.Index(
                fields=["regency"],
                name="nomination_regency_idx",
                opclasses=["varchar_pattern_ops"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kim_id} → {self.competition_id}"


@pghistory.track()
class NominationNote(models.Model):
    """A dated step of preparation, accompaniment (pendampingan) or evaluation."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, related_name="notes"
    )
    kind = models.CharField(_("tahap"), max_length=14, choices=NominationNoteKind)
    day = models.DateField(_("tanggal"))
    text = models.TextField(_("uraian"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    SCOPE = ScopeSpec(region="nomination__regency__code", kim="nomination__kim_id")

    class Meta:
        triggers = [NO_HARD_DELETE]
        ordering = ["day", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.day}"

"""Awards (apresiasi, Gambar 4.6): an office's award period, the ranking computed from
validated monitoring data (one entry per KIM, with the numbers it was made from), the
jury's adjustments with their reasons, the awards given and their certificates.

A period belongs to the office that runs it: `region` is that office's region (None:
the ministry) and is the scope of every row here for staff. A KIM reads its own entries
and awards once the period is published (the selectors add that condition). Nothing is
hard-deleted: an award withdrawn or a certificate revoked keeps its row and its reason.
"""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kimportal.core.scoping import ScopeSpec

from ..award_ranking import DEFAULT_WEIGHTS
from ..choices_awards import AwardKind, AwardPeriodState
from .common import NO_HARD_DELETE


def default_weights() -> dict:
    return dict(DEFAULT_WEIGHTS)


@pghistory.track()
class AwardPeriod(models.Model):
    title = models.CharField(_("nama apresiasi"), max_length=200)
    office = models.ForeignKey(
        "accounts.Office", on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    office_name = models.CharField(_("kantor penyelenggara"), max_length=200)
    starts_on = models.DateField(_("periode mulai"))
    ends_on = models.DateField(_("periode selesai"))
    weights = models.JSONField(_("bobot"), default=default_weights)
    jury = models.TextField(_("tim penilai"), blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    state = models.CharField(
        _("status"),
        max_length=10,
        choices=AwardPeriodState,
        default=AwardPeriodState.DRAFT,
    )
    # The rule as it stood when the ranking was computed (the page shows this one).
    formula = models.JSONField(default=list, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    SCOPE = ScopeSpec(region="region__code")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("periode apresiasi")
        verbose_name_plural = _("periode apresiasi")
        ordering = ["-ends_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="awardperiod_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title


@pghistory.track()
class AwardEntry(models.Model):
    """One KIM in a period's ranking: the figures it was computed from (with the ids of
    the reports and snapshots), each component, the computed total and rank, and the
    final ones (the jury's adjustment where there is one)."""

    period = models.ForeignKey(
        AwardPeriod, on_delete=models.PROTECT, related_name="entries"
    )
    kim = models.ForeignKey("registry.Kim", on_delete=models.PROTECT, related_name="+")
    figures = models.JSONField(default=dict)
    components = models.JSONField(default=dict)
    computed_score = models.DecimalField(max_digits=6, decimal_places=2)
    computed_rank = models.PositiveIntegerField()
    adjusted_score = models.DecimalField(
        _("nilai penyesuaian"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    adjustment_reason = models.TextField(_("alasan penyesuaian"), blank=True)
    adjusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    adjusted_at = models.DateTimeField(null=True, blank=True)
    final_score = models.DecimalField(max_digits=6, decimal_places=2)
    final_rank = models.PositiveIntegerField()

    SCOPE = ScopeSpec(region="period__region__code", kim="kim_id")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("peringkat apresiasi")
        verbose_name_plural = _("peringkat apresiasi")
        ordering = ["final_rank", "kim__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "kim"], name="awardentry_one_per_kim"
            ),
            models.CheckConstraint(
                condition=Q(adjusted_score__isnull=True) | ~Q(adjustment_reason=""),
                name="awardentry_adjustment_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(adjusted_score__isnull=True)
                | Q(adjusted_score__gte=0, adjusted_score__lte=100),
                name="awardentry_adjusted_0_100",
            ),
        ]
        indexes = [
            models.Index(fields=["period", "final_rank"], name="awardentry_rank_idx")
        ]

    def __str__(self) -> str:
        return f"{self.period_id} #{self.final_rank} {self.kim_id}"

    @property
    def is_adjusted(self) -> bool:
        return self.adjusted_score is not None


@pghistory.track()
class AwardAdjustment(models.Model):
    """Every adjustment the jury made (or cleared), in order: the value before, the
    value set (None: back to the computed one), who and why."""

    entry = models.ForeignKey(
        AwardEntry, on_delete=models.PROTECT, related_name="adjustments"
    )
    computed_score = models.DecimalField(max_digits=6, decimal_places=2)
    previous_score = models.DecimalField(max_digits=6, decimal_places=2)
    adjusted_score = models.DecimalField(
        max_digits=6, decimal_places=2, null=True, blank=True
    )
    reason = models.TextField(_("alasan"))
    adjusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    SCOPE = ScopeSpec(region="entry__period__region__code")

    class Meta:
        triggers = [NO_HARD_DELETE]
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""), name="awardadjustment_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.previous_score} → {self.adjusted_score}"


@pghistory.track()
class AwardGrant(models.Model):
    """An award given to a ranked KIM: its kind (plakat, jejaring, pelatihan, lainnya)
    and title. Withdrawn with a reason before publication, never deleted."""

    period = models.ForeignKey(
        AwardPeriod, on_delete=models.PROTECT, related_name="grants"
    )
    entry = models.ForeignKey(
        AwardEntry, on_delete=models.PROTECT, related_name="grants"
    )
    kim = models.ForeignKey("registry.Kim", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis apresiasi"), max_length=10, choices=AwardKind)
    title = models.CharField(_("nama penghargaan"), max_length=150)
    description = models.TextField(_("keterangan"), blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.CharField(
        _("alasan penarikan"), max_length=250, blank=True
    )

    SCOPE = ScopeSpec(region="period__region__code", kim="kim_id")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("apresiasi")
        verbose_name_plural = _("apresiasi")
        ordering = ["entry__final_rank", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "title"],
                condition=Q(withdrawn_at__isnull=True),
                name="awardgrant_one_title_per_kim",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawn_reason=""),
                name="awardgrant_withdrawn_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.kim_id}"


@pghistory.track()
class AwardCertificate(models.Model):
    """The certificate (piagam) of an award, verified on the same public page as the
    event certificates (`/sertifikat/<code>/`). What was printed is copied at issue;
    the attribute names the certificate pages read are given as properties."""

    grant = models.OneToOneField(
        AwardGrant, on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(max_length=32, unique=True, editable=False)
    number = models.CharField(_("nomor"), max_length=40)
    holder_name = models.CharField(_("nama"), max_length=200)
    award_title = models.CharField(_("penghargaan"), max_length=400)
    period_label = models.CharField(_("periode"), max_length=80)
    office_name = models.CharField(_("penerbit"), max_length=200)
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(
        _("alasan pencabutan"), max_length=250, blank=True
    )

    SCOPE = ScopeSpec(region="grant__period__region__code", kim="grant__kim_id")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("piagam apresiasi")
        verbose_name_plural = _("piagam apresiasi")
        ordering = ["grant", "id"]

    def __str__(self) -> str:
        return f"{self.number} {self.holder_name}"

    # The names the shared certificate pages (verify page, verification API) read.
    subject_label = _("Penghargaan")
    role = _("penerima apresiasi")

    @property
    def event_title(self) -> str:
        return self.award_title

    @property
    def event_dates(self) -> str:
        return self.period_label

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None

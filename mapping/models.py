"""Mapping (SPEC §4, guideline §III): public issues, the office's mapping settings, and
one assessment of interest, power and influence per KIM per period.

Nothing here is hard-deleted (an assessment or an issue is a record the report cites);
every change is tracked by pghistory, so an override's earlier values stay readable.
"""

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kimportal.core.scoping import ScopeSpec
from registry.choices import GovernmentAffair

from .choices import Approach, UnderstandingLevel
from .computation import DEFAULT_THRESHOLD
from .periods import PeriodKind

NO_HARD_DELETE = pgtrigger.Protect(name="protect_deletes", operation=pgtrigger.Delete)


def _threshold(label):
    return models.DecimalField(
        label, max_digits=5, decimal_places=2, default=DEFAULT_THRESHOLD
    )


@pghistory.track()
class MappingSetting(models.Model):
    """How one kab/kota office maps its KIM: the period kind and the thresholds (a
    percentile, 50 = the median) above which a value counts as high."""

    regency = models.OneToOneField(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kabupaten/kota"),
    )
    period_kind = models.CharField(
        _("jenis periode"),
        max_length=10,
        choices=PeriodKind.choices,
        default=PeriodKind.QUARTER,
    )
    interest_threshold = _threshold(_("ambang ketertarikan"))
    power_threshold = _threshold(_("ambang kekuatan"))
    influence_threshold = _threshold(_("ambang pengaruh"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    SCOPE = ScopeSpec(region="regency__code")

    class Meta:
        verbose_name = _("pengaturan pemetaan")
        verbose_name_plural = _("pengaturan pemetaan")
        constraints = [
            models.CheckConstraint(
                condition=Q(interest_threshold__gte=0, interest_threshold__lte=100)
                & Q(power_threshold__gte=0, power_threshold__lte=100)
                & Q(influence_threshold__gte=0, influence_threshold__lte=100),
                name="mappingsetting_thresholds_0_100",
            )
        ]

    def __str__(self) -> str:
        return f"{self.regency_id} ({self.period_kind})"


@pghistory.track()
class PublicIssue(models.Model):
    """A strategic public issue (Tabel 3.2) with its six aspects (§III.B), owned by the
    office that wrote it: `owner_region` is that office's region (None: the ministry)."""

    title = models.CharField(_("isu strategis"), max_length=250)
    field = models.CharField(
        _("bidang terkait"), max_length=24, choices=GovernmentAffair.choices
    )
    # [{"kind": IssueSourceKind, "url": "...", "note": "..."}]
    sources = models.JSONField(_("sumber informasi"), default=list, blank=True)
    background = models.TextField(_("latar belakang isu"), blank=True)
    involved = models.TextField(_("siapa saja yang terlibat"), blank=True)
    scope = models.TextField(_("ruang lingkup"), blank=True)
    administration = models.TextField(_("catatan administrasi"), blank=True)
    emerged_on = models.DateField(_("muncul sejak"), null=True, blank=True)
    expected_fade_on = models.DateField(_("diperkirakan mereda"), null=True, blank=True)
    understanding_level = models.CharField(
        _("jenjang pemahaman"),
        max_length=8,
        choices=UnderstandingLevel.choices,
        blank=True,
    )
    understanding_note = models.TextField(_("catatan pemahaman"), blank=True)
    is_priority = models.BooleanField(_("isu prioritas"), default=False)
    is_crisis = models.BooleanField(_("terindikasi krisis"), default=False)
    is_national = models.BooleanField(_("isu nasional"), default=False)
    kims = models.ManyToManyField(
        "registry.Kim", related_name="+", blank=True, verbose_name=_("KIM terkait")
    )
    materials = models.ManyToManyField(
        "monitoring.Material",
        related_name="+",
        blank=True,
        verbose_name=_("bahan informasi terkait"),
    )
    owner_region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kantor pemilik"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # National issues are shown to every office by the selector, on top of this scope.
    SCOPE = ScopeSpec(region="owner_region__code")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("isu publik")
        verbose_name_plural = _("isu publik")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expected_fade_on__isnull=True)
                | Q(emerged_on__isnull=True)
                | Q(expected_fade_on__gte=models.F("emerged_on")),
                name="publicissue_duration_valid",
            )
        ]

    def __str__(self) -> str:
        return self.title


def _score(label):
    return models.DecimalField(
        label, max_digits=5, decimal_places=2, null=True, blank=True
    )


# The history keeps scores, levels, overrides and priorities; the bulky explanation
# (components, inputs, provenance) lives on the row of each period, so the nightly
# recompute of 100k KIM does not copy it into an event each night.
@pghistory.track(exclude=["components", "inputs", "provenance", "computed_at"])
class Assessment(models.Model):
    """Interest, power and influence of one KIM in one period (Tabel 3.3).

    The computed values (`*_score`, `*_high`) are rewritten by every recompute; an
    override (`*_override`) sits beside them with who and why, and the effective values
    (`effective_*`, `approach`) use it when present. `inputs` keeps the measured figures
    and `provenance` the report and snapshot ids they came from."""

    kim = models.ForeignKey("registry.Kim", on_delete=models.PROTECT, related_name="+")
    regency = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+"
    )
    period = models.CharField(_("periode"), max_length=8)
    period_kind = models.CharField(max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField()
    period_end = models.DateField()

    interest_score = _score(_("skor ketertarikan (dihitung)"))
    power_score = _score(_("skor kekuatan (dihitung)"))
    influence_score = _score(_("skor pengaruh (dihitung)"))
    interest_high = models.BooleanField(default=False)
    power_high = models.BooleanField(default=False)
    influence_high = models.BooleanField(default=False)
    thresholds = models.JSONField(default=dict)
    components = models.JSONField(default=dict)
    inputs = models.JSONField(default=dict)
    provenance = models.JSONField(default=dict)
    computed_at = models.DateTimeField(null=True, blank=True)

    interest_override = _score(_("skor ketertarikan (penyesuaian)"))
    power_override = _score(_("skor kekuatan (penyesuaian)"))
    influence_override = _score(_("skor pengaruh (penyesuaian)"))
    override_reason = models.TextField(_("alasan penyesuaian"), blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    overridden_at = models.DateTimeField(null=True, blank=True)

    # The effective result, kept in columns so that lists, the grid and collaboration's
    # targeting filter by it.
    approach = models.CharField(
        _("pendekatan"),
        max_length=10,
        choices=Approach.choices,
        default=Approach.MONITOR,
    )

    # Priority (§III.D) and the quadrant the office aims for.
    is_prioritised = models.BooleanField(_("diprioritaskan"), default=False)
    is_involved = models.BooleanField(_("dilibatkan"), default=False)
    target_approach = models.CharField(
        _("kuadran sasaran"), max_length=10, choices=Approach.choices, blank=True
    )
    plan_note = models.TextField(_("catatan prioritas"), blank=True)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    planned_at = models.DateTimeField(null=True, blank=True)

    SCOPE = ScopeSpec(region="regency__code")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("penilaian pemetaan")
        verbose_name_plural = _("penilaian pemetaan")
        ordering = ["period", "kim_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kim", "period"], name="assessment_one_per_kim_period"
            ),
            models.CheckConstraint(
                condition=Q(
                    interest_override__isnull=True,
                    power_override__isnull=True,
                    influence_override__isnull=True,
                )
                | ~Q(override_reason=""),
                name="assessment_override_has_reason",
            ),
        ]
        indexes = [
            # Serves both "this kab/kota" (=) and "this province" (LIKE '35.%').
            models.Index(
                fields=["regency", "period"],
                name="assessment_regency_period_idx",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
            ),
            models.Index(fields=["period", "approach"], name="assessment_period_idx"),
            # A province's or the nation's grid: counts per kab/kota and quadrant
            # read from the index alone, and the sample of dots (prioritised first)
            # without sorting every row of the period.
            models.Index(
                fields=["period", "regency", "approach"],
                name="assessment_period_area_idx",
            ),
            models.Index(
                "period",
                models.F("is_prioritised").desc(),
                "regency",
                "kim",
                name="assessment_period_sample_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kim_id} {self.period}"

    def effective(self, dimension: str):
        """The score used: the override when set, else the computed one."""
        override = getattr(self, f"{dimension}_override")
        return override if override is not None else getattr(self, f"{dimension}_score")

    def effective_high(self, dimension: str) -> bool:
        override = getattr(self, f"{dimension}_override")
        if override is None:
            return getattr(self, f"{dimension}_high")
        threshold = (self.thresholds or {}).get(dimension, DEFAULT_THRESHOLD)
        return float(override) >= float(threshold)

    @property
    def is_overridden(self) -> bool:
        return any(
            getattr(self, f"{d}_override") is not None
            for d in ("interest", "power", "influence")
        )


@pghistory.track()
class InterestAnswer(models.Model):
    """A KIM's answers to the short interest questionnaire for one period (the other
    source of interest besides its reporting). One per KIM and period; answering again
    replaces the answers, and pghistory keeps the earlier ones."""

    kim = models.ForeignKey("registry.Kim", on_delete=models.PROTECT, related_name="+")
    period = models.CharField(_("periode"), max_length=8)
    answers = models.JSONField(_("jawaban"), default=dict)
    score = models.DecimalField(_("skor"), max_digits=5, decimal_places=2)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(auto_now=True)

    SCOPE = ScopeSpec(region="kim__village__code", kim="kim_id")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("kuesioner ketertarikan")
        verbose_name_plural = _("kuesioner ketertarikan")
        constraints = [
            models.UniqueConstraint(
                fields=["kim", "period"], name="interestanswer_one_per_kim_period"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=100),
                name="interestanswer_score_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kim_id} {self.period}"

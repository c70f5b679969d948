"""Campaigns (guideline §IV.B, §IV.D): the office involves KIM in disseminating a
message through participation (coordination, KIM feedback on the plan), collaboration
(designing the material together) and action (dissemination of monitoring's material).

For type B KIM the office first watches commitment in a trial period, then fixes the
KIM involved for a longer period: each phase keeps its own list of KIM.
"""

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kimportal.core.scoping import ScopeSpec

from ..choices import CampaignKind, CampaignPhase, CampaignState, FeedbackStage
from .common import NO_HARD_DELETE


def _array(base, verbose_name):
    return ArrayField(base, verbose_name=verbose_name, default=list, blank=True)


@pghistory.track()
class Campaign(models.Model):
    """One campaign of an office (the ministry, a province or a kab/kota)."""

    title = models.CharField(_("judul kampanye"), max_length=200)
    message = models.TextField(_("pesan yang akan disampaikan"))
    kind = models.CharField(_("sifat"), max_length=12, choices=CampaignKind.choices)
    # A responsive campaign answers a public issue from mapping.
    public_issue = models.ForeignKey(
        "mapping.PublicIssue",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("isu publik"),
    )
    office = models.ForeignKey(
        "accounts.Office", on_delete=models.PROTECT, related_name="+"
    )
    # The office's region (None for the ministry): the campaign's scope for staff.
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Who it targets (each empty = all in the office's scope); see targeting.py.
    target_region_codes = _array(
        models.CharField(max_length=13), _("sasaran wilayah (kode)")
    )
    target_kim_types = _array(models.CharField(max_length=1), _("sasaran tipe KIM"))
    target_fields = _array(models.CharField(max_length=24), _("sasaran bidang"))
    target_quadrants = _array(
        models.CharField(max_length=10), _("sasaran kuadran pemetaan")
    )
    target_need_skills = _array(
        models.CharField(max_length=16), _("sasaran kebutuhan keahlian")
    )
    # Collaboration: the material as designed with the KIM.
    angle = models.TextField(_("sudut pandang pesan"), blank=True)
    material_format = models.CharField(_("format bahan"), max_length=12, blank=True)
    material = models.ForeignKey(
        "monitoring.Material",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bahan informasi"),
    )
    # Periods: a trial (0 = none) then a fixed period, in months.
    trial_months = models.PositiveSmallIntegerField(
        _("masa uji coba (bulan)"), default=0
    )
    fixed_months = models.PositiveSmallIntegerField(_("masa tetap (bulan)"), default=6)
    action_started_on = models.DateField(null=True, blank=True)
    trial_ends_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    phase = models.CharField(
        _("masa berjalan"), max_length=8, choices=CampaignPhase.choices, blank=True
    )
    state = models.CharField(
        _("tahap"),
        max_length=14,
        choices=CampaignState.choices,
        default=CampaignState.DRAFT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # KIM users see the campaigns they take part in (the selector removes duplicates).
    SCOPE = ScopeSpec(region="region__code", kim="participants__kim_id")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("kampanye")
        verbose_name_plural = _("kampanye")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="responsive") | Q(public_issue__isnull=False),
                name="campaign_responsive_has_issue",
            ),
            models.CheckConstraint(
                condition=Q(
                    trial_months__lte=12, fixed_months__gte=1, fixed_months__lte=24
                ),
                name="campaign_periods_valid",
            ),
        ]
        indexes = [
            models.Index(
                fields=["region"],
                name="campaign_region_prefix_idx",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(fields=["state", "-created_at"], name="campaign_state_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("collaboration:campaign-detail", args=[self.pk])


@pghistory.track()
class CampaignKim(models.Model):
    """A KIM involved in a campaign in one phase (the list of a phase is fixed once
    the phase starts; the fixed period's list is chosen from the trial's)."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="participants"
    )
    kim = models.ForeignKey("registry.Kim", on_delete=models.PROTECT, related_name="+")
    phase = models.CharField(max_length=8, choices=CampaignPhase.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    SCOPE = ScopeSpec(region="kim__village__code", kim="kim_id")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("KIM yang dilibatkan")
        verbose_name_plural = _("KIM yang dilibatkan")
        ordering = ["campaign", "phase", "kim_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "phase", "kim"], name="campaignkim_once_per_phase"
            )
        ]
        indexes = [models.Index(fields=["kim", "campaign"], name="campaignkim_kim_idx")]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.phase}/{self.kim_id}"


@pghistory.track()
class CampaignFeedback(models.Model):
    """A KIM's feedback on the plan (participation) or its proposal for the material
    (collaboration: angle and format)."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="feedback"
    )
    kim = models.ForeignKey("registry.Kim", on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(max_length=14, choices=FeedbackStage.choices)
    body = models.TextField(_("masukan"))
    angle = models.CharField(_("usulan sudut pandang"), max_length=300, blank=True)
    material_format = models.CharField(_("usulan format"), max_length=12, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Staff see the feedback of KIM in their scope; a KIM its own.
    SCOPE = ScopeSpec(region="kim__village__code", kim="kim_id")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("masukan KIM")
        verbose_name_plural = _("masukan KIM")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["campaign", "created_at"], name="campaignfb_idx")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.kim_id}"

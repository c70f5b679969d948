"""Capacity needs of a KIM (Tabel 4.1): each filing is a dated record, so the office
sees how needs changed; only the newest filing of a KIM (`is_latest`) counts in the
aggregates and in targeting.
"""

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kimportal.core.scoping import ScopeSpec
from registry.choices import ContentType, MediaType

from ..choices import ProductionManagement, Readiness, Skill, SkillLevel
from .common import NO_HARD_DELETE


@pghistory.track()
class CapacityNeed(models.Model):
    """One filing of Tabel 4.1 by a KIM (or by its kab/kota on its behalf)."""

    kim = models.ForeignKey("registry.Kim", on_delete=models.PROTECT, related_name="+")
    # The KIM's desa code, copied at filing so that the office's aggregates filter and
    # group by region prefix on this table's own index.
    village = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+"
    )
    filed_on = models.DateField(_("tanggal pengisian"))
    # 1. media managed and their readiness: {MediaType: Readiness}
    media_readiness = models.JSONField(
        _("media yang dikelola dan kesiapannya"), default=dict, blank=True
    )
    # 2. content produced and where it was published
    content_types = ArrayField(
        models.CharField(max_length=12, choices=ContentType.choices),
        verbose_name=_("jenis konten yang pernah diproduksi"),
        default=list,
        blank=True,
    )
    published_on = ArrayField(
        models.CharField(max_length=20, choices=MediaType.choices),
        verbose_name=_("dimuat di media"),
        default=list,
        blank=True,
    )
    content_note = models.TextField(_("catatan konten"), blank=True)
    # 3. members involved in production
    production_members = models.PositiveIntegerField(
        _("jumlah anggota yang terlibat produksi"), default=0
    )
    # 5. production management
    production_management = models.CharField(
        _("pengelolaan produksi konten"),
        max_length=10,
        choices=ProductionManagement.choices,
    )
    management_note = models.TextField(_("catatan pengelolaan"), blank=True)
    note = models.TextField(_("catatan lain"), blank=True)
    is_latest = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    SCOPE = ScopeSpec(region="village__code", kim="kim_id")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("kebutuhan peningkatan kapasitas")
        verbose_name_plural = _("kebutuhan peningkatan kapasitas")
        ordering = ["-filed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kim"],
                condition=Q(is_latest=True),
                name="capacityneed_one_latest_per_kim",
            ),
        ]
        indexes = [
            models.Index(
                fields=["village"],
                name="capneed_region_prefix_idx",
                opclasses=["varchar_pattern_ops"],
                condition=Q(is_latest=True),
            ),
            models.Index(fields=["kim", "-filed_on"], name="capneed_kim_filed_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kim_id} — {self.filed_on:%Y-%m-%d}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("collaboration:need-detail", args=[self.pk])

    def media_readiness_display(self) -> list[tuple[str, str]]:
        media, readiness = dict(MediaType.choices), dict(Readiness.choices)
        return [
            (str(media.get(key, key)), str(readiness.get(value, value)))
            for key, value in self.media_readiness.items()
        ]

    def content_types_display(self) -> str:
        labels = dict(ContentType.choices)
        return ", ".join(str(labels.get(v, v)) for v in self.content_types)

    def published_on_display(self) -> str:
        labels = dict(MediaType.choices)
        return ", ".join(str(labels.get(v, v)) for v in self.published_on)


@pghistory.track()
class CapacitySkill(models.Model):
    """One skill of a filing (Tabel 4.1 no. 4) with the members' self-rated level;
    `is_needed` (level at or below basic, or training asked for) is set by the
    service so that targeting filters on an index."""

    need = models.ForeignKey(
        CapacityNeed, on_delete=models.PROTECT, related_name="skills"
    )
    skill = models.CharField(_("keahlian"), max_length=16, choices=Skill.choices)
    other_label = models.CharField(_("keahlian lainnya"), max_length=80, blank=True)
    level = models.PositiveSmallIntegerField(
        _("tingkat kemampuan"), choices=SkillLevel.choices
    )
    members = models.PositiveIntegerField(_("jumlah anggota"), default=0)
    wants_training = models.BooleanField(_("membutuhkan pelatihan"), default=False)
    is_needed = models.BooleanField(default=False)

    SCOPE = ScopeSpec(region="need__village__code", kim="need__kim_id")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("keahlian anggota")
        verbose_name_plural = _("keahlian anggota")
        ordering = ["need", "skill"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "skill"], name="capacityskill_one_per_need"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=4), name="capacityskill_level_1_4"
            ),
        ]
        indexes = [
            models.Index(
                fields=["skill", "need"],
                condition=Q(is_needed=True),
                name="capskill_needed_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill}: {self.level}"

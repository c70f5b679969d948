"""Effectiveness (Tabel 5.1): rollups of counted activity, and the outcome survey.

The rollups are a cache of the counted reports, content items, clicks and survey answers,
kept exact inside the transaction that changes what counts (`monitoring/rollups.py`) and
rebuildable month by month from those tracked tables. They are derived data: they carry
no history of their own (pghistory would only repeat the source tables' history) and a
rebuild replaces their rows, so they do not refuse DELETE. Dashboards read only them.

Three grains, because a national dashboard must not add up a row per KIM:
- `KimMonthRollup`: one KIM, one month, per medium, platform and material (per-KIM
  activity for mapping, KIM rankings, a material's page);
- `RegionMonthRollup`: one kab/kota, one month, per medium and platform (trends, shares
  and rankings of kab/kota and provinces);
- `ProvinceMonthRollup`: the same for one province, kept in the same transaction as
  the kab/kota rows (a nation's year is 38 provinces, not 514 kab/kota, of rows);
- `ActiveKimRollup`: how many KIM of a kab/kota counted anything in a month, quarter or
  year (a distinct count, which months cannot be summed into).
"""

import pgtrigger
from django.db import models
from django.utils.translation import gettext_lazy as _

from kimportal.core.scoping import ScopeSpec


class _Counts(models.Model):
    reports = models.PositiveIntegerField(_("laporan tervalidasi"), default=0)
    activities = models.PositiveIntegerField(_("jumlah kegiatan"), default=0)
    content_items = models.PositiveIntegerField(_("konten baru"), default=0)
    link_clicks = models.PositiveIntegerField(_("klik tautan"), default=0)
    survey_answers = models.PositiveIntegerField(_("jawaban survei"), default=0)
    survey_understood = models.PositiveIntegerField(default=0)
    survey_positive = models.PositiveIntegerField(default=0)
    survey_intent = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class KimMonthRollup(_Counts):
    """Counted activity of one KIM in one month, per medium, platform and material.
    `platform` is that of the report's first evidence link ("" for none); clicks and
    survey answers carry the tracked link's medium and no platform."""

    month = models.DateField()
    kim = models.ForeignKey(
        "registry.Kim",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    village_code = models.CharField(max_length=13)
    regency_code = models.CharField(max_length=5)
    medium = models.CharField(max_length=12, blank=True)
    platform = models.CharField(max_length=10, blank=True)
    material = models.ForeignKey(
        "monitoring.Material",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )

    SCOPE = ScopeSpec(region="village_code", kim="kim_id")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "kim", "medium", "platform", "material"],
                nulls_distinct=False,
                name="kimrollup_one_per_key",
            )
        ]
        indexes = [
            models.Index(fields=["kim", "month"], name="kimrollup_kim_month_idx"),
            # Covering: a kab/kota's KIM ranking for a year reads tens of thousands of
            # rows at national scale; from the index alone, not the heap.
            models.Index(
                fields=["regency_code", "month"],
                name="kimrollup_regency_month_idx",
                include=[
                    "kim",
                    "village_code",
                    "reports",
                    "activities",
                    "content_items",
                    "link_clicks",
                    "survey_answers",
                    "survey_understood",
                    "survey_positive",
                    "survey_intent",
                ],
            ),
            models.Index(
                fields=["material", "village_code"],
                name="kimrollup_material_idx",
                opclasses=["int8_ops", "varchar_pattern_ops"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} KIM {self.kim_id}: {self.reports}"


class RegionMonthRollup(_Counts):
    """Counted activity of one kab/kota in one month, per medium and platform."""

    month = models.DateField()
    regency_code = models.CharField(max_length=5)
    medium = models.CharField(max_length=12, blank=True)
    platform = models.CharField(max_length=10, blank=True)

    SCOPE = ScopeSpec(region="regency_code")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "regency_code", "medium", "platform"],
                name="regionrollup_one_per_key",
            )
        ]
        indexes = [
            models.Index(
                fields=["regency_code", "month"],
                name="regionrollup_code_month_idx",
                opclasses=["varchar_pattern_ops", "date_ops"],
            ),
            models.Index(fields=["month"], name="regionrollup_month_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.regency_code}: {self.reports}"


class ProvinceMonthRollup(_Counts):
    """Counted activity of one province in one month, per medium and platform: the sum
    of its kab/kota rows, so that the nation's trend and province ranking read a row
    per province instead of one per kab/kota."""

    month = models.DateField()
    province_code = models.CharField(max_length=2)
    medium = models.CharField(max_length=12, blank=True)
    platform = models.CharField(max_length=10, blank=True)

    SCOPE = ScopeSpec(region="province_code")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "province_code", "medium", "platform"],
                name="provincerollup_one_per_key",
            )
        ]
        indexes = [
            models.Index(
                fields=["province_code", "month"], name="provincerollup_code_month_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.province_code}: {self.reports}"


class ActiveKimRollup(models.Model):
    """How many KIM of a kab/kota had a counted report in a period: `2026-11`,
    `2026-Q4` or `2026`."""

    period = models.CharField(max_length=7)
    regency_code = models.CharField(max_length=5)
    active_kims = models.PositiveIntegerField(default=0)

    SCOPE = ScopeSpec(region="regency_code")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period", "regency_code"], name="activerollup_one_per_key"
            )
        ]
        indexes = [
            models.Index(
                fields=["regency_code", "period"],
                name="activerollup_code_idx",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.regency_code}: {self.active_kims}"


class SurveyAnswer(models.IntegerChoices):
    YES = 2, _("Ya")
    PARTLY = 1, _("Sebagian/ragu-ragu")
    NO = 0, _("Tidak")


class SurveyAttitude(models.IntegerChoices):
    SUPPORT = 2, _("Mendukung")
    NEUTRAL = 1, _("Netral")
    AGAINST = 0, _("Tidak mendukung")


# Not tracked by pghistory, on purpose: an answer never changes, and a history row would
# carry the request's context (the signed-in user, if any), tying an anonymous answer to
# a person. Deletion is still refused.
class SurveyResponse(models.Model):
    """One anonymous answer to a material's three-question outcome survey, reached
    through a KIM's tracked link. It stores what was answered, for which material, KIM
    and medium, and the day — nothing about who answered (no account, address, browser
    or time of day)."""

    link = models.ForeignKey(
        "monitoring.TrackedLink", on_delete=models.PROTECT, related_name="+"
    )
    material = models.ForeignKey(
        "monitoring.Material", on_delete=models.PROTECT, related_name="+"
    )
    kim = models.ForeignKey("registry.Kim", on_delete=models.PROTECT, related_name="+")
    village_code = models.CharField(max_length=13)
    medium = models.CharField(max_length=12)
    answered_on = models.DateField()
    month = models.DateField()
    understood = models.PositiveSmallIntegerField(
        _("Apakah Anda memahami isi informasi ini?"), choices=SurveyAnswer.choices
    )
    attitude = models.PositiveSmallIntegerField(
        _("Bagaimana sikap Anda terhadap pesan informasi ini?"),
        choices=SurveyAttitude.choices,
    )
    intent = models.PositiveSmallIntegerField(
        _("Apakah Anda akan menerapkan atau meneruskan informasi ini?"),
        choices=SurveyAnswer.choices,
    )

    SCOPE = ScopeSpec(region="village_code", kim="kim_id")

    class Meta:
        triggers = [
            pgtrigger.Protect(name="protect_deletes", operation=pgtrigger.Delete)
        ]
        verbose_name = _("jawaban survei")
        verbose_name_plural = _("jawaban survei")
        indexes = [
            models.Index(fields=["kim", "month"], name="survey_kim_month_idx"),
            models.Index(fields=["material"], name="survey_material_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(understood__lte=2)
                & models.Q(attitude__lte=2)
                & models.Q(intent__lte=2),
                name="survey_answers_in_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.material_id} / {self.kim_id} / {self.answered_on}"

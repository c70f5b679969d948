"""Competitions (Tabel 4.7–4.8, Gambar 4.4–4.5): the competition an office runs
(*mandiri*) or that a province / the ministry runs and kab/kota take part in (*ikut
serta*), its categories with weighted criteria, and the entries KIM register.

A competition belongs to the office that organises it: `organiser` is that office's
region (None: the ministry) and `level` says which tier runs it, so a province or a
national competition is the same model. Staff scope is the organiser's region; a KIM
sees a competition through its own entries (open competitions it may enter are read by
`selectors_competitions.competitions_open_for_kim`). Nothing is hard-deleted: results
and reports cite these rows.
"""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kimportal.core.scoping import ScopeSpec
from kimportal.core.uploads import private_storage

from ..choices_competitions import (
    CategoryKind,
    CompetitionLevel,
    CompetitionStatus,
    EntryStatus,
    Round,
    TieBreak,
)
from .common import NO_HARD_DELETE


@pghistory.track()
class Competition(models.Model):
    """One competition with its plan (schedule, budget, mechanism, rules, timeline) and
    the judging settings chosen at setup.

    `timeline` is [{"date": "YYYY-MM-DD", "activity": "..."}]."""

    title = models.CharField(_("nama lomba"), max_length=200)
    level = models.CharField(
        _("tingkat"),
        max_length=10,
        choices=CompetitionLevel,
        default=CompetitionLevel.REGENCY,
    )
    organiser = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wilayah penyelenggara"),
    )
    office_name = models.CharField(_("kantor penyelenggara"), max_length=200)
    theme = models.CharField(_("tema"), max_length=250, blank=True)
    mechanism = models.TextField(_("mekanisme"), blank=True)
    rules_text = models.TextField(_("ketentuan lomba"), blank=True)
    budget_line = models.CharField(_("mata anggaran"), max_length=200, blank=True)
    budget_amount = models.DecimalField(
        _("pagu anggaran (Rp)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
    )
    registration_opens_on = models.DateField(_("pendaftaran dibuka"))
    registration_closes_on = models.DateField(_("pendaftaran ditutup"))
    announce_on = models.DateField(_("tanggal pengumuman"))
    timeline = models.JSONField(_("linimasa"), default=list, blank=True)
    # When the rules make the works the regional government's property, an entry is
    # accepted only with the KIM's consent.
    works_become_property = models.BooleanField(
        _("karya menjadi milik pemerintah daerah"), default=False
    )
    blind_judging = models.BooleanField(_("penjurian tanpa nama KIM"), default=False)
    scores_visible_after_submit = models.BooleanField(
        _("juri melihat nilai juri lain setelah mengirim nilainya"), default=False
    )
    normalise_scores = models.BooleanField(
        _("normalisasi nilai per juri (z-score)"), default=False
    )
    tie_break = models.CharField(
        _("aturan nilai sama"),
        max_length=16,
        choices=TieBreak,
        default=TieBreak.FIRST_CRITERION,
    )
    # Rounds: with a shortlist, the best `final_size` of each category move to the
    # final (by the rules, or by the organiser's hand).
    has_shortlist = models.BooleanField(_("ada seleksi awal"), default=False)
    final_size = models.PositiveSmallIntegerField(
        _("jumlah finalis per kategori"), null=True, blank=True
    )
    current_round = models.CharField(
        _("babak"), max_length=10, choices=Round, default=Round.FINAL
    )
    # How the last computation went (normalisation used or not, and why), and how the
    # finalists were chosen (by the rules, or by the organiser with a reason).
    results_note = models.TextField(_("catatan perhitungan"), blank=True)
    round_note = models.TextField(_("catatan penetapan finalis"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CompetitionStatus,
        default=CompetitionStatus.PLANNED,
    )
    published_at = models.DateTimeField(null=True, blank=True)
    results_published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    SCOPE = ScopeSpec(region="organiser__code", kim="entries__kim_id")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("lomba")
        verbose_name_plural = _("lomba")
        ordering = ["-registration_opens_on", "-id"]
        indexes = [
            models.Index(
                fields=["organiser", "-registration_opens_on"],
                name="competition_org_opens",
            ),
            models.Index(fields=["level", "status"], name="competition_level_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    registration_closes_on__gte=models.F("registration_opens_on")
                ),
                name="competition_closes_after_opens",
            ),
            models.CheckConstraint(
                condition=Q(level=CompetitionLevel.NATIONAL)
                | Q(organiser__isnull=False),
                name="competition_regional_has_organiser",
            ),
        ]

    def __str__(self) -> str:
        return self.title


@pghistory.track()
class Category(models.Model):
    """A category of works (video/ILM, news writing, ...) with its own criteria."""

    competition = models.ForeignKey(
        Competition, on_delete=models.PROTECT, related_name="categories"
    )
    kind = models.CharField(_("jenis karya"), max_length=10, choices=CategoryKind)
    name = models.CharField(_("nama kategori"), max_length=120)
    description = models.TextField(_("keterangan"), blank=True)

    SCOPE = ScopeSpec(region="competition__organiser__code")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("kategori lomba")
        verbose_name_plural = _("kategori lomba")
        ordering = ["competition", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "name"], name="category_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class Criterion(models.Model):
    """A judging criterion of a category: its weight, whether a juror must score it, and
    whether a score needs a comment."""

    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="criteria"
    )
    name = models.CharField(_("kriteria"), max_length=150)
    weight = models.DecimalField(_("bobot"), max_digits=5, decimal_places=2)
    required = models.BooleanField(_("wajib dinilai"), default=True)
    comment_required = models.BooleanField(_("wajib komentar"), default=False)
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)

    SCOPE = ScopeSpec(region="category__competition__organiser__code")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("kriteria")
        verbose_name_plural = _("kriteria")
        ordering = ["category", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gt=0), name="criterion_weight_positive"
            ),
            models.UniqueConstraint(
                fields=["category", "name"], name="criterion_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


def entry_file_path(instance, filename: str) -> str:
    # The service names the file (kimportal.core.uploads.server_file_name).
    return filename


@pghistory.track()
class Entry(models.Model):
    """A work a KIM registers: as a link or a file, with its team and, when the rules
    make works the government's property, the KIM's consent.

    `team` is [{"name": "...", "role": "..."}]."""

    competition = models.ForeignKey(
        Competition, on_delete=models.PROTECT, related_name="entries"
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="entries"
    )
    kim = models.ForeignKey("registry.Kim", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("judul karya"), max_length=200)
    description = models.TextField(_("deskripsi"), blank=True)
    link = models.URLField(_("tautan karya"), max_length=500, blank=True)
    file = models.FileField(
        _("berkas karya"),
        upload_to=entry_file_path,
        storage=private_storage,
        max_length=200,
        blank=True,
    )
    team = models.JSONField(_("tim"), default=list, blank=True)
    consent_property = models.BooleanField(
        _("setuju karya menjadi milik pemerintah daerah"), default=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EntryStatus, default=EntryStatus.SUBMITTED
    )
    eligibility_note = models.TextField(_("catatan pemeriksaan"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    # The round the entry has reached (final: a finalist, or no shortlist at all).
    round = models.CharField(
        _("babak"), max_length=10, choices=Round, default=Round.SHORTLIST
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    SCOPE = ScopeSpec(region="competition__organiser__code", kim="kim_id")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("karya lomba")
        verbose_name_plural = _("karya lomba")
        ordering = ["competition", "submitted_at", "id"]
        indexes = [
            models.Index(fields=["competition", "status"], name="entry_comp_status"),
            models.Index(fields=["kim", "-submitted_at"], name="entry_kim_submitted"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(link="") | ~Q(file=""), name="entry_has_work"
            ),
        ]

    def __str__(self) -> str:
        return self.title

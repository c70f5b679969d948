"""Every spreadsheet import is kept: who, when, which kind, the private file, its state,
counts, every error with row and column, and the records it made."""

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from kimportal.core.scoping import ScopeSpec
from kimportal.core.uploads import private_storage


class ImportState(models.TextChoices):
    QUEUED = "queued", _("Menunggu diperiksa")
    CHECKING = "checking", _("Sedang diperiksa")
    INVALID = "invalid", _("Ada kesalahan")
    READY = "ready", _("Siap disimpan")
    COMMITTING = "committing", _("Sedang disimpan")
    DONE = "done", _("Selesai")
    REFUSED = "refused", _("Berkas ditolak")


@pghistory.track()
class ImportJob(models.Model):
    """One uploaded file of one kind, from dry run to commit."""

    kind = models.CharField(_("jenis"), max_length=40)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The uploader's scope when the file came in: who else may read this import.
    region_code = models.CharField(max_length=20, blank=True)
    file = models.FileField(storage=private_storage, max_length=200)
    original_name = models.CharField(_("nama berkas"), max_length=200)
    state = models.CharField(
        max_length=12, choices=ImportState.choices, default=ImportState.QUEUED
    )
    rows_total = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict)
    # [{"row": 12, "column": "Kode desa/kelurahan", "message": "..."}], row as in Excel.
    errors = models.JSONField(default=list)
    created_ids = ArrayField(models.BigIntegerField(), default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    committed_at = models.DateTimeField(null=True, blank=True)

    SCOPE = ScopeSpec(region="region_code")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["region_code"],
                name="importjob_region_idx",
                opclasses=["varchar_pattern_ops"],
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("imports:detail", args=[self.pk])

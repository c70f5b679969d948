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


class ExportState(models.TextChoices):
    QUEUED = "queued", _("Menunggu")
    RUNNING = "running", _("Sedang dibuat")
    DONE = "done", _("Siap diunduh")
    FAILED = "failed", _("Gagal")
    EXPIRED = "expired", _("Kedaluwarsa")


@pghistory.track()
class ExportJob(models.Model):
    """A list too big to stream in one request, written to a private file by a worker
    (see `exportjobs.py`). The worker reads the list again as `created_by` with the
    filters kept here, so the file holds exactly what that user may see; only that
    user may open the job and download the file, until `expires_at`."""

    kind = models.CharField(_("daftar"), max_length=40)
    fmt = models.CharField(_("format"), max_length=4)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    region_code = models.CharField(max_length=20, blank=True)
    # The list page's query string (filters), as request.GET lists: {"q": ["x"]}.
    filters = models.JSONField(default=dict)
    state = models.CharField(
        max_length=8, choices=ExportState.choices, default=ExportState.QUEUED
    )
    rows_total = models.PositiveIntegerField(default=0)
    file = models.FileField(storage=private_storage, max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    SCOPE = ScopeSpec(region="region_code")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["created_by", "-created_at"], name="exportjob_user_idx"
            ),
            models.Index(
                fields=["expires_at"],
                name="exportjob_expiry_idx",
                condition=models.Q(state="done"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}.{self.fmt} #{self.pk}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("imports:export-detail", args=[self.pk])

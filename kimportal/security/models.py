"""The security log: who logged in, failed, was locked out, exported, downloaded, or
was refused (ASVS 5.0 V16). Rows are appended, never changed; they are kept two years
and then removed by `security.tasks.prune_security_events`, the only deletion allowed."""

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kimportal.core.scoping import ScopeSpec


class SecurityEventKind(models.TextChoices):
    LOGIN_SUCCEEDED = "login_succeeded", _("Berhasil masuk")
    LOGIN_FAILED = "login_failed", _("Gagal masuk")
    LOCKOUT = "lockout", _("Akun dikunci sementara")
    MFA_ENROLLED = "mfa_enrolled", _("Verifikasi dua langkah didaftarkan")
    MFA_FAILED = "mfa_failed", _("Kode verifikasi salah")
    TOKEN_ISSUED = "token_issued", _("Token API dibuat")
    TOKEN_REVOKED = "token_revoked", _("Token API dicabut")
    EXPORT = "export", _("Ekspor data")
    DOWNLOAD = "download", _("Unduh dokumen privat")
    DENIED = "denied", _("Akses ditolak (403)")
    NOT_FOUND = "not_found", _("Objek tidak ditemukan / di luar wilayah (404)")
    ACCOUNT_INVITED = "account_invited", _("Akun rekan diundang")
    ACCOUNT_DEACTIVATED = "account_deactivated", _("Akun dinonaktifkan")
    SITE_ADMIN_CHANGED = "site_admin_changed", _("Admin situs kantor diubah")


# The log is append-only: an UPDATE is refused always, a DELETE unless the retention
# task switches this trigger off for its own statement (`pgtrigger.ignore`).
APPEND_ONLY = [
    pgtrigger.Protect(name="protect_updates", operation=pgtrigger.Update),
    pgtrigger.Protect(name="protect_deletes", operation=pgtrigger.Delete),
]


class SecurityEvent(models.Model):
    """One security-relevant event. `user`, `office` are plain references without a
    database constraint: the row may be written on a second connection while the
    caller's transaction holds a lock on that user (a foreign-key check would then wait
    on our own request), and the log must never fail to be written."""

    kind = models.CharField(
        _("jenis"), max_length=20, choices=SecurityEventKind.choices
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pengguna"),
    )
    # The username as typed (a failed login names no account).
    username = models.CharField(_("nama pengguna"), max_length=150, blank=True)
    office = models.ForeignKey(
        "accounts.Office",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kantor"),
    )
    region_code = models.CharField(_("kode wilayah"), max_length=13, blank=True)
    client_address = models.GenericIPAddressField(
        _("alamat klien"), null=True, blank=True
    )
    method = models.CharField(_("metode"), max_length=8, blank=True)
    path = models.CharField(_("alamat halaman"), max_length=500, blank=True)
    detail = models.JSONField(_("rincian"), default=dict, blank=True)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)

    # Scoped by the office's region; the selector narrows officers to their own office.
    SCOPE = ScopeSpec(region="region_code")

    class Meta:
        verbose_name = _("kejadian keamanan")
        verbose_name_plural = _("log keamanan")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["kind", "-created_at"], name="secevent_kind_time_idx"),
            models.Index(fields=["user", "-created_at"], name="secevent_user_time_idx"),
            models.Index(
                fields=["office", "-created_at"], name="secevent_office_time_idx"
            ),
            models.Index(
                fields=["region_code"],
                name="secevent_region_idx",
                opclasses=["varchar_pattern_ops"],
            ),
        ]
        triggers = APPEND_ONLY

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.username or '-'} · {self.created_at}"

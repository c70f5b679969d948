"""Models of the portal's shared parts."""

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kimportal.core.scoping import ScopeSpec


class OutboxState(models.TextChoices):
    PENDING = "pending", _("Menunggu dikirim")
    SENT = "sent", _("Terkirim")
    FAILED = "failed", _("Gagal")


@pghistory.track(exclude=["last_error"])
class OutboxMessage(models.Model):
    """An email the portal decided to send, written in the same transaction as the
    decision (a transactional outbox): if the decision rolls back, so does the message;
    if the broker is down at commit, the row waits for `dispatch_outbox`."""

    kind = models.CharField(_("jenis"), max_length=80)
    recipients = ArrayField(
        models.EmailField(), verbose_name=_("penerima"), default=list, blank=True
    )
    context = models.JSONField(_("data"), default=dict, blank=True)
    state = models.CharField(
        _("status"),
        max_length=8,
        choices=OutboxState.choices,
        default=OutboxState.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    next_attempt_at = models.DateTimeField(
        _("percobaan berikutnya"), default=timezone.now
    )
    last_error = models.TextField(_("galat terakhir"), blank=True)
    idempotency_key = models.CharField(
        _("kunci idempoten"), max_length=200, null=True, blank=True, unique=True
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    sent_at = models.DateTimeField(_("dikirim pada"), null=True, blank=True)

    # Messages carry personal data of every region: only the ministry reads them.
    SCOPE = ScopeSpec()

    class Meta:
        verbose_name = _("pesan keluar")
        verbose_name_plural = _("pesan keluar")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(state="pending"),
                name="outbox_pending_due_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="sent") | Q(sent_at__isnull=False),
                name="outbox_sent_has_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.state})"

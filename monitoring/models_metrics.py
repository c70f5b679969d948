"""Social-media metrics (SPEC §6, Tabel 5.3): credentials, dated snapshots, pull runs.

Numbers arrive as one snapshot row per content item (or channel) per day: a second pull on
the same day updates that row (unique constraint + INSERT … ON CONFLICT DO UPDATE), so
pulls are idempotent and safe to run twice at once. Secrets are stored encrypted and are
excluded from history, `repr` and every API.
"""

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kimportal.core.scoping import ScopeSpec
from kimportal.core.uploads import private_storage

NO_HARD_DELETE_METRICS = pgtrigger.Protect(
    name="protect_deletes", operation=pgtrigger.Delete
)
KIM_SCOPE_METRICS = ScopeSpec(region="kim__village__code", kim="kim_id")


class MetricSource(models.TextChoices):
    API = "api", _("Otomatis (API)")
    MANUAL = "manual", _("Manual")
    DEMO = "demo", _("Data demo")


class CredentialKind(models.TextChoices):
    API_KEY = "api_key", _("Kunci API")
    APP_TOKEN = "app_token", _("Token aplikasi")
    BEARER = "bearer", _("Bearer token")


class ConnectionStatus(models.TextChoices):
    CONNECTED = "connected", _("Terhubung")
    DEAD = "dead", _("Perlu dihubungkan ulang")


# Secrets never enter the history tables: only these fields are tracked.
@pghistory.track(
    fields=["platform", "office", "kind", "label", "active", "dead_at", "last_error"],
    model_name="MetricCredentialEvent",
)
class MetricCredential(models.Model):
    """An API key or app token of an office (or, with no office, the national one)."""

    platform = models.CharField(_("platform"), max_length=10)
    office = models.ForeignKey(
        "accounts.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kantor (kosong = nasional)"),
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=CredentialKind.choices)
    label = models.CharField(_("nama"), max_length=120, blank=True)
    secret_encrypted = models.BinaryField(editable=False)
    active = models.BooleanField(_("aktif"), default=True)
    dead_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    SCOPE = ScopeSpec(region="office__region__code")

    class Meta:
        triggers = [NO_HARD_DELETE_METRICS]
        verbose_name = _("kredensial metrik")
        verbose_name_plural = _("kredensial metrik")
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "office"],
                condition=Q(active=True),
                name="metriccredential_one_active_per_office",
            ),
            models.UniqueConstraint(
                fields=["platform"],
                condition=Q(active=True, office__isnull=True),
                name="metriccredential_one_active_national",
            ),
        ]

    def __repr__(self) -> str:
        return f"<MetricCredential {self.pk} {self.platform} office={self.office_id}>"

    def __str__(self) -> str:
        return self.label or f"{self.platform} #{self.pk}"


@pghistory.track(
    fields=["channel", "platform", "status", "external_id", "dead_at", "last_error"],
    model_name="ChannelConnectionEvent",
)
class ChannelConnection(models.Model):
    """A KIM's OAuth grant for one of its channels (Facebook Page, TikTok account)."""

    channel = models.OneToOneField(
        "registry.KimChannel", on_delete=models.PROTECT, related_name="connection"
    )
    kim = models.ForeignKey("registry.Kim", on_delete=models.PROTECT, related_name="+")
    platform = models.CharField(max_length=10)
    status = models.CharField(
        max_length=10,
        choices=ConnectionStatus.choices,
        default=ConnectionStatus.CONNECTED,
    )
    # The platform's id of what was granted (Facebook Page id, TikTok open_id).
    external_id = models.CharField(max_length=100, blank=True)
    token_encrypted = models.BinaryField(editable=False)
    expires_at = models.DateTimeField(null=True, blank=True)
    refresh_expires_at = models.DateTimeField(null=True, blank=True)
    connected_at = models.DateTimeField(auto_now_add=True)
    dead_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    SCOPE = KIM_SCOPE_METRICS

    class Meta:
        triggers = [NO_HARD_DELETE_METRICS]

    def __repr__(self) -> str:
        return f"<ChannelConnection {self.pk} {self.platform} {self.status}>"

    def __str__(self) -> str:
        return f"{self.platform} {self.channel_id} ({self.status})"


# Snapshot rows change on every pull of the day; only their creation is recorded.
@pghistory.track(pghistory.InsertEvent())
class ContentSnapshot(models.Model):
    """The numbers of one content item on one day (Jakarta)."""

    content_item = models.ForeignKey(
        "monitoring.ContentItem", on_delete=models.PROTECT, related_name="snapshots"
    )
    kim = models.ForeignKey("registry.Kim", on_delete=models.PROTECT, related_name="+")
    platform = models.CharField(max_length=10)
    day = models.DateField()
    views = models.BigIntegerField(null=True, blank=True)
    likes = models.BigIntegerField(null=True, blank=True)
    comments = models.BigIntegerField(null=True, blank=True)
    shares = models.BigIntegerField(null=True, blank=True)
    source = models.CharField(
        max_length=6, choices=MetricSource.choices, default=MetricSource.API
    )
    screenshot = models.FileField(storage=private_storage, max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    pulled_at = models.DateTimeField()

    SCOPE = KIM_SCOPE_METRICS

    class Meta:
        triggers = [NO_HARD_DELETE_METRICS]
        ordering = ["content_item", "day"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_item", "day"], name="contentsnapshot_one_per_day"
            )
        ]
        indexes = [
            models.Index(fields=["kim", "day"], name="contentsnapshot_kim_day_idx"),
            models.Index(fields=["platform", "day"], name="contentsnapshot_plat_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.content_item_id} {self.day}"


@pghistory.track(pghistory.InsertEvent())
class ChannelSnapshot(models.Model):
    """Followers (and totals) of one KIM channel on one day."""

    channel = models.ForeignKey(
        "registry.KimChannel", on_delete=models.PROTECT, related_name="snapshots"
    )
    kim = models.ForeignKey("registry.Kim", on_delete=models.PROTECT, related_name="+")
    platform = models.CharField(max_length=12)
    day = models.DateField()
    followers = models.BigIntegerField(null=True, blank=True)
    views = models.BigIntegerField(null=True, blank=True)
    posts = models.BigIntegerField(null=True, blank=True)
    source = models.CharField(
        max_length=6, choices=MetricSource.choices, default=MetricSource.API
    )
    screenshot = models.FileField(storage=private_storage, max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    pulled_at = models.DateTimeField()

    SCOPE = KIM_SCOPE_METRICS

    class Meta:
        triggers = [NO_HARD_DELETE_METRICS]
        ordering = ["channel", "day"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "day"], name="channelsnapshot_one_per_day"
            )
        ]
        indexes = [
            models.Index(fields=["kim", "day"], name="channelsnapshot_kim_day_idx")
        ]

    def __str__(self) -> str:
        return f"{self.channel_id} {self.day}"


@pghistory.track(pghistory.InsertEvent())
class MetricsStatus(models.Model):
    """Where pulling stands for one content item or channel: when it last succeeded and
    the last refusal (a 4xx other than 429 is recorded here and not retried)."""

    content_item = models.OneToOneField(
        "monitoring.ContentItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="metrics_status",
    )
    channel = models.OneToOneField(
        "registry.KimChannel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="metrics_status",
    )
    kim = models.ForeignKey("registry.Kim", on_delete=models.PROTECT, related_name="+")
    last_ok_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    # The platform says the item is gone or not readable (404/403): not asked again.
    unreadable = models.BooleanField(default=False)

    SCOPE = KIM_SCOPE_METRICS

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(content_item__isnull=True) ^ Q(channel__isnull=True),
                name="metricsstatus_exactly_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_item_id or self.channel_id}: {self.last_error or 'ok'}"


@pghistory.track()
class PullRun(models.Model):
    """What the pulls of one provider did on one day (runs of the day add up)."""

    platform = models.CharField(max_length=10)
    day = models.DateField()
    runs = models.PositiveIntegerField(default=0)
    tried = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    quota_used = models.PositiveIntegerField(default=0)
    calls = models.PositiveIntegerField(default=0)
    stopped_for_quota = models.BooleanField(default=False)
    errors = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    # Site admins (the ministry) only: no region or KIM path.
    SCOPE = ScopeSpec()

    class Meta:
        triggers = [NO_HARD_DELETE_METRICS]
        ordering = ["-day", "platform"]
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "day"], name="pullrun_one_per_platform_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.platform} {self.day}"

"""What is disseminated and what came of it (SPEC §5–§6, guideline §IV.B, §IV.D, §V).

Information material goes from the ministry, a province or a kab/kota to the KIM it
targets (one delivery row per KIM); the KIM reports what it did with it (Tabel 5.2), the
kab/kota validates, and only validated, current reports count. Nothing that counts is
hard-deleted: a correction after the month lock is a new version that supersedes the old
one, and every change is tracked by pghistory triggers.
"""

import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kimportal.core.scoping import ScopeSpec
from kimportal.core.uploads import private_storage

from .choices import (
    ActionKind,
    CheckStatus,
    ContentPlatform,
    IssuerLevel,
    MaterialFormat,
    MaterialState,
    Medium,
    ReportFormat,
    ReportState,
)

# Records that count (material, deliveries, reports, evidence) refuse DELETE in the
# database itself.
NO_HARD_DELETE = pgtrigger.Protect(name="protect_deletes", operation=pgtrigger.Delete)

# Rows that belong to one KIM are scoped through its desa code (a prefix test).
KIM_SCOPE = ScopeSpec(region="kim__village__code", kim="kim_id")


def _array(base, verbose_name):
    return ArrayField(base, verbose_name=verbose_name, default=list, blank=True)


@pghistory.track()
class Material(models.Model):
    """Bahan informasi issued by an office to the KIM in its scope; the ministry's is
    the *narasi tunggal*. The target narrows the issuer's scope: region prefixes, KIM
    types and fields of activity (each empty = all)."""

    issuer_office = models.ForeignKey(
        "accounts.Office",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("penerbit"),
    )
    level = models.CharField(_("tingkat"), max_length=10, choices=IssuerLevel.choices)
    # The issuer's region (None for the ministry): the scope of the material for staff.
    issuer_region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_narasi_tunggal = models.BooleanField(_("narasi tunggal"), default=False)
    title = models.CharField(_("judul"), max_length=200)
    message = models.TextField(_("pesan/narasi"))
    theme = models.CharField(_("tema"), max_length=120, blank=True)
    format = models.CharField(
        _("format"), max_length=12, choices=MaterialFormat.choices
    )
    # The material's own address: the only place its tracked links redirect to.
    url = models.URLField(_("tautan utama"), max_length=500, blank=True)
    links = _array(models.URLField(max_length=500), _("tautan lain"))
    period_start = models.DateField(_("berlaku mulai"))
    period_end = models.DateField(_("berlaku sampai"))
    target_region_codes = _array(
        models.CharField(max_length=13), _("sasaran wilayah (kode)")
    )
    target_kim_types = _array(models.CharField(max_length=1), _("sasaran tipe KIM"))
    target_fields = _array(models.CharField(max_length=24), _("sasaran bidang"))
    state = models.CharField(
        _("status"),
        max_length=10,
        choices=MaterialState.choices,
        default=MaterialState.DRAFT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    SCOPE = ScopeSpec(region="issuer_region__code")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("bahan informasi")
        verbose_name_plural = _("bahan informasi")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(
                fields=["issuer_region"],
                name="material_region_prefix_idx",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(fields=["state", "-published_at"], name="material_state_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="material_period_valid",
            ),
            models.CheckConstraint(
                condition=Q(is_narasi_tunggal=False) | Q(level="ministry"),
                name="material_narasi_tunggal_ministry",
            ),
        ]

    def __str__(self) -> str:
        return self.title


@pghistory.track()
class MaterialFile(models.Model):
    """A file of a material (PDF, JPEG, PNG; checked by content), stored privately and
    downloaded through a view that checks scope."""

    material = models.ForeignKey(
        Material, on_delete=models.PROTECT, related_name="files"
    )
    file = models.FileField(_("berkas"), storage=private_storage, max_length=200)
    content_type = models.CharField(max_length=40)
    original_name = models.CharField(_("nama berkas"), max_length=200)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    SCOPE = ScopeSpec(region="material__issuer_region__code")

    class Meta:
        triggers = [NO_HARD_DELETE]
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


@pghistory.track()
class MaterialDelivery(models.Model):
    """A material delivered to one KIM, and how far the KIM took it."""

    material = models.ForeignKey(
        Material, on_delete=models.PROTECT, related_name="deliveries"
    )
    kim = models.ForeignKey(
        "registry.Kim", on_delete=models.PROTECT, related_name="material_deliveries"
    )
    delivered_at = models.DateTimeField()
    opened_at = models.DateTimeField(null=True, blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)

    SCOPE = KIM_SCOPE

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("penerimaan bahan")
        verbose_name_plural = _("penerimaan bahan")
        ordering = ["-delivered_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["material", "kim"], name="delivery_one_per_material_kim"
            )
        ]
        indexes = [
            models.Index(fields=["kim", "-delivered_at"], name="delivery_kim_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.material} → {self.kim}"


@pghistory.track()
class TrackedLink(models.Model):
    """A short link `/l/<code>` of one delivery for one medium. It redirects only to
    the material's own URL; the code is random and unguessable."""

    delivery = models.ForeignKey(
        MaterialDelivery, on_delete=models.PROTECT, related_name="links"
    )
    medium = models.CharField(_("media"), max_length=12, choices=Medium.choices)
    code = models.CharField(max_length=24, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    SCOPE = ScopeSpec(region="delivery__kim__village__code", kim="delivery__kim_id")

    class Meta:
        triggers = [NO_HARD_DELETE]
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "medium"], name="trackedlink_one_per_medium"
            )
        ]

    def __str__(self) -> str:
        return self.code


# A click counter changes on every click; its history would be the counter again, so
# only the creation of a day's row is recorded.
@pghistory.track(pghistory.InsertEvent())
class LinkClickDaily(models.Model):
    """Clicks on one tracked link on one day. Nothing about who clicked is stored;
    material, KIM and medium are copied from the link so counts group without joins."""

    link = models.ForeignKey(
        TrackedLink, on_delete=models.PROTECT, related_name="daily_clicks"
    )
    material = models.ForeignKey(Material, on_delete=models.PROTECT, related_name="+")
    kim = models.ForeignKey("registry.Kim", on_delete=models.PROTECT, related_name="+")
    medium = models.CharField(max_length=12, choices=Medium.choices)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    SCOPE = KIM_SCOPE

    class Meta:
        triggers = [NO_HARD_DELETE]
        constraints = [
            models.UniqueConstraint(fields=["link", "day"], name="clicks_one_per_day")
        ]
        indexes = [
            models.Index(fields=["material", "day"], name="clicks_material_day_idx"),
            models.Index(fields=["kim", "day"], name="clicks_kim_day_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.link_id} {self.day}: {self.count}"


@pghistory.track()
class ContentItem(models.Model):
    """One post on a platform (or one web page), however many times it is reported."""

    platform = models.CharField(
        _("platform"), max_length=10, choices=ContentPlatform.choices
    )
    # The platform's own id (video id, shortcode, post id), or the normalised URL of a
    # web page.
    platform_id = models.CharField(max_length=500)
    url = models.URLField(_("tautan"), max_length=1000)
    kim = models.ForeignKey(
        "registry.Kim",
        on_delete=models.PROTECT,
        related_name="content_items",
        verbose_name=_("KIM yang pertama melaporkan"),
    )
    first_seen_at = models.DateTimeField(auto_now_add=True)

    SCOPE = KIM_SCOPE

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("konten")
        verbose_name_plural = _("konten")
        ordering = ["-first_seen_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "platform_id"], name="content_unique_platform_id"
            )
        ]
        indexes = [models.Index(fields=["kim", "platform"], name="content_kim_idx")]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} {self.platform_id}"


@pghistory.track()
class DisseminationReport(models.Model):
    """A report of a dissemination activity (Tabel 5.2), filed by the KIM or by its
    kab/kota on its behalf. draft → submitted → validated, or returned (with a reason)
    → submitted again. A correction after the month lock is a new version pointing at
    the report it `supersedes`; when it is validated the old one stops counting."""

    kim = models.ForeignKey(
        "registry.Kim", on_delete=models.PROTECT, related_name="dissemination_reports"
    )
    # The KIM's desa code, copied at creation so that the validation queue filters by
    # region prefix on this table's own index (no join at millions of rows). A KIM that
    # moves to another kab/kota is registered anew there, so the prefix stays true.
    village = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+"
    )
    material = models.ForeignKey(
        Material,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("bahan informasi"),
    )
    action_kind = models.CharField(
        _("aksi diseminasi"), max_length=16, choices=ActionKind.choices
    )
    format = models.CharField(_("format"), max_length=12, choices=ReportFormat.choices)
    medium = models.CharField(_("media"), max_length=12, choices=Medium.choices)
    activity = models.CharField(_("uraian kegiatan"), max_length=300, blank=True)
    activity_count = models.PositiveIntegerField(
        _("jumlah kegiatan"), default=1, validators=[MinValueValidator(1)]
    )
    activity_date = models.DateField(_("tanggal kegiatan"))
    # The first day of the activity's month: the month it counts in and is locked with.
    month = models.DateField()
    photo = models.FileField(
        _("foto/tangkapan layar"), storage=private_storage, max_length=200, blank=True
    )
    photo_content_type = models.CharField(max_length=40, blank=True)
    # The capacity-building event this content follows up (collaboration's event id;
    # an id, not a key, because monitoring may not name collaboration's models).
    event_ref = models.PositiveBigIntegerField(
        _("kegiatan terkait"), null=True, blank=True
    )

    state = models.CharField(
        _("status"),
        max_length=10,
        choices=ReportState.choices,
        default=ReportState.DRAFT,
    )
    return_reason = models.TextField(_("alasan dikembalikan"), blank=True)
    version = models.PositiveSmallIntegerField(default=1)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )
    # Set when a validated correction takes this report's place in the counts.
    superseded_at = models.DateTimeField(null=True, blank=True)
    idempotency_key = models.CharField(max_length=100, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    validated_at = models.DateTimeField(null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    returned_at = models.DateTimeField(null=True, blank=True)

    SCOPE = ScopeSpec(region="village__code", kim="kim_id")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("laporan diseminasi")
        verbose_name_plural = _("laporan diseminasi")
        ordering = ["-activity_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["created_by", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="report_idempotency_per_creator",
            ),
            models.CheckConstraint(
                condition=Q(activity_count__gte=1), name="report_activity_count_min"
            ),
            models.CheckConstraint(
                condition=~Q(state="returned") | ~Q(return_reason=""),
                name="report_returned_has_reason",
            ),
        ]
        indexes = [
            # The queue: state, then the region prefix (LIKE '35.07%').
            models.Index(
                fields=["state", "village"],
                name="report_state_region_idx",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
            ),
            models.Index(
                fields=["village"],
                name="report_region_prefix_idx",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(fields=["kim", "month"], name="report_kim_month_idx"),
            models.Index(fields=["month", "state"], name="report_month_state_idx"),
            # The queue filtered by month: state, month, then the region prefix (the
            # planner otherwise ANDs two bitmaps, one of them the whole kab/kota).
            models.Index(
                fields=["state", "month", "village"],
                name="report_queue_month_idx",
                opclasses=["varchar_pattern_ops", "date_ops", "varchar_pattern_ops"],
            ),
            models.Index(fields=["material", "state"], name="report_material_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kim} — {self.activity_date:%Y-%m-%d}"

    @property
    def counts(self) -> bool:
        """Whether this report counts anywhere: validated and not superseded."""
        return self.state == ReportState.VALIDATED and self.superseded_at is None


# The condition that makes a report count, for querysets.
COUNTED = Q(state=ReportState.VALIDATED, superseded_at__isnull=True)


@pghistory.track()
class EvidenceLink(models.Model):
    """A link a report gives as evidence, parsed into a content item and checked in the
    background through the core's guarded HTTP client."""

    report = models.ForeignKey(
        DisseminationReport, on_delete=models.PROTECT, related_name="evidence"
    )
    url = models.URLField(_("tautan bukti"), max_length=1000)
    normalized_url = models.URLField(max_length=1000)
    content_item = models.ForeignKey(
        ContentItem, on_delete=models.PROTECT, related_name="evidence_links"
    )
    check_status = models.CharField(
        _("pemeriksaan tautan"),
        max_length=12,
        choices=CheckStatus.choices,
        default=CheckStatus.PENDING,
    )
    checked_at = models.DateTimeField(null=True, blank=True)

    SCOPE = ScopeSpec(region="report__village__code", kim="report__kim_id")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("tautan bukti")
        verbose_name_plural = _("tautan bukti")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "normalized_url"], name="evidence_unique_per_report"
            )
        ]
        indexes = [
            models.Index(
                fields=["check_status"],
                condition=Q(check_status="pending"),
                name="evidence_pending_idx",
            )
        ]

    def __str__(self) -> str:
        return self.url


# Effectiveness (rollups and the outcome survey) has a module of its own; importing it
# here registers its models with the app.
from .models_effectiveness import (  # noqa: E402, F401
    ActiveKimRollup,
    KimMonthRollup,
    ProvinceMonthRollup,
    RegionMonthRollup,
    SurveyResponse,
)
from .models_metrics import *  # noqa: E402,F401,F403  (social-media metrics, issue 10)

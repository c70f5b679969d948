"""The KIM registry (SPEC §3, guideline §II.B and Tabel 3.1).

Nothing here is hard-deleted: a KIM, its documents, verifications, partnerships and review
decisions stay, and every change is tracked by pghistory triggers.
"""

import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from kimportal.core.scoping import ScopeSpec
from kimportal.core.uploads import private_storage

from .choices import (
    ChangeRequestStatus,
    ContentType,
    DocumentKind,
    FrequencyUnit,
    GovernmentAffair,
    InactiveReason,
    KimStatus,
    KimType,
    MediaType,
    PartnershipStatus,
    Platform,
    Qualification,
    Requirement,
    ReviewGround,
    ReviewOpener,
    ReviewStatus,
    SocialGroup,
)

# Records the guideline says must never vanish refuse DELETE in the database itself.
NO_HARD_DELETE = pgtrigger.Protect(name="protect_deletes", operation=pgtrigger.Delete)


def _choices_array(base, verbose_name, **kwargs):
    return ArrayField(
        base, verbose_name=verbose_name, default=list, blank=True, **kwargs
    )


@pghistory.track()
class Kim(models.Model):
    """A Komunitas Informasi Masyarakat, seated in one desa/kelurahan."""

    name = models.CharField(_("nama KIM"), max_length=200)
    kim_type = models.CharField(_("tipe"), max_length=1, choices=KimType.choices)
    nik = models.CharField(
        _("NIK (Nomor Induk Komunitas)"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=KimStatus.choices, default=KimStatus.DRAFT
    )
    inactive_reason = models.CharField(
        _("alasan tidak aktif"),
        max_length=12,
        choices=InactiveReason.choices,
        blank=True,
    )

    chair_name = models.CharField(_("ketua/narahubung"), max_length=120, blank=True)
    street = models.CharField(_("jalan"), max_length=200, blank=True)
    rt = models.CharField(_("RT"), max_length=3, blank=True)
    rw = models.CharField(_("RW"), max_length=3, blank=True)
    house_number = models.CharField(_("nomor"), max_length=20, blank=True)
    # The desa/kelurahan code: kecamatan, kab/kota and province are its prefixes.
    village = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="kims",
        verbose_name=_("desa/kelurahan"),
    )
    phone = models.CharField(_("telepon kantor"), max_length=20, blank=True)
    whatsapp = models.CharField(_("nomor WhatsApp"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)

    coverage_villages = models.ManyToManyField(
        "regions.Region",
        related_name="covering_kims",
        blank=True,
        verbose_name=_("wilayah jangkauan"),
    )
    social_groups = _choices_array(
        models.CharField(max_length=20, choices=SocialGroup.choices),
        _("kelompok sosial-ekonomi"),
    )
    media_types = _choices_array(
        models.CharField(max_length=20, choices=MediaType.choices), _("jenis media")
    )
    fields = _choices_array(
        models.CharField(max_length=24, choices=GovernmentAffair.choices),
        _("bidang kegiatan"),
    )
    public_issues = models.TextField(_("isu publik yang ditangani"), blank=True)
    frequency_count = models.PositiveIntegerField(
        _("frekuensi diseminasi"), null=True, blank=True
    )
    frequency_unit = models.CharField(
        _("satuan frekuensi"), max_length=5, choices=FrequencyUnit.choices, blank=True
    )
    content_types = _choices_array(
        models.CharField(max_length=12, choices=ContentType.choices), _("jenis konten")
    )
    power_reach = models.PositiveIntegerField(
        _("kekuatan: jangkauan (pengikut, pelanggan, peserta)"), default=0
    )
    influence_response = models.PositiveIntegerField(
        _("pengaruh: respons positif khalayak (mis. suka)"), default=0
    )

    # A KIM that moved and registered again in its new kab/kota links to its old record.
    previous_record = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_records",
        verbose_name=_("catatan sebelumnya"),
    )
    from_old_list = models.BooleanField(_("dari daftar lama"), default=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)

    SCOPE = ScopeSpec(
        region="village__code", kim="id", agency=Q(status=KimStatus.VERIFIED)
    )

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("KIM")
        verbose_name_plural = _("KIM")
        ordering = ["name", "id"]
        # Prefix searches on `nik` and `village` (LIKE 'x%') use the varchar_pattern_ops
        # indexes Django creates itself for a unique CharField and a foreign key to a
        # CharField key (`*_like`); a second one of each only slowed every write.
        indexes = [
            models.Index(fields=["status", "village"], name="kim_status_village_idx"),
            # Similarity (likely duplicates) uses the name itself; the list's search is
            # case-insensitive (UPPER(name) LIKE), so it needs its own trigram index.
            GinIndex(
                fields=["name"], name="kim_name_trgm_idx", opclasses=["gin_trgm_ops"]
            ),
            GinIndex(
                OpClass(Upper("name"), name="gin_trgm_ops"),
                name="kim_name_upper_trgm_idx",
            ),
            models.Index(fields=["name", "id"], name="kim_name_id_idx"),
            GinIndex(fields=["media_types"], name="kim_media_gin_idx"),
            GinIndex(fields=["fields"], name="kim_fields_gin_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["verified", "inactive"]) | Q(nik__isnull=True),
                name="kim_nik_only_when_verified",
            ),
            models.CheckConstraint(
                condition=~Q(status="verified") | Q(nik__isnull=False),
                name="kim_verified_has_nik",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("registry:kim-detail", args=[self.pk])

    @property
    def regency_code(self) -> str:
        return self.village_id[:5]

    @property
    def district_code(self) -> str:
        return self.village_id[:8]

    @property
    def province_code(self) -> str:
        return self.village_id[:2]


# The profile of Tabel 3.1 that staff enter and edit, in the order of the registration
# form: the form, the API input and the services all read this one list. Power and
# influence are not in it: they are read-only, filled from the KIM's latest assessment
# (mapping, through `services.kim_assessment_figures_set`).
KIM_PROFILE_FIELDS = (
    "name",
    "kim_type",
    "chair_name",
    "street",
    "rt",
    "rw",
    "house_number",
    "phone",
    "whatsapp",
    "email",
    "social_groups",
    "media_types",
    "fields",
    "public_issues",
    "frequency_count",
    "frequency_unit",
    "content_types",
)
# Shown with the profile (detail page, API), never set by a form or an API write.
KIM_ASSESSED_FIELDS = ("power_reach", "influence_response")


class KimChildScope:
    """Rows that belong to one KIM are scoped through it."""

    SCOPE = ScopeSpec(region="kim__village__code", kim="kim_id")


@pghistory.track()
class KimChannel(KimChildScope, models.Model):
    """An online channel of a KIM, so that metrics can be pulled for it."""

    kim = models.ForeignKey(Kim, on_delete=models.PROTECT, related_name="channels")
    platform = models.CharField(_("platform"), max_length=12, choices=Platform.choices)
    address = models.CharField(_("URL/akun"), max_length=300)
    followers = models.PositiveIntegerField(_("jumlah pengikut"), default=0)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("kanal daring")
        verbose_name_plural = _("kanal daring")
        ordering = ["platform", "id"]

    def __str__(self) -> str:
        return f"{self.get_platform_display()}: {self.address}"


@pghistory.track()
class KimOfficer(KimChildScope, models.Model):
    """A member of the board (susunan pengurus). Personal data: never shown to agencies."""

    kim = models.ForeignKey(Kim, on_delete=models.PROTECT, related_name="officers")
    name = models.CharField(_("nama"), max_length=120)
    position = models.CharField(_("jabatan"), max_length=80)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("pengurus")
        verbose_name_plural = _("pengurus")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.position})"


@pghistory.track()
class KimDocument(KimChildScope, models.Model):
    """A document of a KIM. A renewed document is a new row; the old one is superseded.
    One that the KIM uploads itself waits in a ChangeRequest and is stored superseded
    from the start, so it never counts as current unless the Dinas approves it."""

    kim = models.ForeignKey(Kim, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(
        _("jenis dokumen"), max_length=20, choices=DocumentKind.choices
    )
    file = models.FileField(_("berkas"), storage=private_storage, max_length=200)
    content_type = models.CharField(max_length=40)
    original_name = models.CharField(_("nama berkas asli"), max_length=200)
    number = models.CharField(_("nomor"), max_length=100, blank=True)
    issued_on = models.DateField(_("tanggal"), null=True, blank=True)
    expires_on = models.DateField(_("berlaku sampai"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("dokumen KIM")
        verbose_name_plural = _("dokumen KIM")
        ordering = ["kind", "-uploaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kim", "kind"],
                condition=Q(superseded_at__isnull=True),
                name="kimdoc_one_current_per_kind",
            )
        ]
        indexes = [
            models.Index(
                fields=["expires_on"],
                condition=Q(kind="village_head_sk", superseded_at__isnull=True),
                name="kimdoc_current_sk_expiry_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.kim}"


class NikSequence(models.Model):
    """The last NIK number issued per kab/kota and year. Incremented by an upsert inside the
    verifying transaction, so concurrent verifications queue on this row and get
    consecutive numbers; a rolled-back verification gives its number back unissued."""

    regency_code = models.CharField(max_length=5)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["regency_code", "year"], name="niksequence_unique_regency_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.regency_code}-{self.year}: {self.last_number}"


@pghistory.track()
class Verification(KimChildScope, models.Model):
    """One verification decision on a submitted KIM, with a checklist item per requirement."""

    kim = models.ForeignKey(Kim, on_delete=models.PROTECT, related_name="verifications")
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    approved = models.BooleanField(_("lolos"))
    nik_issued = models.CharField(max_length=20, blank=True)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("verifikasi")
        verbose_name_plural = _("verifikasi")
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kim} — {self.decided_at:%Y-%m-%d}"


@pghistory.track()
class VerificationItem(models.Model):
    verification = models.ForeignKey(
        Verification, on_delete=models.PROTECT, related_name="items"
    )
    requirement = models.CharField(
        _("syarat"), max_length=24, choices=Requirement.choices
    )
    passed = models.BooleanField(_("terpenuhi"))
    note = models.CharField(_("catatan"), max_length=500, blank=True)

    SCOPE = ScopeSpec(
        region="verification__kim__village__code", kim="verification__kim_id"
    )

    class Meta:
        triggers = [NO_HARD_DELETE]
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["verification", "requirement"], name="verificationitem_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_requirement_display()}: {'ya' if self.passed else 'tidak'}"


@pghistory.track()
class ChangeRequest(KimChildScope, models.Model):
    """A KIM user's change to a legal field (name, desa, SK, officers), waiting for staff."""

    kim = models.ForeignKey(
        Kim, on_delete=models.PROTECT, related_name="change_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    changes = models.JSONField(_("perubahan"))
    document = models.ForeignKey(
        KimDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=10,
        choices=ChangeRequestStatus.choices,
        default=ChangeRequestStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("catatan keputusan"), blank=True)

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("permohonan perubahan")
        verbose_name_plural = _("permohonan perubahan")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.kim} — {self.requested_at:%Y-%m-%d}"


@pghistory.track()
class Partnership(KimChildScope, models.Model):
    """A partnership (kemitraan) of the Dinas with a verified KIM for a period."""

    kim = models.ForeignKey(Kim, on_delete=models.PROTECT, related_name="partnerships")
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("berakhir"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=PartnershipStatus.choices,
        default=PartnershipStatus.ACTIVE,
    )
    qualifications = ArrayField(
        models.CharField(max_length=24, choices=Qualification.choices),
        verbose_name=_("kualifikasi terpenuhi"),
        default=list,
    )
    assessment_note = models.TextField(_("catatan penilaian"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_on = models.DateField(_("tanggal berakhir/diputus"), null=True, blank=True)

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("kemitraan")
        verbose_name_plural = _("kemitraan")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kim"],
                condition=Q(status__in=["active", "under_review"]),
                name="partnership_one_open_per_kim",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="partnership_period_valid",
            ),
        ]
        indexes = [
            models.Index(
                fields=["status", "ends_on"], name="partnership_status_end_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kim} {self.starts_on}–{self.ends_on}"


@pghistory.track()
class ReviewCase(KimChildScope, models.Model):
    """A review (peninjauan) of a KIM on one or more grounds of §II.B.6, ending in
    termination or continuation."""

    kim = models.ForeignKey(Kim, on_delete=models.PROTECT, related_name="review_cases")
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="review_cases",
    )
    grounds = ArrayField(
        models.CharField(max_length=16, choices=ReviewGround.choices),
        verbose_name=_("dasar peninjauan"),
    )
    notes = models.TextField(_("uraian"), blank=True)
    opened_by_level = models.CharField(
        _("dibuka oleh"), max_length=10, choices=ReviewOpener.choices
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ReviewStatus.choices,
        default=ReviewStatus.OPEN,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_date = models.DateField(_("tanggal keputusan"), null=True, blank=True)
    decision_number = models.CharField(
        _("nomor surat keputusan"), max_length=100, blank=True
    )
    decision_letter = models.FileField(
        _("surat keputusan"), storage=private_storage, max_length=200, blank=True
    )
    decision_note = models.TextField(_("catatan keputusan"), blank=True)

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("kasus peninjauan")
        verbose_name_plural = _("kasus peninjauan")
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kim"],
                condition=Q(status="open"),
                name="reviewcase_one_open_per_kim",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kim} — {self.opened_at:%Y-%m-%d}"


@pghistory.track()
class ReviewEvidence(models.Model):
    case = models.ForeignKey(
        ReviewCase, on_delete=models.PROTECT, related_name="evidence"
    )
    file = models.FileField(_("berkas bukti"), storage=private_storage, max_length=200)
    content_type = models.CharField(max_length=40)
    original_name = models.CharField(max_length=200)
    description = models.CharField(_("keterangan"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    SCOPE = ScopeSpec(region="case__kim__village__code")

    class Meta:
        triggers = [NO_HARD_DELETE]
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


@pghistory.track()
class ReviewComment(models.Model):
    case = models.ForeignKey(
        ReviewCase, on_delete=models.PROTECT, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(_("komentar"))
    created_at = models.DateTimeField(auto_now_add=True)

    SCOPE = ScopeSpec(region="case__kim__village__code")

    class Meta:
        triggers = [NO_HARD_DELETE]
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:50]


class MemberRole(models.TextChoices):
    CHAIR = "ketua", _("Ketua")
    MEMBER = "anggota", _("Anggota")


@pghistory.track()
class KimMember(KimChildScope, models.Model):
    """A portal account that acts for a KIM (the `kim` role). The registry owns this link
    so the accounts app never names the KIM. A membership ends by `active=False`, never
    by deletion: the audit trail must still say who acted for the KIM."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="kim_memberships",
        verbose_name=_("akun"),
    )
    kim = models.ForeignKey(
        Kim, on_delete=models.PROTECT, related_name="members", verbose_name=_("KIM")
    )
    role = models.CharField(
        _("peran dalam KIM"),
        max_length=10,
        choices=MemberRole.choices,
        default=MemberRole.MEMBER,
    )
    active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("anggota KIM")
        verbose_name_plural = _("anggota KIM")
        triggers = [NO_HARD_DELETE]
        constraints = [
            # An account acts for one KIM at a time.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(active=True),
                name="kimmember_one_active_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.kim}"


# --- KIM counts per kab/kota and status ---------------------------------------------------
# Kept per kab/kota (the first 5 characters of the desa code) rather than per desa: a kab/
# kota officer's scope is exactly one row per status, a province sums a few dozen rows and
# the ministry at most 514 × 5, whatever the number of KIM; per desa the nation would be up
# to ~84,000 × 5 rows, as many as the KIM themselves, and the ministry's sum a scan again.
KIM_COUNT_REGION_LENGTH = 5

# Statement-level triggers with transition tables: one grouped upsert per INSERT/UPDATE/
# DELETE statement, so a bulk load or a raw UPDATE stays exact as well as a service's save,
# in the same transaction. Rows are upserted in (kab/kota, status) order so that two
# transactions touching the same rows lock them in the same order and cannot deadlock.
# An UPDATE that moves no KIM between (kab/kota, status) writes nothing (HAVING ≠ 0).
_KIM_COUNT_UPSERT = """
INSERT INTO registry_kimcount (regency_code, status, total)
SELECT code, status, SUM(n) FROM ({rows}) AS changes
GROUP BY code, status HAVING SUM(n) <> 0 ORDER BY code, status
ON CONFLICT (regency_code, status)
DO UPDATE SET total = registry_kimcount.total + EXCLUDED.total;
RETURN NULL;
"""
_ROWS = "SELECT LEFT(village_id, {length}) AS code, status, {sign}1 AS n FROM {table}"


def _kim_count_rows(*parts: tuple[str, str]) -> str:
    return " UNION ALL ".join(
        _ROWS.format(length=KIM_COUNT_REGION_LENGTH, sign=sign, table=table)
        for sign, table in parts
    )


def _count_triggers(prefix: str, upsert: str, rows, table: str) -> list:
    """The four statement-level triggers that keep the counts table `table` in step
    with registry_kim: `rows` writes the changed KIM as (…, +1/-1) rows of the changed
    statement's transition tables, which `upsert` adds to the counts."""

    def kept(operation, name: str, *changes: tuple[str, str], **referencing):
        return pgtrigger.Trigger(
            name=f"{prefix}_{name}",
            level=pgtrigger.Statement,
            when=pgtrigger.After,
            operation=operation,
            referencing=pgtrigger.Referencing(**referencing),
            func=upsert.format(rows=rows(*changes)),
        )

    return [
        kept(pgtrigger.Insert, "insert", ("", "new_rows"), new="new_rows"),
        kept(
            pgtrigger.Update,
            "update",
            ("-", "old_rows"),
            ("", "new_rows"),
            old="old_rows",
            new="new_rows",
        ),
        kept(pgtrigger.Delete, "delete", ("-", "old_rows"), old="old_rows"),
        pgtrigger.Trigger(
            name=f"{prefix}_truncate",
            level=pgtrigger.Statement,
            when=pgtrigger.After,
            operation=pgtrigger.Truncate,
            func=f"DELETE FROM {table}; RETURN NULL;",
        ),
    ]


KIM_COUNT_TRIGGERS = _count_triggers(
    "kim_counts", _KIM_COUNT_UPSERT, _kim_count_rows, "registry_kimcount"
)
pgtrigger.register(*KIM_COUNT_TRIGGERS)(Kim)


class KimCount(models.Model):
    """How many KIM of one status a kab/kota has. Written only by the triggers above
    (never by a service), read by `kim_status_counts` and the dashboards instead of
    counting the KIM table. Not tracked by pghistory: it is derived from the KIM table,
    whose own history already records every change that moved a count."""

    regency_code = models.CharField(max_length=KIM_COUNT_REGION_LENGTH)
    status = models.CharField(max_length=10, choices=KimStatus.choices)
    total = models.BigIntegerField(default=0)

    SCOPE = ScopeSpec(region="regency_code", agency=Q(status=KimStatus.VERIFIED))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["regency_code", "status"], name="kim_count_region_status"
            )
        ]

    def __str__(self) -> str:
        return f"{self.regency_code} {self.status}: {self.total}"


# --- KIM counts per kab/kota, media type and status ------------------------------------
# The list's status links under a media filter (`?media=social`) are sums of these rows,
# as the unfiltered ones are sums of KimCount: no KIM row is read, so the ministry's page
# does not count the nation's KIM of one medium (perf, issue #6 item 12). A KIM counts
# once under each distinct medium it names. Kept by triggers like KimCount's, upserting
# in (media, kab/kota, status) order for the same reason; they fire after KimCount's
# (triggers fire in name order), so every transaction takes the two tables' locks in the
# same order as well.
_KIM_MEDIA_COUNT_UPSERT = """
INSERT INTO registry_kimmediacount (media, regency_code, status, total)
SELECT media, code, status, SUM(n) FROM ({rows}) AS changes
GROUP BY media, code, status HAVING SUM(n) <> 0 ORDER BY media, code, status
ON CONFLICT (media, regency_code, status)
DO UPDATE SET total = registry_kimmediacount.total + EXCLUDED.total;
RETURN NULL;
"""
_MEDIA_ROWS = (
    "SELECT m.media, LEFT(k.village_id, {length}) AS code, k.status, {sign}1 AS n "
    "FROM {table} AS k CROSS JOIN LATERAL "
    "(SELECT DISTINCT unnest(k.media_types) AS media) AS m"
)


def _kim_media_count_rows(*parts: tuple[str, str]) -> str:
    return " UNION ALL ".join(
        _MEDIA_ROWS.format(length=KIM_COUNT_REGION_LENGTH, sign=sign, table=table)
        for sign, table in parts
    )


KIM_MEDIA_COUNT_TRIGGERS = _count_triggers(
    "kim_media_counts",
    _KIM_MEDIA_COUNT_UPSERT,
    _kim_media_count_rows,
    "registry_kimmediacount",
)
pgtrigger.register(*KIM_MEDIA_COUNT_TRIGGERS)(Kim)


class KimMediaCount(models.Model):
    """How many KIM of one status naming one media type a kab/kota has. Written only by
    the triggers above, read by `kim_status_counts` for a list filtered by media. Not
    tracked by pghistory, like KimCount."""

    media = models.CharField(max_length=20, choices=MediaType.choices)
    regency_code = models.CharField(max_length=KIM_COUNT_REGION_LENGTH)
    status = models.CharField(max_length=10, choices=KimStatus.choices)
    total = models.BigIntegerField(default=0)

    SCOPE = ScopeSpec(region="regency_code", agency=Q(status=KimStatus.VERIFIED))

    class Meta:
        constraints = [
            # Media first: a page reads one medium's rows, within a scope's prefix.
            models.UniqueConstraint(
                fields=["media", "regency_code", "status"],
                name="kim_media_count_media_region_status",
            )
        ]

    def __str__(self) -> str:
        return f"{self.media} {self.regency_code} {self.status}: {self.total}"

import pghistory
import pgtrigger
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from kimportal.core.scoping import ScopeSpec
from kimportal.core.uploads import private_storage


class Role(models.TextChoices):
    MINISTRY = "ministry", _("Kementerian")
    PROVINCE = "province", _("Dinas Kominfo Provinsi")
    REGENCY = "regency", _("Dinas Kominfo Kabupaten/Kota")
    AGENCY = "agency", _("Kementerian/Lembaga")
    KIM = "kim", _("KIM")
    # An external juror of a competition: the scoping rule gives it nothing; it reads
    # only the entries assigned to it (collaboration.selectors_judging).
    JUROR = "juror", _("Juri lomba")


class OfficeKind(models.TextChoices):
    MINISTRY = "ministry", _("Kementerian Kominfo")
    PROVINCE = "province", _("Dinas Kominfo Provinsi")
    REGENCY = "regency", _("Dinas Kominfo Kabupaten/Kota")
    AGENCY = "agency", _("Kementerian/Lembaga")


@pghistory.track()
class Office(models.Model):
    """A government office. Province and kab/kota offices sit in their region, whose code
    is the scope of every officer of that office."""

    kind = models.CharField(_("jenis"), max_length=10, choices=OfficeKind.choices)
    name = models.CharField(_("nama"), max_length=200)
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offices",
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    address = models.TextField(_("alamat"), blank=True)

    SCOPE = ScopeSpec(region="region__code", agency=models.Q())

    class Meta:
        verbose_name = _("kantor")
        verbose_name_plural = _("kantor")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "region"],
                condition=models.Q(kind__in=["province", "regency"]),
                name="office_one_dinas_per_region",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind__in=["province", "regency"])
                | models.Q(region__isnull=False),
                name="office_dinas_has_region",
            ),
        ]

    def __str__(self) -> str:
        return self.name


@pghistory.track(exclude=["last_login", "password", "security_stamp"])
class User(AbstractUser):
    """A portal user: an officer of one office, or a member of one KIM (the registry keeps
    that membership; `kimportal.core.contributions.kim_id_of` asks it)."""

    role = models.CharField(_("peran"), max_length=10, choices=Role.choices, blank=True)
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    nip = models.CharField(_("NIP"), max_length=30, blank=True)
    position = models.CharField(_("jabatan"), max_length=120, blank=True)
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    # Part of every session's auth hash: a new value ends all of the user's sessions at
    # once (password change, deactivation; kimportal.accounts.credentials).
    security_stamp = models.CharField(max_length=32, blank=True, editable=False)
    # The site admin of its office: invites, deactivates and hands over colleagues
    # (kimportal.accounts.teams). An office keeps at least one while it has officers.
    is_site_admin = models.BooleanField(_("admin situs kantor"), default=False)

    # KIM members see no accounts (not even their own through the scoping rule).
    SCOPE = ScopeSpec(region="office__region__code")

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        indexes = [models.Index(fields=["role"], name="user_role_idx")]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_session_auth_hash(self) -> str:
        # Django's hash of the password, salted with the security stamp when there is
        # one (an empty stamp keeps Django's value, so no session ends on upgrade).
        from django.utils.crypto import salted_hmac

        if not self.security_stamp:
            return super().get_session_auth_hash()
        return salted_hmac(
            "kimportal.accounts.User.get_session_auth_hash",
            f"{self.password}:{self.security_stamp}",
            algorithm="sha256",
        ).hexdigest()

    def set_password(self, raw_password) -> None:
        # A new password ends every other session and every API token (ASVS 7.4.3).
        from .credentials import new_security_stamp

        super().set_password(raw_password)
        self.security_stamp = new_security_stamp()

    def save(self, *args, **kwargs):
        from .credentials import before_user_save

        revoke = before_user_save(self)
        if revoke and kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "security_stamp"}
        super().save(*args, **kwargs)
        if revoke:
            from .credentials import tokens_delete_all

            tokens_delete_all(self)

    @property
    def scope_code(self) -> str | None:
        """The Kemendagri code prefix this officer may see; "" for national roles."""
        if self.effective_role in (Role.MINISTRY, Role.AGENCY):
            return ""
        if self.role in (Role.PROVINCE, Role.REGENCY) and self.office_id:
            return self.office.region_id
        return None

    @property
    def effective_role(self) -> str:
        """The role for navigation and dashboards; a superuser without one acts as the
        ministry (the scoping rule gives it the nation too)."""
        return Role.MINISTRY if self.is_superuser and not self.role else self.role

    # The one definition of each role test, from `effective_role` (the predicates in
    # rules.py add "authenticated and active" on top).
    @property
    def is_ministry(self) -> bool:
        return self.effective_role == Role.MINISTRY

    @property
    def is_province(self) -> bool:
        return self.effective_role == Role.PROVINCE

    @property
    def is_regency(self) -> bool:
        return self.effective_role == Role.REGENCY

    @property
    def is_agency(self) -> bool:
        return self.effective_role == Role.AGENCY

    @property
    def is_kim(self) -> bool:
        return self.effective_role == Role.KIM

    @property
    def is_juror(self) -> bool:
        return self.effective_role == Role.JUROR


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Menunggu keputusan")
    APPROVED = "approved", _("Disetujui")
    REJECTED = "rejected", _("Ditolak")


# Only Dinas offices apply online; ministry accounts come from a management command and
# agency accounts are made by the ministry.
APPLICANT_OFFICE_KINDS = [
    (OfficeKind.PROVINCE.value, OfficeKind.PROVINCE.label),
    (OfficeKind.REGENCY.value, OfficeKind.REGENCY.label),
]

nip_validator = RegexValidator(
    r"^\d{18}$", _("NIP terdiri dari 18 angka."), code="invalid_nip"
)
phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()-]{6,20}$",
    _("Nomor telepon hanya berisi angka, spasi atau tanda hubung (boleh diawali +62)."),
    code="invalid_phone",
)


@pghistory.track()
class SiteAdminApplication(models.Model):
    """A Dinas officer's request to become the site admin of their office (SPEC §1), decided
    by the ministry."""

    office_kind = models.CharField(
        _("tingkat kantor"), max_length=10, choices=APPLICANT_OFFICE_KINDS
    )
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("wilayah"),
    )
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    nip = models.CharField(_("NIP"), max_length=18, validators=[nip_validator])
    position = models.CharField(_("jabatan"), max_length=120)
    email = models.EmailField(_("email resmi"))
    phone = models.CharField(_("telepon"), max_length=30, validators=[phone_validator])
    letter = models.FileField(
        _("surat permohonan"), storage=private_storage, max_length=200
    )
    letter_original_name = models.CharField(_("nama berkas asli"), max_length=200)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    submitted_at = models.DateTimeField(_("diajukan pada"), auto_now_add=True)
    decided_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diputuskan oleh"),
    )
    decided_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    reason = models.TextField(_("alasan"), blank=True)
    user = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="site_admin_applications",
        verbose_name=_("akun yang dibuat"),
    )

    # Applications carry personal data and are decided nationally: only the ministry reads
    # them (no region, no KIM, no agency scope).
    SCOPE = ScopeSpec()

    class Meta:
        verbose_name = _("permohonan admin situs")
        verbose_name_plural = _("permohonan admin situs")
        ordering = ["-submitted_at", "-id"]
        triggers = [
            pgtrigger.Protect(name="protect_deletes", operation=pgtrigger.Delete)
        ]
        indexes = [
            models.Index(
                fields=["status", "-submitted_at"], name="siteadminapp_status_idx"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=models.Q(status="submitted"),
                name="siteadminapp_one_pending_per_email",
            ),
            models.CheckConstraint(
                condition=models.Q(status="submitted", decided_at__isnull=True)
                | (
                    ~models.Q(status="submitted")
                    & models.Q(decided_at__isnull=False, decided_by__isnull=False)
                ),
                name="siteadminapp_decision_recorded",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(reason=""),
                name="siteadminapp_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="approved") | models.Q(user__isnull=False),
                name="siteadminapp_approval_has_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.region}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("accounts:application-detail", args=[self.pk])

    @property
    def role(self) -> str:
        if self.office_kind == OfficeKind.PROVINCE:
            return Role.PROVINCE
        return Role.REGENCY

    @property
    def is_pending(self) -> bool:
        return self.status == ApplicationStatus.SUBMITTED

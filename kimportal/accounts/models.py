import pghistory
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from kimportal.core.scoping import ScopeSpec


class Role(models.TextChoices):
    MINISTRY = "ministry", _("Kementerian")
    PROVINCE = "province", _("Dinas Kominfo Provinsi")
    REGENCY = "regency", _("Dinas Kominfo Kabupaten/Kota")
    AGENCY = "agency", _("Kementerian/Lembaga")
    KIM = "kim", _("KIM")


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
        "regions.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="offices"
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
                condition=~models.Q(kind__in=["province", "regency"]) | models.Q(region__isnull=False),
                name="office_dinas_has_region",
            ),
        ]

    def __str__(self) -> str:
        return self.name


@pghistory.track(exclude=["last_login", "password"])
class User(AbstractUser):
    """A portal user: an officer of one office, or a member of one KIM (`kim`, added by the
    registry app's migration)."""

    role = models.CharField(_("peran"), max_length=10, choices=Role.choices, blank=True)
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    nip = models.CharField(_("NIP"), max_length=30, blank=True)
    position = models.CharField(_("jabatan"), max_length=120, blank=True)
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    kim = models.ForeignKey(
        "registry.Kim", on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )

    SCOPE = ScopeSpec(region="office__region__code", kim="kim_id")

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        indexes = [models.Index(fields=["role"], name="user_role_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="kim") | models.Q(kim__isnull=False),
                name="user_kim_role_has_kim",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def scope_code(self) -> str | None:
        """The Kemendagri code prefix this officer may see; "" for national roles."""
        if self.role in (Role.MINISTRY, Role.AGENCY):
            return ""
        if self.role in (Role.PROVINCE, Role.REGENCY) and self.office_id:
            return self.office.region_id
        return None

    @property
    def is_ministry(self) -> bool:
        return self.role == Role.MINISTRY

    @property
    def is_province(self) -> bool:
        return self.role == Role.PROVINCE

    @property
    def is_regency(self) -> bool:
        return self.role == Role.REGENCY

    @property
    def is_agency(self) -> bool:
        return self.role == Role.AGENCY

    @property
    def is_kim(self) -> bool:
        return self.role == Role.KIM

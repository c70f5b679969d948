from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("Provinsi")
    REGENCY = "regency", _("Kabupaten/Kota")
    DISTRICT = "district", _("Kecamatan")
    VILLAGE = "village", _("Desa/Kelurahan")


LEVEL_BY_DEPTH = {
    1: RegionLevel.PROVINCE,
    2: RegionLevel.REGENCY,
    3: RegionLevel.DISTRICT,
    4: RegionLevel.VILLAGE,
}


def level_of_code(code: str) -> str:
    """`35` → province, `35.07` → regency, `35.07.01` → district, `35.07.01.2001` → village."""
    return LEVEL_BY_DEPTH[code.count(".") + 1]


def parent_code_of(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


class Region(models.Model):
    """One Kemendagri region. The code is the key: other tables store it, so that a scope
    check is a prefix test on the code itself (`35.07` ⊃ `35.07.01.2001`)."""

    code = models.CharField(_("kode"), max_length=13, primary_key=True)
    name = models.CharField(_("nama"), max_length=120)
    level = models.CharField(_("tingkat"), max_length=10, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    # A code missing from a newer official list is retired, never deleted: KIM refer to it.
    retired = models.BooleanField(_("tidak berlaku"), default=False)

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["code"]
        indexes = [
            models.Index(
                fields=["code"],
                name="region_code_prefix_idx",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(fields=["level", "name"], name="region_level_name_idx"),
            # The KIM search matches desa names case-insensitively (UPPER(name) LIKE).
            GinIndex(
                OpClass(Upper("name"), name="gin_trgm_ops"),
                name="region_name_upper_trgm_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def regency_code(self) -> str | None:
        parts = self.code.split(".")
        return ".".join(parts[:2]) if len(parts) >= 2 else None

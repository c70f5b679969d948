"""Desa/kelurahan as services receive them: a code checked against the region table."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kimportal.core.scoping import code_in_scope
from kimportal.regions.models import Region, RegionLevel

from ..models import Kim


def village_from_code(code, *, field: str = "village") -> Region:
    """The desa/kelurahan with this code, or a field ValidationError."""
    region = (
        Region.objects.filter(code=(code or "").strip(), level=RegionLevel.VILLAGE)
        .select_related("parent")
        .first()
    )
    if region is None:
        raise ValidationError({field: _("Pilih desa/kelurahan yang terdaftar.")})
    if region.retired:
        raise ValidationError(
            {
                field: _("Kode desa/kelurahan %(code)s sudah tidak berlaku.")
                % {"code": code}
            }
        )
    return region


def village_in_scope(user, code: str) -> Region:
    """The desa with this code, which must lie in the officer's region."""
    region = village_from_code(code)
    if not code_in_scope(user, region.code):
        raise ValidationError(
            {"village": _("Desa/kelurahan ini di luar wilayah kerja Anda.")}
        )
    return region


def check_same_regency(kim: Kim, region: Region) -> None:
    """A numbered KIM stays in its kab/kota: its NIK carries the kab/kota code, and a
    KIM that moves registers again in the new kab/kota (guideline §II.B.6)."""
    if kim.nik and region.code[:5] != kim.village_id[:5]:
        raise ValidationError(
            {
                "village": _(
                    "KIM yang pindah ke kabupaten/kota lain harus didaftarkan ulang oleh "
                    "Dinas kabupaten/kota tujuan."
                )
            }
        )

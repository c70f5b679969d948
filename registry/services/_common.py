"""Pieces shared by the registry services: locking, scope checks, phone numbers, uploads
and the cleaning of KIM profile data."""

from collections.abc import Iterable
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from kimportal.accounts.models import Role
from kimportal.core.contributions import kim_id_of
from kimportal.core.dates import JAKARTA, today_in_jakarta  # noqa: F401 (re-exported)
from kimportal.core.locking import lock_row
from kimportal.core.phones import normalize_phone
from kimportal.core.scoping import code_in_scope
from kimportal.core.uploads import (
    CONTENT_TYPES,
    DOCUMENT_FORMATS,
    server_file_name,
    validate_upload,
)
from kimportal.regions.models import Region, RegionLevel

from ..choices import KimStatus, Platform
from ..models import KIM_PROFILE_FIELDS, Kim

STAFF_ROLES = (Role.REGENCY, Role.PROVINCE, Role.MINISTRY)

# Profile fields a staff officer may set through `data` (Tabel 3.1).
KIM_FIELDS = frozenset(KIM_PROFILE_FIELDS)
# Fields that identify the KIM legally: a KIM's own user can only ask for a change.
LEGAL_FIELDS = frozenset({"name", "kim_type"})
SELF_FIELDS = KIM_FIELDS - LEGAL_FIELDS
ARRAY_FIELDS = frozenset({"social_groups", "media_types", "fields", "content_types"})
COUNT_FIELDS = frozenset({"power_reach", "influence_response"})
# Fields left out of model validation because the services check them themselves.
UNCHECKED_FIELDS = [
    "village",
    "coverage_villages",
    "previous_record",
    "registered_by",
    "nik",
    "status",
    "inactive_reason",
    "from_old_list",
]


def lock_kim(kim: Kim | int) -> Kim:
    """The KIM row, locked until the transaction ends, read fresh after any wait."""
    return lock_row(Kim, kim)


def ensure_officer_in_scope(user, kim: Kim) -> None:
    """Staff may act only on KIM in their own region; views check this first, services
    check it again so that no other caller can skip it."""
    if user is None or not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Anda harus masuk sebagai petugas Dinas."))
    if not (user.is_superuser or user.role in STAFF_ROLES):
        raise PermissionDenied(
            _("Hanya petugas Dinas Kominfo yang dapat melakukan ini.")
        )
    if not code_in_scope(user, kim.village_id):
        raise PermissionDenied(_("KIM ini di luar wilayah kerja Anda."))


def ensure_kim_member(user, kim: Kim) -> None:
    if (
        user is None
        or not user.is_authenticated
        or not user.is_active
        or user.role != Role.KIM
        or kim_id_of(user) != kim.pk
    ):
        raise PermissionDenied(_("Anda hanya dapat mengubah data KIM Anda sendiri."))


def merge_error(errors: dict, exc: ValidationError) -> None:
    for field, messages in exc.message_dict.items():
        errors.setdefault(field, []).extend(messages)


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


def apply_profile_data(kim: Kim, data: dict, *, allowed: Iterable[str], errors: dict):
    """Set `data` (Kim field names) on `kim`, normalised; problems go into `errors`."""
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"Fields that cannot be set here: {', '.join(sorted(unknown))}")
    for key, value in data.items():
        try:
            if key == "phone":
                value = normalize_phone(value, field="phone")
            elif key == "whatsapp":
                value = normalize_phone(value, field="whatsapp", mobile=True)
            elif key in ARRAY_FIELDS:
                value = list(dict.fromkeys(value or []))
            elif key in COUNT_FIELDS:
                value = value or 0
            elif key == "frequency_count":
                value = value if value not in ("", None) else None
            elif isinstance(value, str) or value is None:
                value = (value or "").strip()
        except ValidationError as exc:
            merge_error(errors, exc)
            continue
        setattr(kim, key, value)


def check_profile(kim: Kim, errors: dict) -> None:
    """Model-level checks of the profile (lengths, choices, email), in Indonesian."""
    exclude = list(UNCHECKED_FIELDS)
    # A draft may be saved before its type is chosen; submission asks for it.
    if kim.status == KimStatus.DRAFT and not kim.kim_type:
        exclude.append("kim_type")
    for field in set(errors):
        exclude.append(field)
    try:
        kim.clean_fields(exclude=exclude)
    except ValidationError as exc:
        merge_error(errors, exc)
    if (
        kim.frequency_count
        and not kim.frequency_unit
        and "frequency_unit" not in errors
    ):
        errors.setdefault("frequency_unit", []).append(
            _("Pilih satuan frekuensi (per minggu, bulan, atau tahun).")
        )


def clean_coverage(codes, errors: dict) -> list[Region]:
    codes = list(dict.fromkeys(c.strip() for c in codes or () if c and c.strip()))
    found = {
        r.code: r
        for r in Region.objects.filter(
            code__in=codes, level=RegionLevel.VILLAGE, retired=False
        )
    }
    missing = [c for c in codes if c not in found]
    if missing:
        errors.setdefault("coverage_villages", []).append(
            _("Wilayah jangkauan harus desa/kelurahan yang terdaftar: %(codes)s")
            % {"codes": ", ".join(missing)}
        )
    return [found[c] for c in codes if c in found]


def clean_officers(officers, errors: dict) -> list[dict]:
    """Officer entries {name, position, phone[, id]} stripped and with +62 phones."""
    cleaned, problems = [], []
    for number, entry in enumerate(officers or (), start=1):
        name = (entry.get("name") or "").strip()
        position = (entry.get("position") or "").strip()
        if not name or not position:
            problems.append(
                _("Pengurus ke-%(n)d: nama dan jabatan wajib diisi.") % {"n": number}
            )
            continue
        try:
            phone = normalize_phone(entry.get("phone"), field="officers")
        except ValidationError as exc:
            problems.append(
                _("Pengurus ke-%(n)d: %(error)s")
                % {"n": number, "error": " ".join(exc.message_dict["officers"])}
            )
            continue
        cleaned.append(
            {
                "id": entry.get("id"),
                "name": name[:120],
                "position": position[:80],
                "phone": phone,
            }
        )
    if problems:
        errors.setdefault("officers", []).extend(problems)
    return cleaned


def clean_channels(channels, errors: dict) -> list[dict]:
    cleaned, problems = [], []
    for number, entry in enumerate(channels or (), start=1):
        platform = entry.get("platform") or ""
        address = (entry.get("address") or "").strip()
        try:
            followers = int(entry.get("followers") or 0)
        except (TypeError, ValueError):
            followers = -1
        if platform not in Platform.values or not address or followers < 0:
            problems.append(
                _(
                    "Kanal ke-%(n)d: pilih platform, isi URL/akun, dan jumlah pengikut "
                    "berupa angka."
                )
                % {"n": number}
            )
            continue
        cleaned.append(
            {
                "id": entry.get("id"),
                "platform": platform,
                "address": address[:300],
                "followers": followers,
            }
        )
    if problems:
        errors.setdefault("channels", []).extend(problems)
    return cleaned


def officer_snapshot(kim: Kim) -> list[dict]:
    return [
        {"name": o.name, "position": o.position, "phone": o.phone}
        for o in kim.officers.filter(active=True).order_by("id")
    ]


def _sync_active_rows(related, entries: list[dict], *, fields: tuple, matches) -> None:
    """Make `entries` the active rows of a KIM's `related` manager. An entry updates the
    row with its id, else the first unclaimed row it `matches`, else becomes a new row;
    rows no entry claims become inactive, so their history stays readable."""
    current = {row.pk: row for row in related.filter(active=True)}
    kept: set[int] = set()
    for entry in entries:
        values = {field: entry[field] for field in fields}
        row = current.get(entry.get("id"))
        if row is None or row.pk in kept:
            row = next(
                (r for r in current.values() if r.pk not in kept and matches(r, entry)),
                None,
            )
        if row is None:
            row = related.create(**values)
        elif any(getattr(row, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(row, field, value)
            row.save(update_fields=list(fields))
        kept.add(row.pk)
    for pk, row in current.items():
        if pk not in kept:
            row.active = False
            row.save(update_fields=["active"])


def sync_officers(kim: Kim, officers: list[dict]) -> None:
    """Make `officers` the KIM's active board; an officer is recognised by id or name."""
    _sync_active_rows(
        kim.officers,
        officers,
        fields=("name", "position", "phone"),
        matches=lambda officer, entry: (
            officer.name.casefold() == entry["name"].casefold()
        ),
    )


def sync_channels(kim: Kim, channels: list[dict]) -> None:
    """Make `channels` the KIM's active online channels; a channel is recognised by id or
    by platform and address."""
    _sync_active_rows(
        kim.channels,
        channels,
        fields=("platform", "address", "followers"),
        matches=lambda channel, entry: (
            (channel.platform, channel.address) == (entry["platform"], entry["address"])
        ),
    )


def store_upload(
    field_file, uploaded, *, folder: str, formats=DOCUMENT_FORMATS, field="file"
):
    """Check `uploaded` by its content and store it under a server-made name in
    `field_file` (not yet saved on the model). Returns (content type, original name)."""
    if uploaded is None:
        raise ValidationError({field: _("Berkas wajib diunggah.")})
    try:
        fmt = validate_upload(uploaded, formats=formats)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc
    original = PurePath(uploaded.name or "berkas").name[:200]
    field_file.save(server_file_name(folder, original, fmt), uploaded, save=False)
    return CONTENT_TYPES[fmt], original

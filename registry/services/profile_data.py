"""A KIM's profile as services receive it: which fields may be set by whom, and the
cleaning of profile values, coverage, officers and channels, with errors keyed by the
services' own argument names."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kimportal.core.phones import normalize_phone
from kimportal.core.scoping import code_in_scope
from kimportal.regions.models import Region, RegionLevel

from ..choices import KimStatus, Platform
from ..models import KIM_PROFILE_FIELDS, Kim

# Profile fields a staff officer may set through `data` (Tabel 3.1).
KIM_FIELDS = frozenset(KIM_PROFILE_FIELDS)
# Fields that identify the KIM legally: a KIM's own user can only ask for a change of
# these (and of its desa and its board), never make it.
LEGAL_FIELDS = ("name", "kim_type")
SELF_FIELDS = KIM_FIELDS - frozenset(LEGAL_FIELDS)
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


def merge_error(errors: dict, exc: ValidationError) -> None:
    for field, messages in exc.message_dict.items():
        errors.setdefault(field, []).extend(messages)


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


def clean_coverage(codes, errors: dict, *, actor) -> list[Region]:
    """The coverage desa for these codes: registered, current, and each in `actor`'s
    scope (a kab/kota office cannot claim another kab/kota's desa)."""
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
    outside = [c for c in found if not code_in_scope(actor, c)]
    if outside:
        errors.setdefault("coverage_villages", []).append(
            _("Wilayah jangkauan di luar wilayah kerja Anda: %(codes)s")
            % {"codes": ", ".join(outside)}
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


def sync_active_rows(related, entries: list[dict], *, fields: tuple, matches) -> None:
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
    sync_active_rows(
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
    sync_active_rows(
        kim.channels,
        channels,
        fields=("platform", "address", "followers"),
        matches=lambda channel, entry: (
            (channel.platform, channel.address) == (entry["platform"], entry["address"])
        ),
    )

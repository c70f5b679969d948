"""Information material (bahan informasi; the ministry's narasi tunggal): create, add
files, publish to the targeted KIM (one delivery and its tracked links per KIM, in bulk),
withdraw, and the KIM opening what it received."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from kimportal.accounts.models import OfficeKind
from kimportal.core.access import guard
from kimportal.core.locking import lock_row
from kimportal.core.scoping import code_in_scope
from kimportal.regions.models import Region
from registry.choices import GovernmentAffair, KimStatus, KimType
from registry.selectors import kim_list

from ..choices import TRACKED_MEDIUMS, IssuerLevel, MaterialFormat, MaterialState
from ..models import Material, MaterialDelivery, MaterialFile, TrackedLink
from .common import MATERIAL_FILE_FORMATS, store_upload

MATERIAL_FIELDS = frozenset(
    {
        "title",
        "message",
        "theme",
        "format",
        "url",
        "links",
        "period_start",
        "period_end",
        "target_region_codes",
        "target_kim_types",
        "target_fields",
    }
)
LEVEL_BY_OFFICE = {
    OfficeKind.MINISTRY: IssuerLevel.MINISTRY,
    OfficeKind.PROVINCE: IssuerLevel.PROVINCE,
    OfficeKind.REGENCY: IssuerLevel.REGENCY,
}
# Random, URL-safe, 12 characters (72 bits) made by the database, so that publishing to
# 100,000 KIM is one INSERT … SELECT and not 300,000 round trips.
LINK_CODE_SQL = (
    "translate(substr(encode(uuid_send(gen_random_uuid()) || "
    "uuid_send(gen_random_uuid()), 'base64'), 1, 12), '+/', '-_')"
)


def _date(value):
    if isinstance(value, datetime.date):
        return value
    try:
        return parse_date(value or "")
    except ValueError:
        return None


def _clean(user, data: dict) -> dict:
    unknown = set(data) - MATERIAL_FIELDS
    if unknown:
        raise TypeError(f"Fields that cannot be set here: {', '.join(sorted(unknown))}")
    errors: dict = {}
    cleaned: dict = {}
    for field, limit in (("title", 200), ("message", 20000), ("theme", 120)):
        cleaned[field] = (data.get(field) or "").strip()[:limit]
    for field in ("title", "message"):
        if not cleaned[field]:
            errors[field] = [_("Wajib diisi.")]
    if data.get("format") in MaterialFormat.values:
        cleaned["format"] = data["format"]
    else:
        errors["format"] = [_("Pilih salah satu pilihan yang tersedia.")]
    cleaned["url"] = (data.get("url") or "").strip()
    if cleaned["url"] and not cleaned["url"].startswith(("https://", "http://")):
        errors["url"] = [_("Tautan harus diawali http:// atau https://.")]
    cleaned["links"] = [u.strip() for u in data.get("links") or [] if u.strip()]
    if any(not u.startswith(("https://", "http://")) for u in cleaned["links"]):
        errors["links"] = [_("Tautan harus diawali http:// atau https://.")]
    start, end = _date(data.get("period_start")), _date(data.get("period_end"))
    if start is None:
        errors["period_start"] = [_("Isi tanggal mulai.")]
    if end is None:
        errors["period_end"] = [_("Isi tanggal berakhir.")]
    elif start and end < start:
        errors["period_end"] = [_("Tanggal berakhir harus setelah tanggal mulai.")]
    cleaned["period_start"], cleaned["period_end"] = start, end
    codes = sorted({c.strip() for c in data.get("target_region_codes") or [] if c})
    known = set(Region.objects.filter(code__in=codes).values_list("code", flat=True))
    if set(codes) - known:
        errors["target_region_codes"] = [_("Kode wilayah tidak dikenal.")]
    elif any(not code_in_scope(user, code) for code in codes):
        errors["target_region_codes"] = [_("Wilayah sasaran di luar wilayah Anda.")]
    cleaned["target_region_codes"] = codes
    types = sorted(set(data.get("target_kim_types") or []))
    if set(types) - set(KimType.values):
        errors["target_kim_types"] = [_("Tipe KIM tidak dikenal.")]
    cleaned["target_kim_types"] = types
    fields = sorted(set(data.get("target_fields") or []))
    if set(fields) - set(GovernmentAffair.values):
        errors["target_fields"] = [_("Bidang tidak dikenal.")]
    cleaned["target_fields"] = fields
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def material_create(*, created_by, data: dict, files: Iterable = ()) -> Material:
    """A draft material of the creator's office; the ministry's is a narasi tunggal."""
    guard(created_by, "monitoring.create_material")
    office = created_by.office
    if office is None or office.kind not in LEVEL_BY_OFFICE:
        raise ValidationError(_("Akun Anda tidak terhubung ke kantor Dinas."))
    level = LEVEL_BY_OFFICE[office.kind]
    material = Material(
        issuer_office=office,
        issuer_region_id=office.region_id,
        level=level,
        is_narasi_tunggal=level == IssuerLevel.MINISTRY,
        created_by=created_by,
        **_clean(created_by, data),
    )
    material.save()
    for uploaded in files:
        _add_file(material, uploaded, created_by)
    return material


@transaction.atomic
def material_update(*, material: Material, updated_by, data: dict) -> Material:
    material = lock_row(Material, material)
    guard(updated_by, "monitoring.change_material", material)
    current = {field: getattr(material, field) for field in MATERIAL_FIELDS}
    for field, value in _clean(updated_by, {**current, **data}).items():
        setattr(material, field, value)
    material.save()
    return material


def _add_file(material: Material, uploaded, user) -> MaterialFile:
    row = MaterialFile(material=material, uploaded_by=user, size=uploaded.size or 0)
    row.content_type, row.original_name = store_upload(
        row.file,
        uploaded,
        folder="materials",
        formats=MATERIAL_FILE_FORMATS,
        field="files",
    )
    row.save()
    return row


@transaction.atomic
def material_file_add(
    *, material: Material, uploaded_by, uploaded_file
) -> MaterialFile:
    material = lock_row(Material, material)
    guard(uploaded_by, "monitoring.change_material", material)
    return _add_file(material, uploaded_file, uploaded_by)


def material_targets(*, material: Material, publisher):
    """The verified KIM a material reaches: the publisher's scope, narrowed by the
    material's target regions, KIM types and fields of activity."""
    kims = kim_list(user=publisher).filter(status=KimStatus.VERIFIED)
    if material.target_region_codes:
        from django.db.models import Q

        prefixes = Q()
        for code in material.target_region_codes:
            prefixes |= Q(village__code__startswith=code)
        kims = kims.filter(prefixes)
    if material.target_kim_types:
        kims = kims.filter(kim_type__in=material.target_kim_types)
    if material.target_fields:
        kims = kims.filter(fields__overlap=material.target_fields)
    return kims.order_by()


def _deliver(material: Material, kim_ids_queryset) -> int:
    """One delivery per KIM of the queryset (ids) and, when the material has its own
    URL, its tracked links: two INSERT … SELECT statements, whatever the count."""
    select_sql, params = kim_ids_queryset.values("id").query.sql_with_params()
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO monitoring_materialdelivery (material_id, kim_id, delivered_at)
            SELECT %s, k.id, %s FROM ({select_sql}) AS k
            ON CONFLICT (material_id, kim_id) DO NOTHING
            """,
            [material.pk, now, *params],
        )
        created = cursor.rowcount
        if material.url:
            cursor.execute(
                f"""
                INSERT INTO monitoring_trackedlink (delivery_id, medium, code, created_at)
                SELECT d.id, m.medium, {LINK_CODE_SQL}, %s
                FROM monitoring_materialdelivery d
                CROSS JOIN unnest(%s::varchar[]) AS m(medium)
                WHERE d.material_id = %s
                ON CONFLICT DO NOTHING
                """,
                [now, [str(m) for m in TRACKED_MEDIUMS], material.pk],
            )
    return created


@transaction.atomic
def material_publish(*, material: Material, published_by) -> int:
    """Publish a draft: deliver it to every targeted KIM. Returns the number of KIM."""
    material = lock_row(Material, material)
    guard(published_by, "monitoring.publish_material", material)
    material.state = MaterialState.PUBLISHED
    material.published_by = published_by
    material.published_at = timezone.now()
    material.save(update_fields=["state", "published_by", "published_at", "updated_at"])
    return _deliver(
        material, material_targets(material=material, publisher=published_by)
    )


@transaction.atomic
def material_publish_to(
    *, material: Material, published_by, kim_ids: Iterable[int]
) -> int:
    """Publish a draft to exactly `kim_ids` (e.g. the KIM a campaign fixed), not to
    every KIM its targets match: only those among them that the targets and the
    publisher's scope allow are delivered to. Returns the number of KIM."""
    material = lock_row(Material, material)
    guard(published_by, "monitoring.publish_material", material)
    material.state = MaterialState.PUBLISHED
    material.published_by = published_by
    material.published_at = timezone.now()
    material.save(update_fields=["state", "published_by", "published_at", "updated_at"])
    kims = material_targets(material=material, publisher=published_by)
    return _deliver(material, kims.filter(pk__in=list(kim_ids)))


@transaction.atomic
def material_deliver(
    *, material: Material, delivered_by, kim_ids: Iterable[int]
) -> int:
    """Deliver a published material to more KIM (e.g. those a campaign chose); only KIM
    in the deliverer's scope are taken."""
    material = lock_row(Material, material)
    guard(delivered_by, "monitoring.deliver_material", material)
    kims = kim_list(user=delivered_by).filter(
        status=KimStatus.VERIFIED, pk__in=list(kim_ids)
    )
    return _deliver(material, kims.order_by())


@transaction.atomic
def material_withdraw(*, material: Material, withdrawn_by) -> Material:
    """Stop offering a material to KIM; deliveries and reports stay."""
    material = lock_row(Material, material)
    guard(withdrawn_by, "monitoring.withdraw_material", material)
    material.state = MaterialState.WITHDRAWN
    material.withdrawn_at = timezone.now()
    material.save(update_fields=["state", "withdrawn_at", "updated_at"])
    return material


@transaction.atomic
def delivery_mark_opened(*, delivery: MaterialDelivery, user) -> MaterialDelivery:
    """The KIM opened a material it received (first time counts)."""
    guard(user, "monitoring.open_delivery", delivery)
    if delivery.opened_at is None:
        now = timezone.now()
        MaterialDelivery.objects.filter(pk=delivery.pk, opened_at=None).update(
            opened_at=now
        )
        delivery.opened_at = now
    return delivery


def tracked_link_ensure(*, delivery: MaterialDelivery) -> list[TrackedLink]:
    """The tracked links of a delivery (made at publication; this only fills gaps, for
    a material whose URL was set later)."""
    return list(TrackedLink.objects.filter(delivery=delivery))

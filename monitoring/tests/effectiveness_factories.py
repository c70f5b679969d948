"""Builders for the effectiveness tests: rows made directly, so the rollups can be
checked against states that the report services reach (validated, returned, superseded)
without depending on every step of those services."""

import datetime
import itertools

from django.utils import timezone

from monitoring.choices import (
    ActionKind,
    IssuerLevel,
    MaterialFormat,
    MaterialState,
    Medium,
    ReportFormat,
    ReportState,
)
from monitoring.models import (
    ContentItem,
    DisseminationReport,
    EvidenceLink,
    LinkClickDaily,
    Material,
    MaterialDelivery,
    TrackedLink,
)
from registry.tests.factories import (
    KAB_MALANG_VILLAGE,
    KOTA_MALANG_VILLAGE,
    VerifiedKimFactory,
)

_codes = itertools.count(1)


def make_kim(village=KAB_MALANG_VILLAGE, **kwargs):
    return VerifiedKimFactory(village_id=village, **kwargs)


def make_material(*, user, region_code="35.07", level=IssuerLevel.REGENCY, **kwargs):
    today = datetime.date(2026, 1, 1)
    values = {
        "issuer_office": user.office,
        "level": level,
        "issuer_region_id": region_code,
        "title": "Ayo imunisasi",
        "message": "Imunisasi lengkap melindungi anak.",
        "format": MaterialFormat.TEXT,
        "url": "https://example.go.id/imunisasi",
        "period_start": today,
        "period_end": today + datetime.timedelta(days=365),
        "state": MaterialState.PUBLISHED,
        "created_by": user,
        "published_at": timezone.now(),
    }
    values.update(kwargs)
    return Material.objects.create(**values)


def make_link(*, material, kim, medium=Medium.MESSAGING):
    delivery, _ = MaterialDelivery.objects.get_or_create(
        material=material, kim=kim, defaults={"delivered_at": timezone.now()}
    )
    return TrackedLink.objects.create(
        delivery=delivery, medium=medium, code=f"t{next(_codes):06d}"
    )


def add_clicks(*, link, day, count):
    return LinkClickDaily.objects.create(
        link=link,
        material_id=link.delivery.material_id,
        kim_id=link.delivery.kim_id,
        medium=link.medium,
        day=day,
        count=count,
    )


def content_item(*, kim, platform="instagram", platform_id=None):
    platform_id = platform_id or f"post{next(_codes)}"
    item, _ = ContentItem.objects.get_or_create(
        platform=platform,
        platform_id=platform_id,
        defaults={"url": f"https://www.instagram.com/p/{platform_id}/", "kim": kim},
    )
    return item


def make_report(
    *,
    kim,
    user,
    month=datetime.date(2026, 3, 1),
    state=ReportState.VALIDATED,
    items=(),
    material=None,
    medium=Medium.SOCIAL,
    activity_count=1,
    supersedes=None,
):
    """A report in `state`, citing the content `items` as evidence."""
    report = DisseminationReport.objects.create(
        kim=kim,
        village_id=kim.village_id,
        material=material,
        action_kind=ActionKind.SOCIAL_POST,
        format=ReportFormat.PHOTO,
        medium=medium,
        activity_count=activity_count,
        activity_date=month + datetime.timedelta(days=4),
        month=month,
        state=state,
        return_reason="Bukti kurang" if state == ReportState.RETURNED else "",
        created_by=user,
        supersedes=supersedes,
        version=(supersedes.version + 1) if supersedes else 1,
    )
    for item in items:
        EvidenceLink.objects.create(
            report=report,
            url=item.url,
            normalized_url=item.url,
            content_item=item,
        )
    return report


__all__ = [
    "KAB_MALANG_VILLAGE",
    "KOTA_MALANG_VILLAGE",
    "add_clicks",
    "content_item",
    "make_kim",
    "make_link",
    "make_material",
    "make_report",
]

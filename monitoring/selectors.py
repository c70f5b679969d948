"""Reads of monitoring, always through the scoping rule (kimportal.core.scoping). Other
apps (mapping, collaboration, effectiveness numbers) read monitoring only from here.

The one public read is the tracked-link redirect (`tracked_link_target`): its random
code is the only key, and it answers with nothing but the material's own URL.
"""

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from kimportal.accounts.rules import is_kim_member
from kimportal.core.dates import today_in_jakarta
from kimportal.core.scoping import get_scoped_or_404, scope_filter, scoped

from .choices import MaterialState, ReportState
from .models import (
    COUNTED,
    ContentItem,
    DisseminationReport,
    EvidenceLink,
    Material,
    MaterialDelivery,
    MaterialFile,
    TrackedLink,
)
from .periods import parse_month
from .rules import own_kim_id

# --- material -------------------------------------------------------------------------


def _material_visibility(user) -> Q | None:
    """Staff see the material their scope issued and the material delivered to KIM in
    their scope (a kab/kota sees the ministry's narasi tunggal its KIM received); a
    KIM sees published material delivered to it."""
    delivered = scoped(MaterialDelivery.objects.all(), user).values("material_id")
    issued = scope_filter(Material, user)
    condition = Q(pk__in=delivered)
    if is_kim_member(user):
        return condition & Q(state__in=[MaterialState.PUBLISHED])
    if issued is None:
        return condition
    return issued | condition


def material_list(*, user, state: str | None = None) -> QuerySet[Material]:
    """Material the user may see, newest first."""
    condition = _material_visibility(user)
    queryset = Material.objects.select_related("issuer_office").filter(condition)
    if state in MaterialState.values:
        queryset = queryset.filter(state=state)
    return queryset.order_by("-created_at", "-id")


def material_get(*, user, pk: int) -> Material:
    """One material the user may see, or 404."""
    material = (
        Material.objects.select_related("issuer_office")
        .filter(_material_visibility(user), pk=pk)
        .prefetch_related("files")
        .first()
    )
    if material is None:
        raise Http404
    return material


def material_file_get(*, user, pk: int) -> MaterialFile:
    """A file of a material the user may see, or 404."""
    row = MaterialFile.objects.select_related("material").filter(pk=pk).first()
    if row is None:
        raise Http404
    material_get(user=user, pk=row.material_id)
    return row


def material_delivery_counts(*, user, material: Material) -> dict[str, int]:
    """Deliveries of a material in the user's scope: delivered, opened, reported."""
    from django.db.models import Count

    return scoped(MaterialDelivery.objects.filter(material=material), user).aggregate(
        delivered=Count("id"),
        opened=Count("id", filter=Q(opened_at__isnull=False)),
        reported=Count("id", filter=Q(reported_at__isnull=False)),
    )


def delivery_for_kim(*, user, material: Material) -> MaterialDelivery | None:
    """The delivery of `material` to the user's own KIM, with its tracked links."""
    kim_id = own_kim_id(user)
    if kim_id is None:
        return None
    return (
        scoped(MaterialDelivery.objects.filter(material=material, kim_id=kim_id), user)
        .prefetch_related("links")
        .first()
    )


def kim_new_materials(*, user, limit: int = 5) -> list[MaterialDelivery]:
    """The newest published material delivered to the user's KIM that is still in its
    period, each with its files and tracked links: for the KIM home."""
    kim_id = own_kim_id(user)
    if kim_id is None:
        return []
    deliveries = (
        scoped(MaterialDelivery.objects.filter(kim_id=kim_id), user)
        .filter(
            material__state=MaterialState.PUBLISHED,
            material__period_end__gte=today_in_jakarta(),
        )
        .select_related("material__issuer_office")
        .prefetch_related("links", "material__files")
        .order_by("-delivered_at", "-id")
    )
    return list(deliveries[:limit])


def kim_material_choices(*, user, kim_id: int) -> list[tuple[int, str]]:
    """(id, title) of the material delivered to a KIM, for the report form."""
    return list(
        scoped(MaterialDelivery.objects.filter(kim_id=kim_id), user)
        .order_by("-delivered_at")
        .values_list("material_id", "material__title")[:50]
    )


# --- tracked links ----------------------------------------------------------------------


def tracked_link_target(*, code: str) -> dict | None:
    """What a click on `/l/<code>` needs, in one indexed lookup: the link's ids and the
    material's own URL. None for an unknown code or a material without a URL."""
    row = (
        TrackedLink.objects.filter(code=code)
        .values(
            "pk",
            "medium",
            "delivery__kim_id",
            "delivery__material_id",
            "delivery__material__url",
            "delivery__material__state",
        )
        .first()
    )
    if row is None or not row["delivery__material__url"]:
        return None
    return {
        "link_id": row["pk"],
        "medium": row["medium"],
        "kim_id": row["delivery__kim_id"],
        "material_id": row["delivery__material_id"],
        "url": row["delivery__material__url"],
    }


# --- reports --------------------------------------------------------------------------

REPORT_LIST_RELATIONS = ("kim", "material", "village__parent")


def report_list(*, user, filters: dict | None = None) -> QuerySet[DisseminationReport]:
    """Reports in the user's scope, filtered by `kim`, `month` (YYYY-MM), `state` and
    `material`; the evidence links come along in one more query."""
    filters = filters or {}
    queryset = scoped(DisseminationReport.objects.all(), user)
    kim = str(filters.get("kim") or "")
    if kim.isdigit():
        queryset = queryset.filter(kim_id=int(kim))
    month = parse_month(filters.get("month"))
    if month:
        queryset = queryset.filter(month=month)
    state = filters.get("state")
    if state in ReportState.values:
        queryset = queryset.filter(state=state)
    material = str(filters.get("material") or "")
    if material.isdigit():
        queryset = queryset.filter(material_id=int(material))
    return (
        queryset.select_related(*REPORT_LIST_RELATIONS)
        .prefetch_related(
            Prefetch(
                "evidence",
                queryset=EvidenceLink.objects.select_related("content_item"),
            )
        )
        .order_by("-activity_date", "-id")
    )


def report_get(*, user, pk: int) -> DisseminationReport:
    """One report in the user's scope, with its evidence, or 404."""
    return get_scoped_or_404(
        DisseminationReport.objects.select_related(
            "kim", "material", "supersedes", "created_by"
        ).prefetch_related(
            Prefetch(
                "evidence",
                queryset=EvidenceLink.objects.select_related("content_item"),
            )
        ),
        user,
        pk=pk,
    )


def report_counts(*, user) -> dict[str, int]:
    """Reports in the user's scope waiting for validation, and counted this month."""
    from django.db.models import Count

    month = today_in_jakarta().replace(day=1)
    return scoped(DisseminationReport.objects.all(), user).aggregate(
        waiting=Count("id", filter=Q(state=ReportState.SUBMITTED)),
        validated_this_month=Count("id", filter=COUNTED & Q(month=month)),
    )


def kim_recent_reports(*, user, limit: int = 5) -> list[DisseminationReport]:
    """The user's KIM's latest reports, for its home."""
    kim_id = own_kim_id(user)
    if kim_id is None:
        return []
    return list(
        scoped(DisseminationReport.objects.filter(kim_id=kim_id), user)
        .select_related("material")
        .order_by("-created_at", "-id")[:limit]
    )


# --- content items --------------------------------------------------------------------


def content_item_list(*, user, platform: str | None = None) -> QuerySet[ContentItem]:
    """Content items in the user's scope (by the KIM that reported them first)."""
    queryset = scoped(ContentItem.objects.select_related("kim"), user)
    if platform:
        queryset = queryset.filter(platform=platform)
    return queryset.order_by("-first_seen_at", "-id")


def content_item_get(*, user, pk: int) -> ContentItem:
    return get_scoped_or_404(ContentItem.objects.select_related("kim"), user, pk=pk)


# --- the KIM home panel ---------------------------------------------------------------


def kim_home_panel(*, user) -> dict:
    """What the KIM's home shows from monitoring: new material with its share helpers
    and the latest reports with their status."""
    return {
        "deliveries": kim_new_materials(user=user),
        "recent_reports": kim_recent_reports(user=user),
    }


def staff_home_panel(*, user) -> dict:
    return {"report_counts": report_counts(user=user)}

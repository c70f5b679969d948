"""Reads of campaigns, always through the scoping rule (out of scope → 404)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from kimportal.core.contributions import kim_id_of
from kimportal.core.scoping import scoped

from .choices import OPEN_CAMPAIGN_STATES, CampaignState
from .models import Campaign, CampaignFeedback, CampaignKim
from .selectors_needs import capacity_need_is_due

HOME_CAMPAIGNS = 5


def campaign_list(*, user, filters: dict | None = None) -> QuerySet[Campaign]:
    """Campaigns of the user's scope (staff) or those its KIM takes part in (KIM),
    newest first, each with its number of KIM (`kim_count`)."""
    if not user.has_perm("collaboration.view_campaigns"):
        return Campaign.objects.none()
    filters = filters or {}
    # The KIM scope goes through participants (one row per phase): select by id.
    visible = scoped(Campaign.objects.all(), user).values("pk")
    queryset = Campaign.objects.filter(pk__in=visible)
    state = filters.get("state")
    if state in CampaignState.values:
        queryset = queryset.filter(state=state)
    if filters.get("open"):
        queryset = queryset.filter(state__in=OPEN_CAMPAIGN_STATES)
    return (
        queryset.select_related("office", "public_issue", "material")
        .annotate(
            kim_count=Count("participants", filter=Q(participants__phase=F("phase")))
        )
        .order_by("-created_at", "-id")
    )


def campaign_get(*, user, pk: int) -> Campaign:
    try:
        return campaign_list(user=user).get(pk=pk)
    except (Campaign.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def campaign_participants(
    *, user, campaign: Campaign, phase: str | None = None
) -> QuerySet[CampaignKim]:
    """The KIM of a phase (default: the current one) that the user may see."""
    return (
        scoped(CampaignKim.objects.filter(campaign=campaign), user)
        .filter(phase=phase or campaign.phase)
        .select_related("kim__village__parent")
        .order_by("kim__name", "kim_id")
    )


def campaign_feedback_list(*, user, campaign: Campaign) -> QuerySet[CampaignFeedback]:
    """Feedback the user may read: staff that of KIM in scope, a KIM its own."""
    return (
        scoped(CampaignFeedback.objects.filter(campaign=campaign), user)
        .select_related("kim", "author")
        .order_by("created_at", "id")
    )


def home_panel_kim(*, user) -> dict[str, Any]:
    """The KIM home's collaboration block: open campaigns it takes part in, and a
    prompt when it has not filed its capacity needs lately."""
    kim_id = kim_id_of(user)
    if kim_id is None:
        return {"open_campaigns": [], "needs_due": False}
    campaigns = list(campaign_list(user=user, filters={"open": True})[:HOME_CAMPAIGNS])
    return {
        "open_campaigns": campaigns,
        "needs_due": capacity_need_is_due(user=user, kim_id=kim_id),
    }

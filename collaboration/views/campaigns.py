"""Campaigns: the office plans, opens, designs with the KIM and launches; a KIM
involved reads the plan and gives feedback from its phone."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kimportal.core.access import actor_may
from kimportal.core.errors import TransitionError
from kimportal.core.service_errors import add_service_error
from mapping.selectors import public_issue_list

from .. import services
from ..choices import CampaignPhase, CampaignState
from ..forms_campaigns import (
    CampaignForm,
    DesignForm,
    FeedbackForm,
    FixPeriodForm,
    LaunchForm,
)
from ..selectors_campaigns import (
    campaign_feedback_list,
    campaign_get,
    campaign_list,
    campaign_participants,
)

PER_PAGE = 25
PARTICIPANTS_SHOWN = 100

# POST-only transitions without input: URL action → (service, success message).
TRANSITIONS = {
    "open": (services.campaign_open, _("Kampanye dibuka; KIM sasaran dilibatkan.")),
    "collaborate": (
        services.campaign_start_collaboration,
        _("Tahap kolaborasi dimulai."),
    ),
    "close": (services.campaign_close, _("Kampanye diselesaikan.")),
    "cancel": (services.campaign_cancel, _("Kampanye dibatalkan.")),
}


def _viewer(request):
    if not request.user.has_perm("collaboration.view_campaigns"):
        raise Http404


@login_required
def campaign_list_view(request):
    _viewer(request)
    state = request.GET.get("state") or ""
    page = Paginator(
        campaign_list(user=request.user, filters={"state": state}), PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "collaboration/campaigns/list.html",
        {
            "page": page,
            "state": state,
            "states": CampaignState.choices,
            "may_create": request.user.has_perm("collaboration.add_campaign"),
            "page_query": f"state={state}" if state else "",
        },
    )


def _issues(user):
    return list(public_issue_list(user=user)[:200])


def _plan_form(request, *, campaign=None):
    issues = _issues(request.user)
    if request.method == "POST":
        return CampaignForm(request.POST, issues=issues)
    initial = {"fixed_months": 6}
    if campaign is not None:
        initial = {
            key: getattr(campaign, key)
            for key in (
                "title",
                "message",
                "kind",
                "target_kim_types",
                "target_fields",
                "target_quadrants",
                "target_need_skills",
                "trial_months",
                "fixed_months",
            )
        }
        initial["public_issue"] = campaign.public_issue_id
        initial["target_region_codes"] = ", ".join(campaign.target_region_codes)
    return CampaignForm(initial=initial, issues=issues)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create_view(request):
    if not request.user.has_perm("collaboration.add_campaign"):
        raise Http404
    form = _plan_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(
                actor=request.user, data=form.service_data()
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Rencana kampanye disimpan."))
            return redirect(campaign)
    return render(
        request,
        "collaboration/campaigns/form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_update_view(request, pk: int):
    campaign = campaign_get(user=request.user, pk=pk)
    if not actor_may(request.user, "collaboration.change_campaign", campaign):
        raise PermissionDenied
    form = _plan_form(request, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(
                actor=request.user, campaign=campaign, data=form.service_data()
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        except TransitionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Rencana kampanye disimpan."))
            return redirect(campaign)
    return render(
        request,
        "collaboration/campaigns/form.html",
        {"form": form, "campaign": campaign},
        status=400 if form.errors else 200,
    )


@login_required
def campaign_detail_view(request, pk: int):
    user = request.user
    campaign = campaign_get(user=user, pk=pk)
    participants = campaign_participants(user=user, campaign=campaign)
    may = {
        permission: actor_may(user, f"collaboration.{permission}", campaign)
        for permission in (
            "change_campaign",
            "design_campaign",
            "open_campaign",
            "start_collaboration",
            "launch_campaign",
            "fix_campaign_period",
            "close_campaign",
            "cancel_campaign",
            "give_campaign_feedback",
        )
    }
    return render(
        request,
        "collaboration/campaigns/detail.html",
        {
            "campaign": campaign,
            "participants": participants[:PARTICIPANTS_SHOWN],
            "participant_count": participants.count(),
            "feedback": campaign_feedback_list(user=user, campaign=campaign)[:100],
            "may": may,
            "feedback_form": FeedbackForm() if may["give_campaign_feedback"] else None,
            "design_form": DesignForm(
                initial={
                    "angle": campaign.angle,
                    "material_format": campaign.material_format,
                }
            ),
            "launch_form": LaunchForm(),
        },
    )


@login_required
@require_POST
def campaign_transition_view(request, pk: int, action: str):
    campaign = campaign_get(user=request.user, pk=pk)
    service, success = TRANSITIONS[action]
    try:
        service(actor=request.user, campaign=campaign)
    except (ValidationError, TransitionError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, success)
    return redirect(campaign)


# POST-only steps with a small form: URL action → (form, service, success message).
FORM_STEPS = {
    "design": (DesignForm, services.campaign_design, _("Rancangan bahan disimpan.")),
    "launch": (
        LaunchForm,
        services.campaign_launch,
        _("Diseminasi dimulai; bahan dikirim ke KIM kampanye."),
    ),
    "feedback": (
        FeedbackForm,
        services.campaign_feedback_add,
        _("Terima kasih, masukan Anda terkirim."),
    ),
}


@login_required
@require_POST
def campaign_step_view(request, pk: int, action: str):
    """Design the material, launch the action, or (a KIM) give feedback; the answer
    is the campaign page with a message."""
    campaign = campaign_get(user=request.user, pk=pk)
    form_class, service, success = FORM_STEPS[action]
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(actor=request.user, campaign=campaign, data=form.cleaned_data)
        except (ValidationError, TransitionError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, success)
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect(campaign)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_fix_view(request, pk: int):
    """After the trial: choose the KIM of the fixed period."""
    campaign = campaign_get(user=request.user, pk=pk)
    if not actor_may(request.user, "collaboration.fix_campaign_period", campaign):
        raise PermissionDenied
    trial = list(
        campaign_participants(
            user=request.user, campaign=campaign, phase=CampaignPhase.TRIAL
        )
    )
    form = FixPeriodForm(request.POST or None, participants=trial)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_fix_period(
                actor=request.user,
                campaign=campaign,
                kim_ids=form.cleaned_data["kim_ids"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        except TransitionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("KIM masa tetap ditetapkan."))
            return redirect(campaign)
    return render(
        request,
        "collaboration/campaigns/fix.html",
        {"form": form, "campaign": campaign},
        status=400 if form.errors else 200,
    )

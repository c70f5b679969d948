"""Who may do what in collaboration, in which state (django-rules, through the core's
`register_transitions`: a wrong actor is PermissionDenied/403, a wrong state
TransitionError/409). Views read through the scoping rule first, so an out-of-scope
object is a 404 before these are asked."""

import rules
from django.utils.translation import gettext_lazy as _

from kimportal.accounts.rules import (
    is_dinas_staff,
    is_kim_member,
    is_ministry,
    is_province_officer,
    is_regency_officer,
)
from kimportal.core.access import register_transitions
from kimportal.core.contributions import kim_id_of
from monitoring.rules import is_member_of_kim, is_regency_officer_of, kim_is_verified

from .choices import OPEN_CAMPAIGN_STATES, CampaignPhase, CampaignState

# --- capacity needs -------------------------------------------------------------------

need_filer = is_member_of_kim | is_regency_officer_of

NEEDS_ACTORS = {"collaboration.file_capacity_need": need_filer}
NEEDS_STATES = {"collaboration.file_capacity_need": kim_is_verified}
NEEDS_MESSAGES = {
    "collaboration.file_capacity_need": _(
        "Kebutuhan kapasitas hanya diisi untuk KIM yang terverifikasi."
    ),
}

register_transitions(
    NEEDS_ACTORS, NEEDS_STATES, {k: str(v) for k, v in NEEDS_MESSAGES.items()}
)
rules.add_perm("collaboration.view_capacity_needs", is_dinas_staff | is_kim_member)
rules.add_perm("collaboration.view_needs_summary", is_dinas_staff)
# Who may pick KIM by targeting (events and campaigns).
rules.add_perm(
    "collaboration.target_kims",
    is_ministry | is_province_officer | is_regency_officer,
)


# --- campaigns -----------------------------------------------------------------------


@rules.predicate
def is_campaign_office(user, campaign):
    """Staff of the office that runs the campaign."""
    return (
        campaign is not None
        and is_dinas_staff(user)
        and user.office_id is not None
        and user.office_id == campaign.office_id
    )


@rules.predicate
def is_campaign_kim(user, campaign):
    """A member of a KIM involved in the campaign."""
    if campaign is None or not is_kim_member(user):
        return False
    kim_id = kim_id_of(user)
    return kim_id is not None and campaign.participants.filter(kim_id=kim_id).exists()


def _state_is(*states):
    @rules.predicate
    def check(user, campaign):
        return campaign is not None and campaign.state in states

    return check


campaign_is_draft = _state_is(CampaignState.DRAFT)
campaign_in_participation = _state_is(CampaignState.PARTICIPATION)
campaign_in_collaboration = _state_is(CampaignState.COLLABORATION)
campaign_in_action = _state_is(CampaignState.ACTION)
campaign_takes_feedback = _state_is(
    CampaignState.PARTICIPATION, CampaignState.COLLABORATION
)
campaign_is_running = _state_is(CampaignState.DRAFT, *OPEN_CAMPAIGN_STATES)


@rules.predicate
def campaign_in_trial(user, campaign):
    return campaign is not None and campaign.phase == CampaignPhase.TRIAL


CAMPAIGN_ACTORS = {
    "collaboration.create_campaign": is_ministry
    | is_province_officer
    | is_regency_officer,
    "collaboration.change_campaign": is_campaign_office,
    "collaboration.design_campaign": is_campaign_office,
    "collaboration.open_campaign": is_campaign_office,
    "collaboration.start_collaboration": is_campaign_office,
    "collaboration.launch_campaign": is_campaign_office,
    "collaboration.fix_campaign_period": is_campaign_office,
    "collaboration.close_campaign": is_campaign_office,
    "collaboration.cancel_campaign": is_campaign_office,
    "collaboration.give_campaign_feedback": is_campaign_kim,
}
CAMPAIGN_STATES = {
    "collaboration.change_campaign": campaign_is_draft,
    "collaboration.design_campaign": campaign_in_collaboration,
    "collaboration.open_campaign": campaign_is_draft,
    "collaboration.start_collaboration": campaign_in_participation,
    "collaboration.launch_campaign": campaign_in_collaboration,
    "collaboration.fix_campaign_period": campaign_in_action & campaign_in_trial,
    "collaboration.close_campaign": campaign_in_action,
    "collaboration.cancel_campaign": campaign_is_running,
    "collaboration.give_campaign_feedback": campaign_takes_feedback,
}
CAMPAIGN_MESSAGES = {
    "collaboration.change_campaign": _("Rencana hanya diubah saat perencanaan."),
    "collaboration.design_campaign": _("Bahan dirancang pada tahap kolaborasi."),
    "collaboration.open_campaign": _("Kampanye ini sudah dibuka."),
    "collaboration.start_collaboration": _(
        "Kolaborasi dimulai setelah tahap partisipasi."
    ),
    "collaboration.launch_campaign": _(
        "Diseminasi dimulai setelah bahan dirancang bersama KIM."
    ),
    "collaboration.fix_campaign_period": _(
        "KIM masa tetap dipilih saat masa uji coba berjalan."
    ),
    "collaboration.close_campaign": _(
        "Hanya kampanye yang berjalan dapat diselesaikan."
    ),
    "collaboration.cancel_campaign": _("Kampanye ini sudah selesai atau dibatalkan."),
    "collaboration.give_campaign_feedback": _(
        "Masukan diterima pada tahap partisipasi dan kolaborasi."
    ),
}

register_transitions(
    CAMPAIGN_ACTORS, CAMPAIGN_STATES, {k: str(v) for k, v in CAMPAIGN_MESSAGES.items()}
)
rules.add_perm("collaboration.view_campaigns", is_dinas_staff | is_kim_member)
rules.add_perm(
    "collaboration.add_campaign", CAMPAIGN_ACTORS["collaboration.create_campaign"]
)


# --- events (collab-events): stated in rules_events, registered on import -------------
from . import rules_events  # noqa: E402, F401

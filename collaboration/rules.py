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
from monitoring.rules import is_member_of_kim, is_regency_officer_of, kim_is_verified

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

# --- events (collab-events): stated in rules_events, registered on import -------------
from . import rules_events  # noqa: E402, F401

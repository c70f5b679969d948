"""Who may do what with nominations for province and national competitions
(django-rules); the nomination services `guard` with these.

Three levels, each with its own step: the kab/kota nominates its KIM, prepares and
accompanies them, records the result and evaluates; the province of that kab/kota
selects or declines, and forwards to the ministry when the competition is national;
the ministry reads what was forwarded. Nobody acts for another level.
"""

import rules
from django.utils.translation import gettext_lazy as _

from kimportal.accounts.rules import (
    is_dinas_staff,
    is_kim_member,
    is_province_officer,
    is_regency_officer,
)
from kimportal.core.access import register_transitions

from .choices_competitions import CompetitionLevel
from .choices_nominations import NominationState


def _nomination_of(obj):
    return getattr(obj, "nomination", obj)


@rules.predicate
def is_nominating_regency(user, obj):
    """A kab/kota officer of the KIM's kab/kota."""
    if obj is None:
        return True
    return bool(user.scope_code) and _nomination_of(obj).regency_id == user.scope_code


@rules.predicate
def is_nominating_province(user, obj):
    """A province officer of the KIM's province."""
    if obj is None:
        return True
    return bool(user.scope_code) and _nomination_of(obj).province_id == user.scope_code


def _state_in(*states):
    @rules.predicate
    def check(user, obj):
        return obj is None or _nomination_of(obj).state in states

    return check


@rules.predicate
def is_national(user, obj):
    return (
        obj is None
        or _nomination_of(obj).competition.level == CompetitionLevel.NATIONAL
    )


@rules.predicate
def is_taking_part(user, obj):
    """Accepted into the competition: selected by the province for its own
    competition, or forwarded to a national one."""
    if obj is None:
        return True
    nomination = _nomination_of(obj)
    if nomination.competition.level == CompetitionLevel.NATIONAL:
        return nomination.state == NominationState.FORWARDED
    return nomination.state == NominationState.SELECTED


regency = is_regency_officer & is_nominating_regency
province = is_province_officer & is_nominating_province
open_states = _state_in(
    NominationState.NOMINATED, NominationState.SELECTED, NominationState.FORWARDED
)

rules.add_perm("collaboration.view_nominations", is_dinas_staff | is_kim_member)
ACTORS = {
    "collaboration.nominate": is_regency_officer,
    "collaboration.withdraw_nomination": regency,
    "collaboration.select_nomination": province,
    "collaboration.decline_nomination": province,
    "collaboration.forward_nomination": province,
    "collaboration.add_nomination_note": regency | province,
    "collaboration.record_nomination_result": regency,
}
STATES = {
    "collaboration.withdraw_nomination": _state_in(NominationState.NOMINATED),
    "collaboration.select_nomination": _state_in(NominationState.NOMINATED),
    "collaboration.decline_nomination": _state_in(
        NominationState.NOMINATED, NominationState.SELECTED
    ),
    "collaboration.forward_nomination": _state_in(NominationState.SELECTED)
    & is_national,
    "collaboration.add_nomination_note": open_states,
    "collaboration.record_nomination_result": is_taking_part,
}
MESSAGES = {
    "collaboration.withdraw_nomination": _(
        "Usulan hanya dapat ditarik sebelum provinsi memutuskan."
    ),
    "collaboration.select_nomination": _("Usulan ini sudah diputuskan."),
    "collaboration.decline_nomination": _(
        "Usulan yang sudah diteruskan ke nasional tidak dapat ditolak."
    ),
    "collaboration.forward_nomination": _(
        "Hanya usulan terpilih untuk lomba nasional yang dapat diteruskan."
    ),
    "collaboration.add_nomination_note": _("Usulan ini sudah ditutup."),
    "collaboration.record_nomination_result": _(
        "Hasil dicatat setelah KIM resmi ikut serta dalam lomba."
    ),
}
register_transitions(ACTORS, STATES, {k: str(v) for k, v in MESSAGES.items()})

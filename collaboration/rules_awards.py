"""Who may do what with awards (django-rules); the award services `guard` with these.

An award period belongs to the office that runs it: only that office's staff (acting
as, or for, the jury) computes the ranking, adjusts it, gives awards, publishes and
revokes. Offices above read it through the scoping rule (a province reads its kab/kota's
periods) but do not change it. A KIM reads its own awards once they are published.
"""

import rules
from django.utils.translation import gettext_lazy as _

from kimportal.accounts.rules import is_dinas_staff, is_kim_member
from kimportal.core.access import register_transitions

from .choices_awards import AwardPeriodState


def _period_of(obj):
    """The period of a period, entry, grant, adjustment or certificate."""
    if hasattr(obj, "office_id"):
        return obj
    if hasattr(obj, "period_id"):
        return obj.period
    if hasattr(obj, "grant_id"):
        return obj.grant.period
    return obj.entry.period


@rules.predicate
def is_award_office(user, obj):
    """The user's office runs the period (of `obj`: a period, entry, grant or
    certificate)."""
    if obj is None:
        return True
    period = _period_of(obj)
    return user.office_id is not None and user.office_id == period.office_id


def _state_in(*states):
    @rules.predicate
    def check(user, obj):
        return obj is None or _period_of(obj).state in states

    return check


rules.add_perm("collaboration.view_awards", is_dinas_staff)
rules.add_perm("collaboration.view_own_awards", is_kim_member)

office = is_dinas_staff & is_award_office
ACTORS = {
    "collaboration.add_award_period": is_dinas_staff,
    "collaboration.change_award_period": office,
    "collaboration.compute_award_ranking": office,
    "collaboration.adjust_award_ranking": office,
    "collaboration.grant_award": office,
    "collaboration.withdraw_award": office,
    "collaboration.publish_awards": office,
    "collaboration.cancel_award_period": office,
    "collaboration.revoke_award_certificate": office,
}
STATES = {
    "collaboration.change_award_period": _state_in(AwardPeriodState.DRAFT),
    "collaboration.compute_award_ranking": _state_in(
        AwardPeriodState.DRAFT, AwardPeriodState.RANKED
    ),
    "collaboration.adjust_award_ranking": _state_in(AwardPeriodState.RANKED),
    "collaboration.grant_award": _state_in(AwardPeriodState.RANKED),
    "collaboration.withdraw_award": _state_in(AwardPeriodState.RANKED),
    "collaboration.publish_awards": _state_in(AwardPeriodState.RANKED),
    "collaboration.cancel_award_period": _state_in(
        AwardPeriodState.DRAFT, AwardPeriodState.RANKED
    ),
    "collaboration.revoke_award_certificate": _state_in(AwardPeriodState.PUBLISHED),
}
MESSAGES = {
    "collaboration.change_award_period": _(
        "Periode hanya diubah sebelum peringkat dihitung."
    ),
    "collaboration.compute_award_ranking": _(
        "Peringkat tidak dapat dihitung ulang setelah diumumkan atau dibatalkan."
    ),
    "collaboration.adjust_award_ranking": _(
        "Penyesuaian hanya dilakukan pada tahap penilaian."
    ),
    "collaboration.grant_award": _("Apresiasi diberikan pada tahap penilaian."),
    "collaboration.withdraw_award": _(
        "Apresiasi yang sudah diumumkan tidak dapat ditarik; cabut piagamnya."
    ),
    "collaboration.publish_awards": _(
        "Hanya periode pada tahap penilaian yang dapat diumumkan."
    ),
    "collaboration.cancel_award_period": _(
        "Periode yang sudah diumumkan tidak dapat dibatalkan."
    ),
    "collaboration.revoke_award_certificate": _(
        "Piagam dicabut setelah apresiasi diumumkan."
    ),
}
register_transitions(ACTORS, STATES, {k: str(v) for k, v in MESSAGES.items()})

"""Who may do what with accounts, and the role predicates every app uses (django-rules).

Role predicates are defined here once, from `Role`; no other module compares role strings.
A superuser counts as the ministry (see `User.effective_role`).
"""

import rules
from django.utils.translation import gettext_lazy as _

from kimportal.core.access import register_transitions

from .models import ApplicationStatus, Role


def _has_role(*roles: str):
    def check(user) -> bool:
        return bool(
            user is not None
            and user.is_authenticated
            and user.is_active
            and user.effective_role in roles
        )

    return check


is_ministry = rules.predicate(_has_role(Role.MINISTRY), name="is_ministry")
is_province_officer = rules.predicate(
    _has_role(Role.PROVINCE), name="is_province_officer"
)
is_regency_officer = rules.predicate(_has_role(Role.REGENCY), name="is_regency_officer")
is_agency = rules.predicate(_has_role(Role.AGENCY), name="is_agency")
is_kim_member = rules.predicate(_has_role(Role.KIM), name="is_kim_member")
# An officer of the ministry, a province or a kab/kota Dinas (not a KIM member, not an
# agency).
is_dinas_staff = rules.predicate(
    _has_role(Role.MINISTRY, Role.PROVINCE, Role.REGENCY), name="is_dinas_staff"
)


@rules.predicate
def application_is_pending(user, application) -> bool:
    # Without an application (`has_perm(...)` asked of the role, e.g. for a menu) there
    # is no state to refuse.
    return application is None or application.status == ApplicationStatus.SUBMITTED


# Audit trails are read by staff offices, within their scope.
rules.add_perm("accounts.view_history", is_dinas_staff)
rules.add_perm("accounts.view_application", is_ministry)

# Transitions: who may ever do them, and in which state (kimportal.core.access.guard).
# Site-admin requests are decided by the ministry alone (SPEC §1, guideline §I.A.1), once.
register_transitions(
    actors={"accounts.decide_application": is_ministry},
    states={"accounts.decide_application": application_is_pending},
    messages={"accounts.decide_application": _("Permohonan ini sudah diputuskan.")},
)

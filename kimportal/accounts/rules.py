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
# External juror accounts of competitions are invited by any Dinas officer.
rules.add_perm("accounts.invite_juror", is_dinas_staff)

# Transitions: who may ever do them, and in which state (kimportal.core.access.guard).
# Site-admin requests are decided by the ministry alone (SPEC §1, guideline §I.A.1), once.
register_transitions(
    actors={"accounts.decide_application": is_ministry},
    states={"accounts.decide_application": application_is_pending},
    messages={"accounts.decide_application": _("Permohonan ini sudah diputuskan.")},
)


# --- office teams (kimportal.accounts.teams) ----------------------------------------


@rules.predicate
def is_site_admin_of_office(user, office) -> bool:
    """An active site admin of `office` (any office when asked without one, e.g. for a
    menu entry)."""
    if not (user and user.is_authenticated and user.is_active and user.is_site_admin):
        return False
    if office is None:
        return True
    # Asked of an office, or of a person (then: of that person's office).
    office_id = office.office_id if hasattr(office, "office_id") else office.pk
    return user.office_id == office_id


@rules.predicate
def is_other_person(user, target) -> bool:
    return target is None or target.pk != user.pk


@rules.predicate
def target_is_active(user, target) -> bool:
    return target is None or target.is_active


@rules.predicate
def leaves_a_site_admin(user, target) -> bool:
    """The office keeps another active site admin after `target` leaves the role."""
    if target is None or not target.is_site_admin:
        return True
    from .teams import active_site_admins

    return active_site_admins(target.office_id).exclude(pk=target.pk).exists()


# Every officer sees their own office's team; site admins and the ministry change it.
rules.add_perm("accounts.view_team", is_dinas_staff | is_agency)
rules.add_perm("accounts.view_offices", is_ministry)
register_transitions(
    actors={
        "accounts.manage_team": is_ministry | is_site_admin_of_office,
        "accounts.deactivate_officer": is_ministry | is_other_person,
        "accounts.grant_site_admin": is_ministry | is_site_admin_of_office,
        "accounts.drop_site_admin": is_ministry | is_site_admin_of_office,
    },
    states={
        "accounts.deactivate_officer": target_is_active & leaves_a_site_admin,
        "accounts.grant_site_admin": target_is_active,
        "accounts.drop_site_admin": leaves_a_site_admin,
    },
    messages={
        "accounts.deactivate_officer": _(
            "Akun ini sudah nonaktif, atau ia admin situs terakhir kantornya: "
            "jadikan rekan lain admin situs dahulu."
        ),
        "accounts.grant_site_admin": _(
            "Akun nonaktif tidak dapat menjadi admin situs."
        ),
        "accounts.drop_site_admin": _(
            "Admin situs terakhir tidak dapat mundur: jadikan rekan lain admin situs "
            "dahulu."
        ),
    },
)

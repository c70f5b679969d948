"""Who may do what in the registry, as named predicates (django-rules).

These answer "may this role act on this object in its state". Whether the object is in the
user's region at all is the scoping rule's job (kimportal.core.scoping): views fetch
through it first, so an out-of-scope object is a 404 before any rule is asked.
"""

import rules

from kimportal.accounts.rules import is_dinas_staff
from kimportal.core.contributions import kim_id_of

from .choices import KimStatus, PartnershipStatus, ReviewStatus


@rules.predicate
def is_ministry(user):
    return user.is_authenticated and user.role == "ministry"


@rules.predicate
def is_province_officer(user):
    return user.is_authenticated and user.role == "province"


@rules.predicate
def is_regency_officer(user):
    return user.is_authenticated and user.role == "regency"


@rules.predicate
def is_kim_member(user):
    return user.is_authenticated and user.role == "kim"


@rules.predicate
def is_agency(user):
    return user.is_authenticated and user.role == "agency"


@rules.predicate
def is_own_kim(user, kim):
    return kim is not None and user.is_authenticated and kim_id_of(user) == kim.pk


@rules.predicate
def kim_is_editable_by_staff(user, kim):
    return kim is None or kim.status in (
        KimStatus.DRAFT,
        KimStatus.REJECTED,
        KimStatus.SUBMITTED,
        KimStatus.VERIFIED,
    )


@rules.predicate
def kim_awaits_verification(user, kim):
    return kim is not None and kim.status == KimStatus.SUBMITTED


@rules.predicate
def kim_can_be_submitted(user, kim):
    return kim is not None and kim.status in (KimStatus.DRAFT, KimStatus.REJECTED)


@rules.predicate
def kim_is_verified(user, kim):
    return kim is not None and kim.status == KimStatus.VERIFIED


@rules.predicate
def kim_has_open_partnership(user, kim):
    return (
        kim is not None
        and kim.partnerships.filter(
            status__in=[PartnershipStatus.ACTIVE, PartnershipStatus.UNDER_REVIEW]
        ).exists()
    )


@rules.predicate
def case_is_open(user, case):
    return case is not None and case.status == ReviewStatus.OPEN


is_staff_reader = is_dinas_staff

# The workflow transitions, split into who may ever do them (the role) and what the
# object's state must be. The API answers a refused role with 403 and a refused state
# with 409 from this split, so it needs no table of its own.
TRANSITION_ACTORS = {
    "registry.submit_kim": is_regency_officer,
    "registry.verify_kim": is_regency_officer,
    "registry.deactivate_kim": is_regency_officer,
    "registry.start_partnership": is_regency_officer,
    "registry.open_review": is_regency_officer | is_province_officer,
    "registry.comment_review": is_regency_officer | is_province_officer,
    "registry.decide_review": is_regency_officer,
}
TRANSITION_STATES = {
    "registry.submit_kim": kim_can_be_submitted,
    "registry.verify_kim": kim_awaits_verification,
    "registry.deactivate_kim": kim_is_verified,
    "registry.start_partnership": kim_is_verified & ~kim_has_open_partnership,
    "registry.open_review": kim_is_verified,
    # Comments and evidence are taken while the case is open; the services agree.
    "registry.comment_review": case_is_open,
    "registry.decide_review": case_is_open,
}
for permission, actor in TRANSITION_ACTORS.items():
    rules.add_perm(permission, actor & TRANSITION_STATES[permission])

rules.add_perm("registry.view_kim", is_staff_reader | is_own_kim)
rules.add_perm("registry.add_kim", is_regency_officer)
rules.add_perm("registry.change_kim", is_regency_officer & kim_is_editable_by_staff)
rules.add_perm("registry.invite_kim_user", is_regency_officer & kim_is_verified)
# A KIM keeps its own data current only while it is verified (the services agree).
rules.add_perm("registry.edit_own_kim", is_kim_member & is_own_kim & kim_is_verified)
rules.add_perm("registry.view_kim_documents", is_staff_reader | is_own_kim)
rules.add_perm("registry.review_change_request", is_regency_officer)
rules.add_perm("registry.view_directory", is_agency | is_ministry)

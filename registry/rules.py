"""Who may do what in the registry, in which state: the single statement (django-rules).

Every write is a transition declared here twice over — *who* may ever do it (a role
predicate from `kimportal.accounts.rules`) and *which state* of the object allows it, with
the one Indonesian message shown when the state refuses. Services call
`kimportal.core.access.guard(user, "<perm>", obj)` after locking the row; views and
templates ask `user.has_perm("<perm>", obj)`, the same rule. Whether the object is in the
user's region at all is the scoping rule's job (kimportal.core.scoping): views fetch
through it (out of scope → 404), services check it again (`services.access`).
"""

import rules
from django.utils.translation import gettext_lazy as _

from kimportal.accounts.rules import (
    is_agency,
    is_dinas_staff,
    is_kim_member,
    is_ministry,
    is_province_officer,
    is_regency_officer,
)
from kimportal.core.access import register_transitions
from kimportal.core.contributions import kim_id_of

from .choices import ChangeRequestStatus, KimStatus, PartnershipStatus, ReviewStatus

# The states in which a kab/kota officer may still correct a KIM's profile and documents.
STAFF_EDITABLE_STATES = frozenset(
    {KimStatus.DRAFT, KimStatus.REJECTED, KimStatus.SUBMITTED, KimStatus.VERIFIED}
)
SUBMITTABLE_STATES = frozenset({KimStatus.DRAFT, KimStatus.REJECTED})
OPEN_PARTNERSHIP_STATES = (PartnershipStatus.ACTIVE, PartnershipStatus.UNDER_REVIEW)


@rules.predicate
def is_own_kim(user, kim):
    return kim is not None and user.is_authenticated and kim_id_of(user) == kim.pk


@rules.predicate
def kim_is_editable_by_staff(user, kim):
    return kim is None or kim.status in STAFF_EDITABLE_STATES


@rules.predicate
def kim_awaits_verification(user, kim):
    return kim is not None and kim.status == KimStatus.SUBMITTED


@rules.predicate
def kim_can_be_submitted(user, kim):
    return kim is not None and kim.status in SUBMITTABLE_STATES


@rules.predicate
def kim_is_verified(user, kim):
    return kim is not None and kim.status == KimStatus.VERIFIED


# Set on a KIM read for its page (selectors.kim_page_get, selectors_profile): whether
# it has an open partnership, read in the same query. Services lock and read the row
# afresh, so they never see it and ask the table.
HAS_OPEN_PARTNERSHIP = "has_open_partnership_read"


@rules.predicate
def kim_has_open_partnership(user, kim):
    if kim is None:
        return False
    known = getattr(kim, HAS_OPEN_PARTNERSHIP, None)
    if known is not None:
        return known
    return kim.partnerships.filter(status__in=OPEN_PARTNERSHIP_STATES).exists()


@rules.predicate
def kim_is_under_review(user, kim):
    return (
        kim is not None and kim.review_cases.filter(status=ReviewStatus.OPEN).exists()
    )


@rules.predicate
def case_is_open(user, case):
    return case is not None and case.status == ReviewStatus.OPEN


@rules.predicate
def change_request_is_pending(user, change_request):
    return (
        change_request is not None
        and change_request.status == ChangeRequestStatus.PENDING
    )


is_staff_reader = is_dinas_staff
is_review_participant = is_regency_officer | is_province_officer

# Who may ever do each write. A refused actor is PermissionDenied (403; a view shows 404
# for objects out of scope before asking).
TRANSITION_ACTORS = {
    "registry.add_kim": is_regency_officer,
    "registry.change_kim": is_regency_officer,
    "registry.submit_kim": is_regency_officer,
    "registry.verify_kim": is_regency_officer,
    "registry.deactivate_kim": is_regency_officer,
    "registry.invite_kim_user": is_regency_officer,
    "registry.start_partnership": is_regency_officer,
    "registry.open_review": is_review_participant,
    # Comments and evidence come from the kab/kota Dinas and its province; the ministry
    # reads a case.
    "registry.comment_review": is_review_participant,
    "registry.decide_review": is_regency_officer,
    "registry.review_change_request": is_regency_officer,
    # A KIM keeps its own data current (legal changes become change requests).
    "registry.edit_own_kim": is_kim_member & is_own_kim,
}
# Which state of the object allows it. A refused state is TransitionError (409). An open
# review case blocks deactivation, a partnership and a second review too; the page still
# opens (the officer sees why on submitting), so the services check that part alone
# (`services.access.refuse_while_under_review`).
TRANSITION_STATES = {
    "registry.change_kim": kim_is_editable_by_staff,
    "registry.submit_kim": kim_can_be_submitted,
    "registry.verify_kim": kim_awaits_verification,
    "registry.deactivate_kim": kim_is_verified,
    "registry.invite_kim_user": kim_is_verified,
    "registry.start_partnership": kim_is_verified & ~kim_has_open_partnership,
    "registry.open_review": kim_is_verified,
    "registry.comment_review": case_is_open,
    "registry.decide_review": case_is_open,
    "registry.review_change_request": change_request_is_pending,
    "registry.edit_own_kim": kim_is_verified,
}
STATE_MESSAGES = {
    "registry.change_kim": _("KIM yang tidak aktif tidak dapat diubah."),
    "registry.submit_kim": _(
        "Hanya KIM berstatus draf atau ditolak yang dapat diajukan."
    ),
    "registry.verify_kim": _(
        "Hanya KIM yang sudah diajukan yang dapat diverifikasi atau ditolak."
    ),
    "registry.deactivate_kim": _("Hanya KIM terverifikasi yang dapat dinonaktifkan."),
    "registry.invite_kim_user": _(
        "Akun KIM hanya dapat dibuat untuk KIM yang sudah terverifikasi."
    ),
    "registry.start_partnership": _(
        "Kemitraan hanya dapat dimulai dengan KIM terverifikasi yang belum memiliki "
        "kemitraan berjalan."
    ),
    "registry.open_review": _("Peninjauan hanya untuk KIM yang terverifikasi."),
    "registry.comment_review": _("Kasus peninjauan ini sudah ditutup."),
    "registry.decide_review": _("Kasus peninjauan ini sudah ditutup."),
    "registry.review_change_request": _("Permohonan perubahan ini sudah diputuskan."),
    "registry.edit_own_kim": _(
        "Data KIM hanya dapat diubah sendiri selama KIM terverifikasi."
    ),
}
register_transitions(TRANSITION_ACTORS, TRANSITION_STATES, STATE_MESSAGES)

# Reads.
rules.add_perm("registry.view_kim", is_staff_reader | is_own_kim)
rules.add_perm("registry.view_kim_documents", is_staff_reader | is_own_kim)
rules.add_perm("registry.view_directory", is_agency | is_ministry)

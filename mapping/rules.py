"""Who may do what in mapping (django-rules), stated once; services `guard` with these.

Reads are for Dinas staff (ministry, province, kab/kota), each within its region by the
scoping rule. Assessments, priorities and settings belong to the kab/kota office, because
values are normalised within its kab/kota. Public issues belong to the office that wrote
them; the ministry alone marks an issue national.
"""

import rules

from kimportal.accounts.rules import (
    is_dinas_staff,
    is_kim_member,
    is_ministry,
    is_regency_officer,
)
from kimportal.core.access import register_transitions


@rules.predicate
def is_issue_owner(user, issue):
    """The issue was written by the user's office: same region, or the ministry's own
    (no region) for a ministry user."""
    if issue is None:
        return True
    if is_ministry(user):
        return issue.owner_region_id is None
    return bool(user.scope_code) and issue.owner_region_id == user.scope_code


@rules.predicate
def is_own_regency(user, obj):
    """The object (an assessment or setting) is of the officer's own kab/kota."""
    if obj is None:
        return True
    return bool(user.scope_code) and obj.regency_id == user.scope_code


rules.add_perm("mapping.view", is_dinas_staff)

# Ownership (the office that wrote an issue, the officer's own kab/kota) is part of who
# may act, so a wrong office gets 403 like a wrong role; there are no workflow states.
ACTORS = {
    "mapping.add_issue": is_dinas_staff,
    "mapping.change_issue": is_dinas_staff & is_issue_owner,
    "mapping.mark_national": is_ministry,
    "mapping.recompute": is_regency_officer,
    "mapping.override": is_regency_officer & is_own_regency,
    "mapping.plan": is_regency_officer & is_own_regency,
    "mapping.change_settings": is_regency_officer & is_own_regency,
    # A KIM answers the interest questionnaire for itself only (the service takes the
    # KIM from the account, never from the request).
    "mapping.answer_questionnaire": is_kim_member,
}
register_transitions(ACTORS, {})

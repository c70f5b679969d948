"""Who may do what with accounts, as named predicates (django-rules)."""

import rules


@rules.predicate
def is_ministry(user):
    return (
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.role == "ministry")
    )


@rules.predicate
def is_dinas_staff(user):
    """An officer of the ministry, a province or a kab/kota Dinas (not a KIM member, not
    an agency)."""
    return (
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.role in ("ministry", "province", "regency"))
    )


# Audit trails are read by staff offices, within their scope.
rules.add_perm("accounts.view_history", is_dinas_staff)
# Site-admin requests are decided by the ministry alone (SPEC §1, guideline §I.A.1).
rules.add_perm("accounts.decide_application", is_ministry)
rules.add_perm("accounts.view_application", is_ministry)

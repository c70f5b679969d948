"""Who may do what with accounts, as named predicates (django-rules)."""

import rules


@rules.predicate
def is_ministry(user):
    return (
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.role == "ministry")
    )


# Site-admin requests are decided by the ministry alone (SPEC §1, guideline §I.A.1).
rules.add_perm("accounts.decide_application", is_ministry)
rules.add_perm("accounts.view_application", is_ministry)

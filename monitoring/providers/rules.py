"""Who may set metrics credentials, connect a channel and enter numbers by hand."""

import rules

from kimportal.accounts.rules import (
    is_kim_member,
    is_ministry,
    is_province_officer,
    is_regency_officer,
)
from kimportal.core.contributions import kim_id_of


@rules.predicate
def is_own_office(user, office) -> bool:
    return office is not None and user.office_id == office.pk


@rules.predicate
def is_own_kim(user, obj) -> bool:
    return obj is not None and getattr(obj, "kim_id", None) == kim_id_of(user)


@rules.predicate
def kim_in_scope(user, obj) -> bool:
    code = getattr(getattr(obj, "kim", None), "village_id", None) or ""
    return bool(user.scope_code) and code.startswith(user.scope_code)


# The ministry sets national keys (office None) and any office's; a province or
# kab/kota officer sets its own office's.
rules.add_perm(
    "monitoring.set_metric_credential",
    is_ministry | ((is_province_officer | is_regency_officer) & is_own_office),
)
# Only the KIM grants access to its own channel ("Hubungkan").
rules.add_perm("monitoring.connect_channel", is_kim_member & is_own_kim)
# Numbers no provider can read: the KIM itself, or its kab/kota.
rules.add_perm(
    "monitoring.enter_metrics",
    (is_kim_member & is_own_kim) | (is_regency_officer & kim_in_scope),
)
# Pull runs (and their retry) are the site admins' (ministry) business.
rules.add_perm("monitoring.retry_pull", is_ministry)

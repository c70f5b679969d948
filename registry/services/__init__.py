"""Every write of the registry (SPEC §3). Views, the API and tasks call these; each runs in
one transaction, locks its row and asks `registry/rules.py` (through `access.kim_guard`)
whether its caller may act in the object's state: the wrong actor gets PermissionDenied,
the wrong state TransitionError, bad input ValidationError keyed by the service's own
argument names, in Indonesian.

Modules by subject: `kims` (registration, profile, deactivation), `documents`,
`verification` (submission, checklist, NIK), `kim_accounts` (invitations),
`self_service` (a KIM's own edits), `change_requests`, `partnerships`, `reviews`; and the
pieces they share: `access`, `profile_data`, `villages`, `uploads`.
"""

from .change_requests import change_request_approve, change_request_reject
from .documents import kim_document_add
from .kim_accounts import kim_invite_user
from .kims import kim_create, kim_deactivate, kim_register, kim_update
from .partnerships import partnership_start, partnerships_end_expired
from .reviews import (
    review_comment_add,
    review_continue,
    review_evidence_add,
    review_open,
    review_terminate,
    reviews_open_for_expired_sk,
)
from .self_service import kim_self_document_add, kim_self_update
from .verification import (
    kim_completeness_problems,
    kim_reject,
    kim_submit,
    kim_verify,
    nik_allocate,
)

__all__ = [
    "change_request_approve",
    "change_request_reject",
    "kim_completeness_problems",
    "kim_create",
    "kim_deactivate",
    "kim_document_add",
    "kim_invite_user",
    "kim_register",
    "kim_reject",
    "kim_self_document_add",
    "kim_self_update",
    "kim_submit",
    "kim_update",
    "kim_verify",
    "nik_allocate",
    "partnership_start",
    "partnerships_end_expired",
    "review_comment_add",
    "review_continue",
    "review_evidence_add",
    "review_open",
    "review_terminate",
    "reviews_open_for_expired_sk",
]

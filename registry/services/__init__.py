"""Every write of the registry (SPEC §3). Views, the API and tasks call these; each runs in
one transaction and refuses an illegal transition with TransitionError or bad input with
ValidationError, in Indonesian."""

from .kim_users import (
    change_request_approve,
    change_request_reject,
    kim_invite_user,
    kim_self_document_add,
    kim_self_update,
)
from .kims import (
    kim_completeness_problems,
    kim_create,
    kim_deactivate,
    kim_document_add,
    kim_reject,
    kim_submit,
    kim_update,
    kim_verify,
    nik_allocate,
)
from .partnerships import partnership_start, partnerships_end_expired
from .reviews import (
    review_comment_add,
    review_continue,
    review_evidence_add,
    review_open,
    review_terminate,
    reviews_open_for_expired_sk,
)

__all__ = [
    "change_request_approve",
    "change_request_reject",
    "kim_completeness_problems",
    "kim_create",
    "kim_deactivate",
    "kim_document_add",
    "kim_invite_user",
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

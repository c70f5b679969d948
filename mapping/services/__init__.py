"""Every write of mapping. Each runs in one transaction and checks its actor with
`kimportal.core.access.guard` after locking its row; bad input is a ValidationError in
Indonesian."""

from .assessments import (
    assessment_override,
    assessment_plan,
    assessments_recompute,
    assessments_recompute_current,
)
from .issues import public_issue_create, public_issue_mark_national, public_issue_update
from .questionnaire import interest_answer_submit
from .settings import mapping_setting_update

__all__ = [
    "assessment_override",
    "assessment_plan",
    "assessments_recompute",
    "assessments_recompute_current",
    "interest_answer_submit",
    "mapping_setting_update",
    "public_issue_create",
    "public_issue_mark_national",
    "public_issue_update",
]

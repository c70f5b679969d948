"""Every write of monitoring (SPEC §5–§6). Views, the API, tasks and other apps call
these; each runs in one transaction, checks its actor and state itself (`guard`, rules in
monitoring/rules.py) and refuses bad input with a ValidationError in Indonesian."""

from .clicks import link_click_count
from .common import reports_counted_changed
from .content import content_item_for
from .materials import (
    delivery_mark_opened,
    material_create,
    material_deliver,
    material_file_add,
    material_publish,
    material_publish_to,
    material_targets,
    material_update,
    material_withdraw,
)
from .reports import (
    evidence_check_record,
    evidence_checks_suppressed,
    report_correct,
    report_create,
    report_return,
    report_submit,
    report_update,
    report_validate,
    reports_validate,
)

__all__ = [
    "content_item_for",
    "delivery_mark_opened",
    "evidence_check_record",
    "evidence_checks_suppressed",
    "link_click_count",
    "material_create",
    "material_deliver",
    "material_file_add",
    "material_publish",
    "material_publish_to",
    "material_targets",
    "material_update",
    "material_withdraw",
    "report_correct",
    "report_create",
    "report_return",
    "report_submit",
    "report_update",
    "report_validate",
    "reports_counted_changed",
    "reports_validate",
]

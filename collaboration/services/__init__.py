"""Writes of collaboration: keyword-only `<noun>_<verb>` services, one module per
subject, each guarding itself (see ../rules.py)."""

from .campaigns import (
    campaign_cancel,
    campaign_close,
    campaign_create,
    campaign_design,
    campaign_feedback_add,
    campaign_fix_period,
    campaign_launch,
    campaign_open,
    campaign_start_collaboration,
    campaign_update,
)
from .needs import capacity_need_file

__all__ = [
    "campaign_cancel",
    "campaign_close",
    "campaign_create",
    "campaign_design",
    "campaign_feedback_add",
    "campaign_fix_period",
    "campaign_launch",
    "campaign_open",
    "campaign_start_collaboration",
    "campaign_update",
    "capacity_need_file",
]

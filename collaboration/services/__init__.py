"""Writes of collaboration: keyword-only `<noun>_<verb>` services, one module per
subject, each guarding itself (see ../rules.py)."""

from .needs import capacity_need_file

__all__ = ["capacity_need_file"]

"""Effectiveness tables as CSV and XLSX: the core's streaming export helper
(`kimportal.core.exports`) does the writing and the formula escaping; this module keeps
the names the dashboard views import."""

from kimportal.core.exports import CONTENT_TYPES, formula_safe

EXPORT_FORMATS = ("csv", "xlsx")

__all__ = ["CONTENT_TYPES", "EXPORT_FORMATS", "formula_safe"]

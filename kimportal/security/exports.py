"""The one hook every export view calls: who exported what, with which filter, and how
many rows."""

from .events import record_security_event
from .middleware import EXPORT_RECORDED
from .models import SecurityEventKind

# Query parameters that say nothing about the exported data.
_NOT_FILTERS = {"page", "page_size", "csrfmiddlewaretoken"}


def record_export(request, *, name: str, fmt: str, rows: int) -> None:
    """Log an export of `rows` rows of `name` (e.g. "kim") as `fmt`, with the filter
    the user applied (the query string)."""
    filters = {
        key: request.GET.getlist(key)[:10]
        for key in list(request.GET)[:30]
        if key not in _NOT_FILTERS
    }
    # A DRF request wraps Django's; the middleware looks at Django's.
    setattr(getattr(request, "_request", request), EXPORT_RECORDED, True)
    record_security_event(
        SecurityEventKind.EXPORT,
        request=request,
        export=name,
        format=fmt,
        rows=rows,
        filters=filters,
    )

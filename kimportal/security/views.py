from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .exports import record_export
from .exports_log import security_event_export_response
from .forms import SecurityEventFilterForm
from .selectors import may_read_security_log, security_event_list

PER_PAGE = 50


@login_required
@require_GET
def security_event_list_view(request):
    """The security log, newest first, filterable by kind, user and day. Pages are
    offsets without a total (the log is long; a COUNT would read all of it)."""
    if not may_read_security_log(request.user):
        raise Http404
    form = SecurityEventFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    try:
        number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        number = 1
    start = (number - 1) * PER_PAGE
    queryset = security_event_list(
        user=request.user,
        kind=filters.get("kind") or None,
        username=filters.get("username") or None,
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    rows = list(queryset[start : start + PER_PAGE + 1])
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "security/event_list.html",
        {
            "form": form,
            "events": rows[:PER_PAGE],
            "page_number": number,
            "has_next": len(rows) > PER_PAGE,
            "query": query.urlencode(),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@login_required
@require_GET
def security_event_export_view(request, fmt: str):
    """The security log with the list page's filters, as CSV or XLSX (recorded: an
    export of the log is itself a security event)."""
    if fmt not in ("csv", "xlsx") or not may_read_security_log(request.user):
        raise Http404
    form = SecurityEventFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = security_event_list(
        user=request.user,
        kind=filters.get("kind") or None,
        username=filters.get("username") or None,
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    record_export(request, name="security-log", fmt=fmt, rows=queryset.count())
    return security_event_export_response(queryset, fmt)

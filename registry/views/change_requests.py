"""Changes to a KIM's legal data asked for by its own account, decided by the kab/kota
Dinas."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kimportal.core.access import actor_may
from kimportal.core.errors import TransitionError
from kimportal.core.service_errors import add_service_error

from .. import services
from ..choices import ChangeRequestStatus
from ..forms import ChangeRequestDecisionForm
from ..presenters import change_rows, region_codes_of
from ..selectors import change_request_get, change_request_list
from ..selectors_views import change_request_current_values, regions_by_code
from .common import PAGE_SIZE, querystring_without, staff_only


@staff_only
@require_GET
def change_request_list_view(request):
    """Changes to legal data asked for by KIM users, pending ones first."""
    status = request.GET.get("status", "")
    if status not in ChangeRequestStatus.values:
        status = ""
    requests_ = change_request_list(user=request.user, status=status or None)
    page = Paginator(requests_, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/change_request_list.html",
        {
            "page": page,
            "status": status,
            "statuses": ChangeRequestStatus.choices,
            "page_query": querystring_without(request.GET, "page"),
        },
    )


def _rows(change_request) -> list[dict]:
    changes = change_request.changes if isinstance(change_request.changes, dict) else {}
    current = change_request_current_values(change_request=change_request)
    regions = regions_by_code(region_codes_of(changes, current))
    return change_rows(changes, current=current, regions=regions)


@staff_only
@require_http_methods(["GET", "POST"])
def change_request_detail_view(request, pk: int):
    change_request = change_request_get(user=request.user, pk=pk)
    # Whether this officer decides such requests at all; whether this one may still be
    # decided when posted is the service's answer (TransitionError once decided).
    may_decide = actor_may(
        request.user, "registry.review_change_request", change_request
    )
    status = 200
    show_form = may_decide and change_request.status == ChangeRequestStatus.PENDING
    form = ChangeRequestDecisionForm() if show_form else None
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied
        form = ChangeRequestDecisionForm(request.POST)
        back = reverse("registry:change-request-detail", args=[change_request.pk])
        if form.is_valid():
            approve = form.cleaned_data["decision"] == ChangeRequestDecisionForm.APPROVE
            decide = (
                services.change_request_approve
                if approve
                else services.change_request_reject
            )
            try:
                decide(
                    change_request=change_request,
                    decided_by=request.user,
                    note=form.cleaned_data["note"],
                )
            except TransitionError as error:
                messages.error(request, error.message)
                return redirect(back)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("Perubahan disetujui dan diterapkan.")
                    if approve
                    else _("Permohonan perubahan ditolak."),
                )
                return redirect(back)
        status = 400
    document = change_request.document
    return render(
        request,
        "registry/change_request_detail.html",
        {
            "change_request": change_request,
            "kim": change_request.kim,
            "rows": _rows(change_request),
            "form": form,
            "document_url": (
                reverse("registry:document-download", args=[document.pk])
                if document
                else None
            ),
        },
        status=status,
    )

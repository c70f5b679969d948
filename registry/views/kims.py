"""The KIM of an officer's region: the list, one KIM's page with its tabs, and the small
actions on it (deactivation, inviting its account)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from kimportal.core.errors import TransitionError
from kimportal.core.service_errors import add_service_error
from kimportal.core.urls_cache import reverse_cached

from .. import services
from ..choices import KimStatus
from ..forms import KimDeactivateForm, KimInviteForm
from ..presenters import kim_list_labels, kim_page_actions
from ..selectors import (
    kim_documents,
    kim_filters_valid,
    kim_get,
    kim_list_rows,
    kim_page_get,
    kim_status_counts,
)
from ..selectors_counts import counts_from_totals, kim_status_counts_column
from ..selectors_list import kim_list_page_rows, kim_list_rows_with_match_counts
from ..selectors_profile import kim_profile_get
from ..selectors_views import (
    kim_partnerships,
    kim_review_cases,
    kim_verifications,
)
from .common import (
    PAGE_SIZE,
    CountedPaginator,
    attach_download_urls,
    deny,
    querystring_without,
    staff_only,
)
from .filter_bar import (
    SELECT_FIELDS,
    filter_selects_html,
    search_label,
    status_links_html,
)
from .profile_html import profile_fields_html

DETAIL_TABS = [
    ("profile", gettext_lazy("Profil")),
    ("documents", gettext_lazy("Dokumen")),
    ("verification", gettext_lazy("Verifikasi")),
    ("partnership", gettext_lazy("Kemitraan")),
    ("reviews", gettext_lazy("Peninjauan")),
]


# The status links above the list, "all" first (labels translated when shown).
_STATUS_CHOICES = [("", gettext_lazy("Semua")), *KimStatus.choices]
_EXPORTS = (("Excel (XLSX)", "xlsx"), ("CSV", "csv"))


@staff_only
@require_GET
def kim_list_view(request):
    """The KIM of the officer's region, searched and filtered, 25 a page."""
    user = request.user
    # kim_list ignores every filter when one is invalid; the counts do the same.
    filters = (
        request.GET.copy()
        if kim_filters_valid(request.GET)
        else QueryDict(mutable=True)
    )
    status = filters.get("status", "")

    counts, total, page = _counts_and_page(
        user, filters, status, request.GET.get("page")
    )

    other_filters = querystring_without(filters, "status", "page")
    status_links = [
        {
            "value": value,
            "label": label,
            "count": counts["total"] if not value else counts.get(value, 0),
            "query": (other_filters + (f"&status={value}" if value else "")).lstrip(
                "&"
            ),
            "current": value == status,
        }
        for value, label in _STATUS_CHOICES
    ]

    page_query = querystring_without(request.GET, "page")
    exports = []
    for label, fmt in _EXPORTS:
        url = reverse_cached("registry:kim-export", fmt=fmt)
        exports.append((label, f"{url}?{page_query}" if page_query else url))
    return render(
        request,
        "registry/kim_list.html",
        {
            "q_label": search_label(),
            "q_value": request.GET.get("q"),
            "filter_selects": filter_selects_html(user, request.GET or None),
            "page": page,
            "total": total,
            "status_links": status_links,
            "status_links_html": status_links_html(status_links),
            "exports": exports,
            "page_query": page_query,
            "can_add": user.has_perm("registry.add_kim"),
            "filters_open": any(request.GET.get(key) for key in SELECT_FIELDS),
        },
    )


# The key under which the list's rows carry the status counts.
_COUNTS = "status_counts_json"
_MAX_ASKED_PAGE = 2**31


def _counts_and_page(user, filters, status: str, number) -> tuple[dict, int, Page]:
    """The status counts, the number of KIM listed and the asked page of rows.

    The rows of the asked page carry the counts in one column, so that one statement
    gives both (perf, issue #6 item 12): sums of the per-kab/kota counts when only
    status, region or media is chosen; for a search, the counts of the matches found
    once for both. The page is then the one `get_page` gives. Otherwise, and whenever
    that page would not be the asked one (no rows: an empty list or a page past the
    end), the counts are read first and the paginator picks the page, as before."""
    try:
        asked = 1 if number is None else int(number)
    except (TypeError, ValueError):
        asked = 1  # get_page shows the first page for a page that is not a number
    # A page number past any real list (whose offset PostgreSQL could not take) goes
    # the paginator's way, which shows the last page without reading it.
    if 1 <= asked <= _MAX_ASKED_PAGE:
        found = _page_with_counts(user, filters, (asked - 1) * PAGE_SIZE)
        if found:
            counts = counts_from_totals(getattr(found[0], _COUNTS) or {})
            total = counts.get(status, 0) if status else counts["total"]
            paginator = CountedPaginator(found, PAGE_SIZE, count=total)
            if asked <= paginator.num_pages:
                return counts, total, Page(found, asked, paginator)
    # Counted from the per-kab/kota counts when only status, region or media is chosen.
    counts = kim_status_counts(user=user, filters=filters)
    total = counts.get(status, 0) if status else counts["total"]
    rows = kim_list_rows(user=user, filters=filters)
    paginator = CountedPaginator(rows, PAGE_SIZE, count=total)
    return counts, total, paginator.get_page(number)


def _page_with_counts(user, filters, start: int) -> list | None:
    """The page's rows from `start`, each carrying the status counts (under _COUNTS),
    when one statement can give both; else None."""
    column = kim_status_counts_column(user=user, filters=filters)
    if column is not None:
        return kim_list_page_rows(
            user=user,
            filters=filters,
            start=start,
            size=PAGE_SIZE,
            extra={_COUNTS: column},
        )
    if (filters.get("q") or "").strip():
        return kim_list_rows_with_match_counts(
            user=user, filters=filters, start=start, size=PAGE_SIZE, counts_key=_COUNTS
        )
    return None


@staff_only
@require_GET
def kim_detail_view(request, pk: int):
    """A KIM's profile with tabs: documents, verification, partnership, review cases."""
    tab = request.GET.get("tab", "profile")
    if tab not in dict(DETAIL_TABS):
        tab = "profile"
    if tab == "profile":
        # The KIM and everything the tab shows, in one statement.
        kim, profile = kim_profile_get(user=request.user, pk=pk)
    else:
        kim = kim_page_get(user=request.user, pk=pk)
    context = {
        "kim": kim,
        "tab": tab,
        "tabs": DETAIL_TABS,
        "history_url": reverse("history", args=["registry", "kim", kim.pk]),
        "today": timezone.localdate(),
        **kim_page_actions(user=request.user, kim=kim),
    }
    if tab == "profile":
        context["profile_fields"] = profile_fields_html(
            kim, labels=kim_list_labels(kim), coverage=profile.coverage
        )
        context["pending_changes"] = profile.pending_changes
        context["channels"] = profile.channels
        context["officers"] = profile.officers
        context["previous_record"] = profile.previous_record
    elif tab == "documents":
        context["documents"] = attach_download_urls(
            kim_documents(user=request.user, kim=kim), "registry:document-download"
        )
    elif tab == "verification":
        context["verifications"] = kim_verifications(kim=kim)
    elif tab == "partnership":
        context["partnerships"] = kim_partnerships(kim=kim)
    elif tab == "reviews":
        context["cases"] = kim_review_cases(kim=kim)
    return render(request, "registry/kim_detail.html", context)


@staff_only
@require_http_methods(["GET", "POST"])
def kim_deactivate_view(request, pk: int):
    """A verified KIM that dissolved, moved or was let go becomes inactive."""
    kim = kim_get(user=request.user, pk=pk)
    if not request.user.has_perm("registry.deactivate_kim", kim):
        return deny(request, kim)
    form = KimDeactivateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.kim_deactivate(
                kim=kim,
                deactivated_by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except TransitionError as error:
            messages.error(request, error.message)
            return redirect(kim)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("KIM dinonaktifkan."))
            return redirect(kim)
    return render(
        request,
        "registry/kim_deactivate.html",
        {"kim": kim, "form": form},
        status=400 if form.is_bound else 200,
    )


@staff_only
@require_http_methods(["GET", "POST"])
def kim_invite_view(request, pk: int):
    """Create (or invite again) the KIM's own account."""
    kim = kim_get(user=request.user, pk=pk)
    if not request.user.has_perm("registry.invite_kim_user", kim):
        return deny(request, kim)
    form = KimInviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invited = services.kim_invite_user(
                kim=kim,
                invited_by=request.user,
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
            )
        except TransitionError as error:
            messages.error(request, error.message)
            return redirect(kim)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("Undangan dikirim ke %(email)s.") % {"email": invited.email}
            )
            return redirect(kim)
    return render(
        request,
        "registry/kim_invite.html",
        {"kim": kim, "form": form},
        status=400 if form.is_bound else 200,
    )

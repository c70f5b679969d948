"""Review cases (peninjauan): opened by the kab/kota or its province, worked with
comments and evidence, decided by the kab/kota (continue, or terminate with a letter)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kimportal.core.errors import TransitionError
from kimportal.core.service_errors import add_service_error

from .. import services
from ..choices import ReviewGround
from ..forms import (
    ReviewCommentForm,
    ReviewDecisionForm,
    ReviewEvidenceForm,
    ReviewOpenForm,
    ReviewStatusFilterForm,
)
from ..presenters import choice_labels
from ..selectors import kim_get, review_case_get, review_case_list
from ..selectors_views import review_case_comments, review_case_evidence
from .common import (
    PAGE_SIZE,
    attach_download_urls,
    deny,
    querystring_without,
    staff_only,
)

# Service arguments named differently on the forms.
OPEN_ERROR_FIELDS = {"evidence": "evidence_file", "file": "evidence_file"}
EVIDENCE_ERROR_FIELDS = {"file": "uploaded_file"}


@staff_only
@require_http_methods(["GET", "POST"])
def review_create_view(request, pk: int):
    """Open a review case on a KIM (kab/kota or province officers)."""
    kim = kim_get(user=request.user, pk=pk)
    if not request.user.has_perm("registry.open_review", kim):
        return deny(request, kim)
    posted = request.method == "POST"
    form = ReviewOpenForm(
        request.POST if posted else None, request.FILES if posted else None
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.review_open(
                kim=kim,
                opened_by=request.user,
                grounds=data["grounds"],
                notes=data["notes"],
                evidence=data["evidence"],
            )
        except TransitionError as error:
            messages.error(request, error.message)
            return redirect(kim)
        except ValidationError as error:
            add_service_error(form, error, OPEN_ERROR_FIELDS)
        else:
            messages.success(request, _("Kasus peninjauan dibuka."))
            return redirect("registry:review-detail", pk=case.pk)
    return render(
        request,
        "registry/review_form.html",
        {"kim": kim, "form": form},
        status=400 if form.is_bound else 200,
    )


@staff_only
@require_GET
def review_list_view(request):
    """Review cases of the officer's region, open ones first."""
    filter_form = ReviewStatusFilterForm(request.GET or None)
    status = ""
    if filter_form.is_bound and filter_form.is_valid():
        status = filter_form.cleaned_data["status"]
    cases = review_case_list(user=request.user, status=status or None)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/review_list.html",
        {
            "filter_form": filter_form,
            "page": page,
            "page_query": querystring_without(request.GET, "page"),
        },
    )


def _review_page(request, case, *, bound_forms=None, status=200):
    user = request.user
    bound_forms = bound_forms or {}
    # Comments and evidence are taken on an open case only (the services refuse them
    # afterwards), so a closed case offers neither form.
    can_comment = user.has_perm("registry.comment_review", case)
    can_decide = user.has_perm("registry.decide_review", case)
    context = {
        "case": case,
        "kim": case.kim,
        "ground_labels": choice_labels(case.grounds, ReviewGround),
        "evidence": attach_download_urls(
            review_case_evidence(case=case), "registry:evidence-download"
        ),
        "comments": review_case_comments(case=case),
        "comment_form": bound_forms.get("comment")
        or (ReviewCommentForm() if can_comment else None),
        "evidence_form": bound_forms.get("evidence")
        or (ReviewEvidenceForm() if can_comment else None),
        "decision_form": bound_forms.get("decision")
        or (ReviewDecisionForm() if can_decide else None),
        "letter_url": (
            reverse("registry:decision-letter-download", args=[case.pk])
            if case.decision_letter
            else None
        ),
    }
    return render(request, "registry/review_detail.html", context, status=status)


@staff_only
@require_GET
def review_detail_view(request, pk: int):
    case = review_case_get(user=request.user, pk=pk)
    return _review_page(request, case)


def _case_for(request, pk: int, permission: str):
    case = review_case_get(user=request.user, pk=pk)
    if not request.user.has_perm(permission, case):
        raise PermissionDenied
    return case


@staff_only
@require_POST
def review_comment_view(request, pk: int):
    case = _case_for(request, pk, "registry.comment_review")
    form = ReviewCommentForm(request.POST)
    if form.is_valid():
        try:
            services.review_comment_add(
                case=case, author=request.user, body=form.cleaned_data["body"]
            )
        except TransitionError as error:
            messages.error(request, error.message)
            return redirect("registry:review-detail", pk=case.pk)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Komentar ditambahkan."))
            return redirect("registry:review-detail", pk=case.pk)
    return _review_page(request, case, bound_forms={"comment": form}, status=400)


@staff_only
@require_POST
def review_evidence_view(request, pk: int):
    case = _case_for(request, pk, "registry.comment_review")
    form = ReviewEvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.review_evidence_add(
                case=case,
                uploaded_by=request.user,
                uploaded_file=form.cleaned_data["uploaded_file"],
                description=form.cleaned_data["description"],
            )
        except TransitionError as error:
            messages.error(request, error.message)
            return redirect("registry:review-detail", pk=case.pk)
        except ValidationError as error:
            add_service_error(form, error, EVIDENCE_ERROR_FIELDS)
        else:
            messages.success(request, _("Bukti diunggah."))
            return redirect("registry:review-detail", pk=case.pk)
    return _review_page(request, case, bound_forms={"evidence": form}, status=400)


@staff_only
@require_POST
def review_decide_view(request, pk: int):
    """Close a review: the partnership continues, or it is terminated."""
    case = _case_for(request, pk, "registry.decide_review")
    form = ReviewDecisionForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["outcome"] == ReviewDecisionForm.TERMINATE:
                services.review_terminate(
                    case=case,
                    decided_by=request.user,
                    decision_date=data["decision_date"],
                    decision_number=data["decision_number"],
                    decision_letter=data["decision_letter"],
                    note=data["note"],
                )
            else:
                services.review_continue(
                    case=case, decided_by=request.user, note=data["note"]
                )
        except TransitionError as error:
            messages.error(request, error.message)
            return redirect("registry:review-detail", pk=case.pk)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Keputusan peninjauan disimpan."))
            return redirect("registry:review-detail", pk=case.pk)
    return _review_page(request, case, bound_forms={"decision": form}, status=400)

"""Public issue pages (Tabel 3.2): list, detail, create, update, mark national."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kimportal.core.access import actor_may
from monitoring.selectors import material_list
from registry.choices import GovernmentAffair
from registry.selectors import kim_list

from .. import services
from ..choices import IssueSourceKind
from ..forms import PublicIssueForm
from ..selectors import (
    public_issue_get,
    public_issue_kims,
    public_issue_list,
    public_issue_materials,
)
from .assessments import _apply_errors
from .common import staff_view

MAX_KIM_CHOICES = 300


def _kim_choices(user):
    """KIM the officer may link: those of their scope, by name (capped for the page)."""
    return [
        (str(pk), name)
        for pk, name in kim_list(user=user)
        .order_by("name", "id")
        .values_list("pk", "name")[:MAX_KIM_CHOICES]
    ]


def _material_choices(user):
    return [
        (str(pk), title)
        for pk, title in material_list(user=user)
        .order_by("-id")
        .values_list("pk", "title")[:MAX_KIM_CHOICES]
    ]


@staff_view
def issue_list_view(request):
    issues = list(public_issue_list(user=request.user, filters=request.GET)[:200])
    return render(
        request,
        "mapping/issue_list.html",
        {
            "issues": issues,
            "fields": GovernmentAffair.choices,
            "can_add": actor_may(request.user, "mapping.add_issue"),
        },
    )


@staff_view
def issue_detail_view(request, pk: int):
    issue = public_issue_get(user=request.user, pk=pk)
    labels = dict(IssueSourceKind.choices)
    return render(
        request,
        "mapping/issue_detail.html",
        {
            "issue": issue,
            "sources": [
                {**s, "label": labels.get(s["kind"], "")} for s in issue.sources
            ],
            "kims": public_issue_kims(user=request.user, issue=issue),
            "materials": public_issue_materials(user=request.user, issue=issue),
            "can_change": actor_may(request.user, "mapping.change_issue", issue),
            "can_mark_national": actor_may(
                request.user, "mapping.mark_national", issue
            ),
        },
    )


def _save(request, form, issue=None):
    data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("source_")}
    kim_ids = [int(k) for k in data.pop("kims", [])]
    material_ids = [int(m) for m in data.pop("materials", [])]
    data["sources"] = form.sources()
    links = {"kim_ids": kim_ids, "material_ids": material_ids}
    if issue is None:
        return services.public_issue_create(actor=request.user, data=data, **links)
    return services.public_issue_update(
        issue=issue, actor=request.user, data=data, **links
    )


@staff_view
@require_http_methods(["GET", "POST"])
def issue_create_view(request):
    if not actor_may(request.user, "mapping.add_issue"):
        raise PermissionDenied
    return _form_page(request, None)


@staff_view
@require_http_methods(["GET", "POST"])
def issue_update_view(request, pk: int):
    issue = public_issue_get(user=request.user, pk=pk)
    if not actor_may(request.user, "mapping.change_issue", issue):
        raise PermissionDenied
    return _form_page(request, issue)


def _form_page(request, issue):
    choices = {
        "kim_choices": _kim_choices(request.user),
        "material_choices": _material_choices(request.user),
    }
    if request.method == "POST":
        form = PublicIssueForm(request.POST, **choices)
        if form.is_valid():
            try:
                saved = _save(request, form, issue)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Isu publik disimpan."))
                return redirect("mapping:issue-detail", pk=saved.pk)
    else:
        initial = PublicIssueForm.initial_for(issue) if issue else {}
        form = PublicIssueForm(initial=initial, **choices)
    return render(
        request,
        "mapping/issue_form.html",
        {"form": form, "issue": issue},
        status=400 if form.errors else 200,
    )


@staff_view
@require_POST
def issue_national_view(request, pk: int):
    issue = public_issue_get(user=request.user, pk=pk)
    national = request.POST.get("national") != "0"
    services.public_issue_mark_national(
        issue=issue, actor=request.user, national=national
    )
    messages.success(
        request,
        _("Isu ditandai sebagai isu nasional.")
        if national
        else _("Tanda isu nasional dicabut."),
    )
    return redirect("mapping:issue-detail", pk=pk)

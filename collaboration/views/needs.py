"""Capacity needs (Tabel 4.1): the KIM files on its phone, its kab/kota files for it,
and the office reads the needs aggregated per skill and kecamatan."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kimportal.core.access import actor_may
from kimportal.core.charts import Bar, bar_chart
from kimportal.core.errors import TransitionError
from kimportal.core.scoping import code_in_scope
from kimportal.core.service_errors import add_service_error
from mapping.choices import Approach
from registry.selectors import kim_get, kim_own_get

from ..choices import Skill
from ..forms_needs import CapacityNeedForm, TargetingForm
from ..selectors_needs import capacity_need_get, capacity_need_list, needs_summary
from ..services import capacity_need_file
from ..targeting import target_kims

PER_PAGE = 25


def _region(request) -> str:
    region = (request.GET.get("region") or "").replace("\x00", "").strip()[:13]
    if region and not code_in_scope(request.user, region):
        raise Http404
    return region


def _summary_chart(summary):
    return bar_chart(
        title=_("KIM yang membutuhkan peningkatan keahlian"),
        bars=[
            Bar(
                row["label"],
                row["needing"],
                reverse("collaboration:targeting")
                + "?"
                + urlencode({"need_skills": row["skill"]}),
            )
            for row in summary["skills"]
        ],
        value_title=_("KIM"),
        label_title=_("Keahlian"),
        key="needs",
    )


@login_required
def need_list_view(request):
    """Staff: the needs of their scope; a KIM: its own filings."""
    user = request.user
    if not user.has_perm("collaboration.view_capacity_needs"):
        raise Http404
    if user.is_kim:
        kim = kim_own_get(user=user)
        filings = capacity_need_list(user=user, kim_id=kim.pk)[:24]
        return render(
            request,
            "collaboration/needs/own_list.html",
            {"kim": kim, "filings": filings},
        )
    region = _region(request)
    summary = needs_summary(user=user, region=region)
    page = Paginator(
        capacity_need_list(user=user, latest_only=True, region=region), PER_PAGE
    ).get_page(request.GET.get("page"))
    suggestions = sorted(
        (row for row in summary["skills"] if row["needing"]),
        key=lambda row: -row["needing"],
    )[:3]
    return render(
        request,
        "collaboration/needs/summary.html",
        {
            "summary": summary,
            "chart": _summary_chart(summary),
            "skill_labels": [label for _value, label in Skill.choices],
            "suggestions": suggestions,
            "page": page,
            "region": region,
            "region_query": urlencode({"region": region}) if region else "",
        },
    )


def _file(request, kim, *, redirect_to):
    form = CapacityNeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            need = capacity_need_file(
                actor=request.user, kim=kim, data=form.service_data()
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        except TransitionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Kebutuhan kapasitas disimpan."))
            return redirect(redirect_to(need))
    return render(
        request,
        "collaboration/needs/form.html",
        {"form": form, "kim": kim},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_create_view(request):
    """The KIM's own phone form."""
    if not request.user.is_kim:
        raise Http404
    kim = kim_own_get(user=request.user)
    return _file(
        request, kim, redirect_to=lambda need: reverse("collaboration:need-list")
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_create_for_kim_view(request, kim_pk: int):
    """Staff of the KIM's kab/kota fill the form on its behalf."""
    if request.user.is_kim or not request.user.has_perm(
        "collaboration.view_needs_summary"
    ):
        raise Http404
    kim = kim_get(user=request.user, pk=kim_pk)
    if not actor_may(request.user, "collaboration.file_capacity_need", kim):
        raise PermissionDenied
    return _file(
        request,
        kim,
        redirect_to=lambda need: reverse("collaboration:need-detail", args=[need.pk]),
    )


@login_required
def need_detail_view(request, pk: int):
    need = capacity_need_get(user=request.user, pk=pk)
    history = capacity_need_list(user=request.user, kim_id=need.kim_id)[:12]
    return render(
        request,
        "collaboration/needs/detail.html",
        {
            "need": need,
            "history": history,
            "may_file": actor_may(
                request.user, "collaboration.file_capacity_need", need.kim
            ),
        },
    )


@login_required
def targeting_view(request):
    """Whom to invite: the KIM `target_kims` picks, pembinaan first (also the
    preview events and campaigns build on)."""
    if not request.user.has_perm("collaboration.target_kims"):
        raise Http404
    form = TargetingForm(request.GET or None)
    selection = form.selection() if request.GET else {}
    page = Paginator(target_kims(actor=request.user, **selection), PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "collaboration/needs/targeting.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "quadrant_labels": dict(Approach.choices),
        },
    )

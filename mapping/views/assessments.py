"""Assessment pages: the list of a kab/kota and period, one KIM's assessment (formula,
provenance, history, override and priority forms), the settings, and recompute now."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kimportal.core.access import actor_may

from .. import services
from ..choices import APPROACH_DESCRIPTIONS, Approach, Dimension
from ..forms import OverrideForm, PlanForm, SettingForm
from ..periods import period_parse
from ..selectors import (
    assessment_get,
    assessment_history,
    assessment_list,
    regency_get,
    setting_get,
)
from ..selectors_grid import previous_positions
from .common import regency_field, selection_from, staff_view


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# The full table of a kab/kota or area, a page at a time; the exports hold every row.
LIST_PAGE_SIZE = 100


def _approach_asked(request) -> str:
    """The quadrant the table is narrowed to (`?approach=`); unknown values mean all."""
    approach = request.GET.get("approach") or ""
    return approach if approach in Approach.values else ""


@staff_view
def assessment_list_view(request):
    """Every assessment of the period in scope (one quadrant with `?approach=`), with
    its previous quadrant and target: the grid's full table alternative."""
    selection = selection_from(request)
    queryset = assessment_list(
        user=request.user,
        period=selection.period.key,
        regency_code=selection.regency_code,
    ).defer("components", "inputs", "provenance")  # the detail page shows these
    approach = _approach_asked(request)
    if approach:
        queryset = queryset.filter(approach=approach)
    page = Paginator(queryset, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    assessments = list(page.object_list)
    previous = previous_positions(
        user=request.user,
        period=selection.period,
        regency_code=selection.regency_code,
        kim_ids=[a.kim_id for a in assessments],
    )
    for assessment in assessments:
        before = previous.get(assessment.kim_id)
        assessment.previous_label = Approach(before[0]).label if before else None
    extra = {"approach": approach} if approach else {}
    return render(
        request,
        "mapping/assessment_list.html",
        {
            "selection": selection,
            "assessments": assessments,
            "page": page,
            "page_query": selection.query(**extra),
            "approach": approach,
            "approach_choices": Approach.choices,
            **regency_field(user=request.user, selection=selection),
            "can_recompute": selection.regency is not None
            and actor_may(request.user, "mapping.recompute")
            and request.user.scope_code == selection.regency_code,
        },
    )


@staff_view
def assessment_detail_view(request, pk: int):
    assessment = assessment_get(user=request.user, pk=pk)
    return _render_detail(request, assessment)


def _render_detail(request, assessment, override_form=None, plan_form=None, status=200):
    user = request.user
    can_change = actor_may(user, "mapping.override", assessment)
    override_form = override_form or OverrideForm(
        initial={
            "interest": assessment.interest_override,
            "power": assessment.power_override,
            "influence": assessment.influence_override,
        }
    )
    plan_form = plan_form or PlanForm(
        initial={
            "is_prioritised": assessment.is_prioritised,
            "is_involved": assessment.is_involved,
            "target_approach": assessment.target_approach,
            "note": assessment.plan_note,
        }
    )
    dimensions = [
        {
            "key": d,
            "label": Dimension(d).label,
            "computed": getattr(assessment, f"{d}_score"),
            "computed_high": getattr(assessment, f"{d}_high"),
            "override": getattr(assessment, f"{d}_override"),
            "effective_high": assessment.effective_high(d),
            "threshold": (assessment.thresholds or {}).get(d),
            "components": (assessment.components or {}).get(d, {}),
        }
        for d in ("interest", "power", "influence")
    ]
    return render(
        request,
        "mapping/assessment_detail.html",
        {
            "assessment": assessment,
            "period": period_parse(assessment.period),
            "dimensions": dimensions,
            "approach_label": Approach(assessment.approach).label,
            "approach_text": APPROACH_DESCRIPTIONS[assessment.approach],
            "history": assessment_history(user=user, assessment=assessment),
            "override_form": override_form,
            "plan_form": plan_form,
            "can_change": can_change,
        },
        status=status,
    )


@staff_view
@require_POST
def assessment_override_view(request, pk: int):
    assessment = assessment_get(user=request.user, pk=pk)
    form = OverrideForm(request.POST)
    if form.is_valid():
        try:
            services.assessment_override(
                assessment=assessment,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                interest=form.cleaned_data["interest"],
                power=form.cleaned_data["power"],
                influence=form.cleaned_data["influence"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Penyesuaian disimpan."))
            return redirect("mapping:assessment-detail", pk=pk)
    return _render_detail(request, assessment, override_form=form, status=400)


@staff_view
@require_POST
def assessment_plan_view(request, pk: int):
    assessment = assessment_get(user=request.user, pk=pk)
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            services.assessment_plan(
                assessment=assessment,
                actor=request.user,
                is_prioritised=form.cleaned_data["is_prioritised"],
                is_involved=form.cleaned_data["is_involved"],
                target_approach=form.cleaned_data["target_approach"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Prioritas disimpan."))
            return redirect("mapping:assessment-detail", pk=pk)
    return _render_detail(request, assessment, plan_form=form, status=400)


@staff_view
@require_POST
def recompute_view(request):
    """Recompute the chosen period of the officer's own kab/kota now."""
    selection = selection_from(request)
    if selection.regency is None:
        raise PermissionDenied
    count = services.assessments_recompute(
        regency_code=selection.regency.code,
        period=selection.period,
        actor=request.user,
    )
    messages.success(
        request,
        _("%(n)s KIM dinilai ulang untuk %(p)s.")
        % {
            "n": count,
            "p": selection.period.label,
        },
    )
    return redirect(reverse("mapping:assessment-list") + "?" + selection.query())


@staff_view
@require_http_methods(["GET", "POST"])
def settings_view(request):
    """The kab/kota office's period kind and thresholds; others read them."""
    regency = regency_get(user=request.user, code=request.GET.get("regency"))
    if regency is None:
        raise PermissionDenied
    setting = setting_get(regency_code=regency.code)
    may_change = actor_may(request.user, "mapping.change_settings", setting)
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        form = SettingForm(request.POST)
        if form.is_valid():
            try:
                services.mapping_setting_update(
                    regency_code=regency.code, actor=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Pengaturan pemetaan disimpan."))
                return redirect("mapping:settings")
    else:
        form = SettingForm(
            initial={
                "period_kind": setting.period_kind,
                "interest_threshold": setting.interest_threshold,
                "power_threshold": setting.power_threshold,
                "influence_threshold": setting.influence_threshold,
            }
        )
    return render(
        request,
        "mapping/settings.html",
        {
            "form": form,
            "regency": regency,
            "setting": setting,
            "may_change": may_change,
        },
        status=400 if form.errors else 200,
    )


def _yes_no(field: str):
    from django.db.models import Case, Value, When

    return Case(
        When(**{field: True}, then=Value(_("tinggi"))), default=Value(_("rendah"))
    )


@staff_view
def assessment_export_view(request, fmt: str):
    """Every assessment of the list's period, kab/kota and quadrant (not only the page
    shown), streamed through the core export helper."""
    from django.http import Http404

    from kimportal.core.exports import FORMATS, Column, choice_label, export_response

    if fmt not in FORMATS:
        raise Http404
    selection = selection_from(request)
    queryset = assessment_list(
        user=request.user,
        period=selection.period.key,
        regency_code=selection.regency_code,
    )
    approach = _approach_asked(request)
    if approach:
        queryset = queryset.filter(approach=approach)
    columns = [
        Column(_("Kab/kota"), "regency__name"),
        Column(_("KIM"), "kim__name"),
        Column(_("NIK"), "kim__nik"),
        Column(_("Periode"), "period"),
        Column(_("Skor ketertarikan"), "interest_score"),
        Column(_("Ketertarikan"), _yes_no("interest_high")),
        Column(_("Skor kekuatan"), "power_score"),
        Column(_("Kekuatan"), _yes_no("power_high")),
        Column(_("Skor pengaruh"), "influence_score"),
        Column(_("Pengaruh"), _yes_no("influence_high")),
        Column(_("Pendekatan"), choice_label("approach", Approach)),
        Column(_("Diprioritaskan"), "is_prioritised"),
        Column(_("Dilibatkan"), "is_involved"),
    ]
    return export_response(
        fmt,
        filename=f"pemetaan-{selection.period.key}-{selection.regency_code or 'semua'}",
        queryset=queryset,
        columns=columns,
        title="Pemetaan",
    )

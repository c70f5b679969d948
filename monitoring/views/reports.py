"""Dissemination reports: the KIM's phone form and list, the kab/kota's validation queue
(province and ministry read-only), a report's page and its transitions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kimportal.accounts.models import Role
from kimportal.core.access import actor_may, state_allows
from kimportal.core.errors import TransitionError
from kimportal.imports.exportjobs import runs_in_background
from kimportal.imports.views_exports import export_offer_response
from kimportal.security.exports import record_export
from registry.selectors import kim_get, kim_list

from .. import services
from ..choices import ReportState
from ..exports_reports import (
    EXPORT_FORMATS,
    report_export_filters,
    report_export_response,
)
from ..forms import ReportForm, ReturnForm
from ..rules import own_kim_id
from ..selectors import kim_material_choices, report_get, report_list
from .common import apply_service_error, paginate, private_file_response
from .queue import kim_options, queue_rows, with_selected


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise Http404


def _safe_next(request) -> str | None:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def _may(user, perm: str, report) -> bool:
    return actor_may(user, perm, report) and state_allows(user, perm, report)


@login_required
def report_list_view(request):
    """The KIM's own reports, or the queue of reports in the officer's scope."""
    _require(request, "monitoring.view_reports")
    filters = {k: request.GET.get(k, "") for k in ("kim", "month", "state", "material")}
    is_kim = request.user.effective_role == Role.KIM
    if not is_kim and "state" not in request.GET:
        filters["state"] = ReportState.SUBMITTED  # the queue opens on what waits
    page = paginate(request, report_list(user=request.user, filters=filters))
    may_validate = request.user.has_perm("monitoring.validate_reports")
    kims = (
        []
        if is_kim
        else list(kim_list(user=request.user).values_list("id", "name")[:300])
    )
    options = kim_options(kims)
    return render(
        request,
        "monitoring/report_list.html",
        {
            "page": page,
            "rows": queue_rows(page.object_list),
            "filters": filters,
            "states": ReportState.choices,
            "kims": kims,
            "kim_options": options,
            "kim_filter_options": with_selected(options, filters["kim"]),
            "is_kim": is_kim,
            "may_validate": may_validate,
            "page_query": urlencode({k: v for k, v in filters.items() if v}),
        },
    )


@login_required
@require_GET
def report_export_view(request, fmt: str):
    """The report list (or validation queue) with the list page's filters, as a file."""
    _require(request, "monitoring.view_reports")
    if fmt not in EXPORT_FORMATS:
        raise Http404
    filters = report_export_filters(request.GET)
    queryset = report_list(user=request.user, filters=filters).prefetch_related(None)
    rows = queryset.count()
    if runs_in_background(fmt, rows):  # too big for one request: offer a job
        return export_offer_response(request, kind="reports", fmt=fmt, rows=rows)
    name = (
        "validation-queue" if filters["state"] == ReportState.SUBMITTED else "reports"
    )
    record_export(request, name=name, fmt=fmt, rows=rows)
    return report_export_response(queryset, fmt)


def _kim_for_new_report(request):
    """The KIM a new report is for: the user's own, or (kab/kota filing on behalf) the
    `kim` of the query, in scope."""
    kim_id = (
        own_kim_id(request.user) if request.user.effective_role == Role.KIM else None
    )
    if kim_id is None:
        raw = request.GET.get("kim") or request.POST.get("kim") or ""
        if not (request.user.effective_role == Role.REGENCY and raw.isdigit()):
            raise Http404
        kim_id = int(raw)
    return kim_get(user=request.user, pk=kim_id)


@login_required
@require_http_methods(["GET", "POST"])
def report_create_view(request):
    kim = _kim_for_new_report(request)
    if not actor_may(request.user, "monitoring.create_report", kim):
        raise PermissionDenied
    choices = kim_material_choices(user=request.user, kim_id=kim.pk)
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES, material_choices=choices)
        if form.is_valid():
            try:
                report = services.report_create(
                    kim=kim,
                    created_by=request.user,
                    data=form.service_data(),
                    evidence_urls=form.evidence_urls(),
                    photo=form.cleaned_data.get("photo"),
                    idempotency_key=form.cleaned_data.get("idempotency_key") or "",
                    submit=request.POST.get("action") != "draft",
                )
            except ValidationError as error:
                apply_service_error(form, error)
            except TransitionError as error:
                form.add_error(None, error.message)
            else:
                if report.state == ReportState.SUBMITTED:
                    messages.success(request, _("Laporan terkirim ke Dinas."))
                else:
                    messages.success(request, _("Laporan tersimpan sebagai draf."))
                return redirect("monitoring:report-detail", pk=report.pk)
    else:
        initial = {}
        material = request.GET.get("material", "")
        if material.isdigit() and int(material) in {pk for pk, _t in choices}:
            initial["material"] = int(material)
        form = ReportForm(initial=initial, material_choices=choices)
    return render(
        request,
        "monitoring/report_form.html",
        {
            "form": form,
            "kim": kim,
            "on_behalf": request.user.effective_role != Role.KIM,
        },
    )


@login_required
def report_detail_view(request, pk: int):
    report = report_get(user=request.user, pk=pk)
    user = request.user
    return render(
        request,
        "monitoring/report_detail.html",
        {
            "report": report,
            "may_edit": _may(user, "monitoring.change_report", report),
            "may_submit": _may(user, "monitoring.submit_report", report),
            "may_validate": _may(user, "monitoring.validate_report", report),
            "may_return": _may(user, "monitoring.return_report", report),
            "may_correct": _may(user, "monitoring.correct_report", report),
            "return_form": ReturnForm(),
        },
    )


def _report_form_view(request, report, *, correcting: bool):
    choices = kim_material_choices(user=request.user, kim_id=report.kim_id)
    initial = {
        "evidence_url": "",
        "evidence_more": "\n".join(link.url for link in report.evidence.all()),
        "action_kind": report.action_kind,
        "medium": report.medium,
        "format": report.format,
        "activity_date": report.activity_date,
        "activity_count": report.activity_count,
        "material": report.material_id,
        "activity": report.activity,
    }
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES, material_choices=choices)
        if form.is_valid():
            try:
                if correcting:
                    result = services.report_correct(
                        report=report,
                        corrected_by=request.user,
                        data=form.service_data(),
                        evidence_urls=form.evidence_urls(),
                        photo=form.cleaned_data.get("photo"),
                        idempotency_key=form.cleaned_data.get("idempotency_key") or "",
                        submit=True,
                    )
                else:
                    result = services.report_update(
                        report=report,
                        updated_by=request.user,
                        data=form.service_data(),
                        evidence_urls=form.evidence_urls(),
                        photo=form.cleaned_data.get("photo"),
                    )
                    if request.POST.get("action") != "draft":
                        result = services.report_submit(
                            report=result, submitted_by=request.user
                        )
            except ValidationError as error:
                apply_service_error(form, error)
            except TransitionError as error:
                messages.error(request, error.message)
                return redirect("monitoring:report-detail", pk=report.pk)
            else:
                messages.success(request, _("Laporan tersimpan."))
                return redirect("monitoring:report-detail", pk=result.pk)
    else:
        form = ReportForm(initial=initial, material_choices=choices)
    return render(
        request,
        "monitoring/report_form.html",
        {"form": form, "kim": report.kim, "report": report, "correcting": correcting},
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_update_view(request, pk: int):
    report = report_get(user=request.user, pk=pk)
    if not actor_may(request.user, "monitoring.change_report", report):
        raise PermissionDenied
    if not state_allows(request.user, "monitoring.change_report", report):
        messages.error(request, _("Laporan ini tidak dapat diubah lagi."))
        return redirect("monitoring:report-detail", pk=pk)
    return _report_form_view(request, report, correcting=False)


@login_required
@require_http_methods(["GET", "POST"])
def report_correct_view(request, pk: int):
    report = report_get(user=request.user, pk=pk)
    if not actor_may(request.user, "monitoring.correct_report", report):
        raise PermissionDenied
    if not state_allows(request.user, "monitoring.correct_report", report):
        messages.error(
            request, _("Laporan ini tidak dapat dikoreksi sebagai versi baru.")
        )
        return redirect("monitoring:report-detail", pk=pk)
    return _report_form_view(request, report, correcting=True)


def _transition(request, pk: int, action, success: str):
    report = report_get(user=request.user, pk=pk)
    try:
        action(report)
    except TransitionError as error:
        messages.error(request, error.message)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(
        _safe_next(request) or reverse("monitoring:report-detail", args=[pk])
    )


@login_required
@require_POST
def report_submit_view(request, pk: int):
    return _transition(
        request,
        pk,
        lambda r: services.report_submit(report=r, submitted_by=request.user),
        _("Laporan terkirim ke Dinas."),
    )


@login_required
@require_POST
def report_validate_view(request, pk: int):
    return _transition(
        request,
        pk,
        lambda r: services.report_validate(report=r, validated_by=request.user),
        _("Laporan divalidasi."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_return_view(request, pk: int):
    report = report_get(user=request.user, pk=pk)
    if not actor_may(request.user, "monitoring.return_report", report):
        raise PermissionDenied
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_return(
                report=report,
                returned_by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except TransitionError as error:
            messages.error(request, error.message)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Laporan dikembalikan ke KIM."))
            return redirect("monitoring:report-list")
        if not form.errors:
            return redirect("monitoring:report-detail", pk=pk)
    return render(
        request, "monitoring/report_return.html", {"report": report, "form": form}
    )


@login_required
@require_POST
def reports_validate_view(request):
    """Bulk validation from the queue: the ticked reports, all or none."""
    if not request.user.has_perm("monitoring.validate_reports"):
        raise PermissionDenied
    ids = [pk for pk in request.POST.getlist("report") if pk.isdigit()]
    visible = set(
        report_list(user=request.user).filter(pk__in=ids).values_list("pk", flat=True)
    )
    if not ids:
        messages.warning(request, _("Pilih laporan yang akan divalidasi."))
    elif len(visible) != len(set(ids)):
        raise Http404
    else:
        try:
            count = services.reports_validate(
                report_ids=visible, validated_by=request.user
            )
        except (TransitionError, PermissionDenied) as error:
            messages.error(
                request,
                getattr(error, "message", None)
                or _("Sebagian laporan tidak dapat divalidasi; tidak ada yang diubah."),
            )
        else:
            messages.success(
                request, _("%(count)d laporan divalidasi.") % {"count": count}
            )
    return redirect(_safe_next(request) or reverse("monitoring:report-list"))


@login_required
def report_photo_view(request, pk: int):
    report = report_get(user=request.user, pk=pk)
    ext = "png" if report.photo_content_type == "image/png" else "jpg"
    return private_file_response(
        report.photo,
        content_type=report.photo_content_type or "image/jpeg",
        name=f"laporan-{report.pk}.{ext}",
    )

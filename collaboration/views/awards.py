"""The office's award pages: periods, the ranking with how each number was made, a
KIM's breakdown with the jury's adjustment, awards given, publication, export and the
award certificates."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kimportal.core.access import actor_may
from kimportal.core.errors import TransitionError
from kimportal.core.exports import FORMATS, export_response, pdf_response
from kimportal.core.service_errors import add_service_error
from kimportal.security.exports import record_export

from ..award_ranking import COMPONENTS, LABELS
from ..choices_awards import AwardKind, AwardPeriodState
from ..forms_awards import AdjustForm, AwardPeriodForm, GrantForm
from ..pdf_awards import award_certificate_pdf
from ..selectors_awards import (
    award_adjustments,
    award_certificate_get,
    award_entry_get,
    award_grant_get,
    award_grants_of,
    award_period_get,
    award_period_list,
    award_ranking,
)
from ..services import awards as services
from .event_common import post_action

PAGE_SIZE = 25
RANKING_PAGE_SIZE = 50


def staff_awards_view(view):
    """Logged-in Dinas staff; anyone else gets 404 (the page does not exist for them)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm("collaboration.view_awards"):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _detail(pk: int) -> str:
    return reverse("collaboration:award-detail", args=[pk])


@staff_awards_view
def award_list_view(request):
    state = request.GET.get("state")
    page = Paginator(
        award_period_list(user=request.user, state=state), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "collaboration/awards/list.html",
        {"page": page, "states": AwardPeriodState.choices, "state": state},
    )


@staff_awards_view
def award_create_view(request):
    form = AwardPeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            period = services.award_period_create(
                actor=request.user, data=form.service_data()
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Periode apresiasi dibuat."))
            return redirect(_detail(period.pk))
    return render(request, "collaboration/awards/form.html", {"form": form})


def component_rows(entry) -> list[dict]:
    """The four components of one KIM, labelled, for the pages."""
    rows = []
    for name in COMPONENTS:
        part = entry.components.get(name, {})
        value = part.get("value")
        if name in ("engagement", "survey") and value is not None:
            shown = f"{value * 100:.2f}%"
            best = f"{(part.get('best') or 0) * 100:.2f}%"
        else:
            shown = "—" if value is None else f"{value:g}"
            best = f"{part.get('best') or 0:g}"
        rows.append(
            {
                "name": name,
                "label": LABELS[name],
                "value": shown,
                "best": best,
                "score": part.get("score", "0.00"),
                "weight": part.get("weight", 0),
                "measured": part.get("measured", False),
            }
        )
    return rows


@staff_awards_view
def award_detail_view(request, pk: int):
    period = award_period_get(user=request.user, pk=pk)
    page = Paginator(award_ranking(period=period), RANKING_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    entries = list(page.object_list)
    for entry in entries:
        entry.rows = component_rows(entry)
    is_office = actor_may(request.user, "collaboration.compute_award_ranking", period)
    return render(
        request,
        "collaboration/awards/detail.html",
        {
            "period": period,
            "page": page,
            "entries": entries,
            "grants": award_grants_of(period=period),
            "is_office": is_office,
            "kinds": AwardKind.choices,
            "labels": [LABELS[n] for n in COMPONENTS],
        },
    )


@staff_awards_view
def award_entry_view(request, pk: int):
    """One KIM's numbers, where they came from, and the jury's adjustment."""
    entry = award_entry_get(user=request.user, pk=pk)
    form = AdjustForm(request.POST or None)
    if request.method == "POST":
        if not actor_may(request.user, "collaboration.adjust_award_ranking", entry):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.award_entry_adjust(
                    actor=request.user,
                    entry=entry,
                    score=form.cleaned_data["score"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                add_service_error(form, exc)
            except TransitionError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Penyesuaian dicatat."))
                return redirect(reverse("collaboration:award-entry", args=[entry.pk]))
    return render(
        request,
        "collaboration/awards/entry.html",
        {
            "entry": entry,
            "period": entry.period,
            "rows": component_rows(entry),
            "adjustments": list(award_adjustments(entry=entry)),
            "form": form,
            "may_adjust": actor_may(
                request.user, "collaboration.adjust_award_ranking", entry
            ),
        },
    )


def _period_action(service, success: str):
    @staff_awards_view
    @post_action
    def view(request, pk: int):
        period = award_period_get(user=request.user, pk=pk)
        return (
            lambda: service(actor=request.user, period=period),
            success,
            _detail(period.pk),
        )

    return view


award_compute_view = _period_action(
    services.award_ranking_compute, _("Peringkat dihitung dari data tervalidasi.")
)
award_publish_view = _period_action(
    services.award_period_publish, _("Apresiasi diumumkan; piagam diterbitkan.")
)
award_cancel_view = _period_action(
    services.award_period_cancel, _("Periode apresiasi dibatalkan.")
)


@staff_awards_view
@post_action
def award_grant_view(request, pk: int):
    period = award_period_get(user=request.user, pk=pk)
    form = GrantForm(request.POST)

    def action():
        if not form.is_valid():
            raise ValidationError(_("Lengkapi jenis dan nama penghargaan."))
        entry = period.entries.filter(pk=form.cleaned_data["entry"]).first()
        if entry is None:
            raise ValidationError(_("KIM ini tidak ada dalam peringkat."))
        services.award_grant(actor=request.user, entry=entry, data=form.cleaned_data)

    return action, _("Apresiasi diberikan."), _detail(period.pk) + "#apresiasi"


@staff_awards_view
@post_action
def award_grant_withdraw_view(request, pk: int):
    grant = award_grant_get(user=request.user, pk=pk)
    reason = request.POST.get("reason", "")
    return (
        lambda: services.award_grant_withdraw(
            actor=request.user, grant=grant, reason=reason
        ),
        _("Apresiasi ditarik."),
        _detail(grant.period_id) + "#apresiasi",
    )


@staff_awards_view
def award_export_view(request, pk: int, fmt: str):
    """The ranking with every component, as CSV or XLSX."""
    if fmt not in FORMATS:
        raise Http404
    period = award_period_get(user=request.user, pk=pk)
    entries = list(award_ranking(period=period))
    header = [
        _("Peringkat akhir"),
        _("Peringkat hitungan"),
        _("KIM"),
        _("Desa/kelurahan"),
        _("Laporan tervalidasi"),
        _("Konten"),
        _("Tayangan"),
        _("Pengikut"),
        _("Suka"),
        _("Komentar"),
        _("Bagikan"),
        _("Jawaban survei"),
        _("Jawaban mendukung"),
        *[_("Skor %(name)s") % {"name": LABELS[n]} for n in COMPONENTS],
        _("Nilai hitungan"),
        _("Nilai penyesuaian"),
        _("Nilai akhir"),
        _("Alasan penyesuaian"),
    ]
    rows = [header]
    for e in entries:
        f = e.figures
        rows.append(
            [
                e.final_rank,
                e.computed_rank,
                e.kim.name,
                e.kim.village.name,
                f.get("validated_reports"),
                f.get("content_items"),
                f.get("views"),
                f.get("followers"),
                f.get("likes"),
                f.get("comments"),
                f.get("shares"),
                f.get("survey_answers"),
                f.get("survey_positive"),
                *[e.components.get(n, {}).get("score") for n in COMPONENTS],
                str(e.computed_score),
                "" if e.adjusted_score is None else str(e.adjusted_score),
                str(e.final_score),
                e.adjustment_reason,
            ]
        )
    record_export(request, name="award-ranking", fmt=fmt, rows=len(entries))
    return export_response(
        fmt, filename=f"apresiasi-{period.pk}", rows=rows, title="Peringkat"
    )


@login_required
def award_certificate_pdf_view(request, pk: int):
    """The PDF, for the office (scope) or the holder's own KIM (scope: kim)."""
    certificate = award_certificate_get(user=request.user, pk=pk)
    return pdf_response(
        award_certificate_pdf(certificate),
        filename=f"piagam-apresiasi-{certificate.pk}",
    )


@staff_awards_view
@post_action
def award_certificate_revoke_view(request, pk: int):
    certificate = award_certificate_get(user=request.user, pk=pk)
    reason = request.POST.get("reason", "")
    return (
        lambda: services.award_certificate_revoke(
            actor=request.user, certificate=certificate, reason=reason
        ),
        _("Piagam dicabut."),
        _detail(certificate.grant.period_id) + "#apresiasi",
    )

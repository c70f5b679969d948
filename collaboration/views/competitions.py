"""The office's competition pages: list, plan, detail (entries and their check, the
jury and its assignments, the results with overrides), the transitions, and the report
as page, XLSX and PDF."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kimportal.core.access import actor_may
from kimportal.core.errors import TransitionError
from kimportal.core.exports import export_response, pdf_response
from kimportal.core.service_errors import add_service_error
from kimportal.security.exports import record_export

from ..choices_competitions import CompetitionStatus, EntryStatus, Round
from ..forms_competitions import (
    AdvanceForm,
    CompetitionForm,
    EntryCheckForm,
    JurorInviteForm,
    JurorSeatForm,
    OverrideForm,
    categories_text,
    timeline_text,
)
from ..models import Entry
from ..report_competitions import competition_report_pdf, report_table
from ..selectors_competitions import (
    assignable_entries,
    assignment_list,
    competition_categories,
    competition_get,
    competition_list,
    entry_list,
    juror_list,
    report_rows,
    result_list,
)
from ..services import competitions as services
from ..services import entries as entry_services
from ..services import judging as judging_services
from .event_common import post_action, staff_events_view

PAGE_SIZE = 25
REPORT_FORMATS = ("xlsx", "pdf")


def _detail(competition, anchor="") -> str:
    return reverse("collaboration:competition-detail", args=[competition.pk]) + anchor


@staff_events_view
def competition_list_view(request):
    status = request.GET.get("status")
    page = Paginator(
        competition_list(user=request.user, status=status), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "collaboration/competitions/list.html",
        {"page": page, "statuses": CompetitionStatus.choices, "status": status},
    )


def _form_page(request, form, competition=None):
    return render(
        request,
        "collaboration/competitions/form.html",
        {"form": form, "competition": competition},
    )


@staff_events_view
def competition_create_view(request):
    form = CompetitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data, categories = form.service_data()
        try:
            competition = services.competition_create(
                actor=request.user, data=data, categories=categories
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Rencana lomba disimpan."))
            return redirect(_detail(competition))
    return _form_page(request, form)


@staff_events_view
def competition_update_view(request, pk: int):
    competition = competition_get(user=request.user, pk=pk)
    if not actor_may(request.user, "collaboration.change_competition", competition):
        raise PermissionDenied
    initial = {name: getattr(competition, name) for name in services.PLAN_FIELDS}
    initial["timeline"] = timeline_text(competition.timeline)
    initial["categories"] = categories_text(competition)
    form = CompetitionForm(request.POST or None, initial=initial, planned=False)
    if request.method == "POST" and form.is_valid():
        data, _categories = form.service_data()
        try:
            services.competition_update(
                actor=request.user, competition=competition, data=data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        except TransitionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Rencana lomba diperbarui."))
            return redirect(_detail(competition))
    return _form_page(request, form, competition)


@staff_events_view
def competition_detail_view(request, pk: int):
    competition = competition_get(user=request.user, pk=pk)
    is_office = actor_may(request.user, "collaboration.change_competition", competition)
    results = list(result_list(user=request.user, competition=competition))
    return render(
        request,
        "collaboration/competitions/detail.html",
        {
            "competition": competition,
            "is_office": is_office,
            "categories": list(competition_categories(competition=competition)),
            "entries": list(entry_list(user=request.user, competition=competition)),
            "jurors": list(juror_list(competition=competition)),
            "assignments": list(assignment_list(competition=competition)),
            "results": results,
            "check_form": EntryCheckForm(),
            "seat_form": JurorSeatForm(),
            "invite_form": JurorInviteForm(),
            "override_form": OverrideForm(),
            "advance_form": AdvanceForm(),
            "statuses": CompetitionStatus,
            "eligible": EntryStatus.ELIGIBLE,
            "in_shortlist": competition.current_round == Round.SHORTLIST,
        },
    )


TRANSITIONS = {
    "publish": (services.competition_publish, _("Lomba dipublikasikan.")),
    "start-judging": (services.competition_start_judging, _("Penjurian dimulai.")),
    "compute": (
        judging_services.results_compute,
        _("Hasil dihitung (belum diumumkan)."),
    ),
    "publish-results": (judging_services.results_publish, _("Hasil diumumkan.")),
    "cancel": (services.competition_cancel, _("Lomba dibatalkan.")),
}


@staff_events_view
@post_action
def competition_transition_view(request, pk: int, action: str):
    competition = competition_get(user=request.user, pk=pk)
    service, message = TRANSITIONS[action]
    return (
        lambda: service(actor=request.user, competition=competition),
        message,
        _detail(competition),
    )


@staff_events_view
@post_action
def competition_advance_view(request, pk: int):
    competition = competition_get(user=request.user, pk=pk)
    form = AdvanceForm(request.POST)
    form.is_valid()
    chosen = [int(v) for v in request.POST.getlist("entry") if v.isdigit()]
    entries = list(competition.entries.filter(pk__in=chosen)) if chosen else None
    return (
        lambda: judging_services.round_advance(
            actor=request.user,
            competition=competition,
            entries=entries,
            reason=form.cleaned_data.get("reason", ""),
        ),
        _("Finalis ditetapkan."),
        _detail(competition),
    )


@staff_events_view
@post_action
def entry_check_view(request, pk: int, entry_pk: int):
    competition = competition_get(user=request.user, pk=pk)
    entry = _entry_of(request, competition, entry_pk)
    form = EntryCheckForm(request.POST)
    if not form.is_valid():
        raise Http404
    return (
        lambda: entry_services.entry_check(
            actor=request.user,
            entry=entry,
            eligible=form.cleaned_data["eligible"],
            note=form.cleaned_data["note"],
        ),
        _("Hasil pemeriksaan disimpan."),
        _detail(competition, "#karya"),
    )


def _entry_of(request, competition, entry_pk):
    try:
        return entry_list(user=request.user, competition=competition).get(pk=entry_pk)
    except Entry.DoesNotExist as exc:
        raise Http404 from exc


@staff_events_view
@post_action
def juror_seat_view(request, pk: int):
    competition = competition_get(user=request.user, pk=pk)
    form = JurorSeatForm(request.POST)

    def seat():
        if not form.is_valid():
            raise ValidationError(_("Isi nama pengguna juri."))
        services.juror_seat_by_username(
            actor=request.user,
            competition=competition,
            username=form.cleaned_data["username"],
            expertise=form.cleaned_data["expertise"],
        )

    return seat, _("Juri ditambahkan."), _detail(competition, "#juri")


@staff_events_view
@post_action
def juror_invite_view(request, pk: int):
    competition = competition_get(user=request.user, pk=pk)
    form = JurorInviteForm(request.POST)

    def invite():
        if not form.is_valid():
            raise ValidationError(_("Isi nama lengkap dan email juri yang benar."))
        services.juror_invite(
            actor=request.user,
            competition=competition,
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            expertise=form.cleaned_data["expertise"],
        )

    return (
        invite,
        _("Akun juri dibuat dan tautan kata sandi dikirim ke emailnya."),
        _detail(competition, "#juri"),
    )


@staff_events_view
@post_action
def juror_assign_view(request, pk: int, juror_pk: int):
    competition = competition_get(user=request.user, pk=pk)
    juror = competition.jurors.filter(pk=juror_pk).first()
    if juror is None:
        raise Http404
    chosen = [int(v) for v in request.POST.getlist("entry") if v.isdigit()]
    entries = assignable_entries(competition=competition, chosen=chosen)
    return (
        lambda: services.entries_assign(
            actor=request.user, juror=juror, entries=entries
        ),
        _("Karya ditugaskan kepada juri."),
        _detail(competition, "#juri"),
    )


@staff_events_view
@post_action
def result_override_view(request, pk: int, result_pk: int):
    competition = competition_get(user=request.user, pk=pk)
    result = next(
        (
            r
            for r in result_list(user=request.user, competition=competition)
            if r.pk == result_pk
        ),
        None,
    )
    if result is None:
        raise Http404
    form = OverrideForm(request.POST)

    def override():
        if not form.is_valid():
            raise ValidationError(_("Isi peringkat baru dan alasannya."))
        judging_services.result_override(
            actor=request.user,
            result=result,
            new_rank=form.cleaned_data["new_rank"],
            reason=form.cleaned_data["reason"],
        )

    return (
        override,
        _("Peringkat diubah; alasannya tercatat."),
        _detail(competition, "#hasil"),
    )


@staff_events_view
def competition_report_view(request, pk: int):
    competition = competition_get(user=request.user, pk=pk)
    return render(
        request,
        "collaboration/competitions/report.html",
        {
            "competition": competition,
            "rows": report_rows(competition=competition),
            "jurors": list(juror_list(competition=competition)),
        },
    )


@staff_events_view
def competition_export_view(request, pk: int, fmt: str):
    competition = competition_get(user=request.user, pk=pk)
    if fmt not in REPORT_FORMATS:
        raise Http404
    name = slugify(f"laporan-lomba-{competition.title}")[:80]
    if fmt == "pdf":
        record_export(
            request,
            name="competition-report",
            fmt=fmt,
            rows=competition.entries.count(),
        )
        return pdf_response(competition_report_pdf(competition), filename=name)
    rows = report_table(competition)
    record_export(request, name="competition-report", fmt=fmt, rows=len(rows) - 1)
    return export_response(fmt, filename=name, rows=rows, title="Lomba")

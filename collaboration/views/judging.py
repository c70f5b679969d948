"""The juror's pages: its competitions and assigned entries, one entry with its score
sheet and the conflict/recusal form, the file of the work, and its own score sheet as
XLSX. Everything is read through `selectors_judging` (only its own assignments; any
other is a 404) and shows an entry through `juror_entry_view` (no KIM when blind)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kimportal.core.errors import TransitionError
from kimportal.core.exports import export_response
from kimportal.security.exports import record_export

from ..forms_competitions import ConflictForm
from ..report_competitions import juror_sheet_table
from ..rules_competitions import assignment_is_scorable
from ..selectors_judging import (
    juror_assignment_get,
    juror_assignments,
    juror_entry_view,
    juror_own_scores,
    juror_seats,
    others_scores,
)
from ..services.judging import conflict_declare, scores_save
from .entry_files import serve_entry_file
from .event_common import error_messages


def juror_view(view):
    """Accounts that may sit on a jury: juror accounts and Dinas staff. A KIM or an
    agency gets 404."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not (user.is_juror or user.has_perm("collaboration.manage_competitions")):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _url(assignment) -> str:
    return reverse("collaboration:judging-assignment", args=[assignment.pk])


@juror_view
def judging_home_view(request):
    assignments = [
        juror_entry_view(a) for a in juror_assignments(user=request.user)[:500]
    ]
    return render(
        request,
        "collaboration/judging/home.html",
        {"seats": list(juror_seats(user=request.user)), "assignments": assignments},
    )


@juror_view
def judging_assignment_view(request, pk: int):
    assignment = juror_assignment_get(user=request.user, pk=pk)
    criteria = list(assignment.entry.category.criteria.all())
    own = {s.criterion_id: s for s in juror_own_scores(assignment=assignment)}
    return render(
        request,
        "collaboration/judging/assignment.html",
        {
            "view": juror_entry_view(assignment),
            "assignment": assignment,
            "rows": [(c, own.get(c.pk)) for c in criteria],
            "scorable": assignment_is_scorable.test(request.user, assignment),
            "conflict_form": ConflictForm(),
            "others": others_scores(assignment=assignment),
        },
    )


@juror_view
@require_POST
def judging_score_view(request, pk: int):
    assignment = juror_assignment_get(user=request.user, pk=pk)
    scores = []
    for criterion in assignment.entry.category.criteria.all():
        value = request.POST.get(f"value-{criterion.pk}", "").strip().replace(",", ".")
        if value:
            scores.append(
                {
                    "criterion": criterion.pk,
                    "value": value,
                    "comment": request.POST.get(f"comment-{criterion.pk}", ""),
                }
            )
    submit = request.POST.get("submit") == "1"
    try:
        scores_save(
            actor=request.user, assignment=assignment, scores=scores, submit=submit
        )
    except (ValidationError, TransitionError) as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    except PermissionDenied as exc:
        raise Http404 from exc
    else:
        messages.success(
            request, _("Nilai dikirim.") if submit else _("Draf nilai disimpan.")
        )
    return redirect(_url(assignment))


@juror_view
@require_POST
def judging_conflict_view(request, pk: int):
    assignment = juror_assignment_get(user=request.user, pk=pk)
    form = ConflictForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Pilih jenis konflik kepentingan."))
        conflict_declare(
            actor=request.user,
            assignment=assignment,
            kind=form.cleaned_data["kind"],
            reason=form.cleaned_data["reason"],
        )
    except (ValidationError, TransitionError) as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    except PermissionDenied as exc:
        raise Http404 from exc
    else:
        messages.success(request, _("Konflik kepentingan dicatat."))
    return redirect(_url(assignment))


@juror_view
def judging_file_view(request, pk: int):
    return serve_entry_file(juror_assignment_get(user=request.user, pk=pk).entry)


@juror_view
def judging_export_view(request):
    rows = juror_sheet_table(user=request.user)
    record_export(request, name="juror-sheet", fmt="xlsx", rows=len(rows) - 1)
    return export_response(
        "xlsx", filename="lembar-nilai-juri", rows=rows, title="Nilai"
    )

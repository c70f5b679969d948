"""The KIM's side of competitions, on its phone: competitions open to enter, its
entries and their state, the entry form, and the results once published."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kimportal.core.access import state_allows
from kimportal.core.errors import TransitionError
from kimportal.core.service_errors import add_service_error

from ..forms_competitions import EntryForm
from ..selectors_competitions import (
    competition_categories,
    competition_open_get,
    competitions_open_for_kim,
    entry_get,
    kim_entries,
    published_results,
)
from ..services.entries import entry_submit
from .entry_files import serve_entry_file
from .event_common import kim_events_view


@kim_events_view
def my_competitions_view(request):
    return render(
        request,
        "collaboration/kim_competitions/list.html",
        {
            "open": list(competitions_open_for_kim(user=request.user)[:20]),
            "entries": list(kim_entries(user=request.user)[:50]),
        },
    )


@kim_events_view
def my_competition_view(request, pk: int):
    competition = competition_open_get(user=request.user, pk=pk)
    return render(
        request,
        "collaboration/kim_competitions/detail.html",
        {
            "competition": competition,
            "categories": list(competition_categories(competition=competition)),
            "entries": list(kim_entries(user=request.user).filter(competition_id=pk)),
            # Published only when the office announces (results_publish).
            "results": list(published_results(competition=competition)),
            # The rules table says when a work may be entered.
            "is_open": state_allows(
                request.user, "collaboration.submit_entry", competition
            ),
        },
    )


@kim_events_view
def my_entry_create_view(request, pk: int):
    competition = competition_open_get(user=request.user, pk=pk)
    if not state_allows(request.user, "collaboration.submit_entry", competition):
        raise Http404
    form = EntryForm(
        request.POST or None, request.FILES or None, competition=competition
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry_submit(
                actor=request.user,
                competition=competition,
                data=form.service_data(),
                uploaded=form.cleaned_data.get("file"),
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        except TransitionError as exc:
            form.add_error(None, exc.message)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Karya terkirim. Kami akan memeriksanya."))
            return redirect(reverse("collaboration:my-competition", args=[pk]))
    return render(
        request,
        "collaboration/kim_competitions/enter.html",
        {"competition": competition, "form": form},
    )


@login_required
def entry_file_view(request, pk: int):
    """The work's file, for the office (its scope) and the KIM that entered it."""
    if not request.user.has_perm("collaboration.view_competitions"):
        raise Http404
    return serve_entry_file(entry_get(user=request.user, pk=pk))

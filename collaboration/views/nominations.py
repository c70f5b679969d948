"""Nomination pages (lomba ikut serta): the list each level sees, nominating a KIM,
one nomination with its steps, and the transitions (one POST each)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kimportal.core.access import actor_may
from kimportal.core.service_errors import add_service_error
from registry.choices import KimStatus
from registry.selectors import kim_get, kim_list

from ..choices_nominations import NominationState
from ..forms_nominations import NominationForm, NoteForm, ResultForm
from ..selectors_nominations import (
    nominable_competitions,
    nomination_get,
    nomination_list,
    nomination_notes,
)
from ..services import nominations as services
from .awards import staff_awards_view
from .event_common import post_action

PAGE_SIZE = 25


def _detail(pk: int) -> str:
    return reverse("collaboration:nomination-detail", args=[pk])


@staff_awards_view
def nomination_list_view(request):
    state = request.GET.get("state")
    page = Paginator(
        nomination_list(user=request.user, state=state), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "collaboration/nominations/list.html",
        {
            "page": page,
            "states": NominationState.choices,
            "state": state,
            "may_nominate": request.user.has_perm("collaboration.nominate"),
        },
    )


@staff_awards_view
def nomination_create_view(request):
    if not request.user.has_perm("collaboration.nominate"):
        raise Http404
    competitions = list(nominable_competitions(user=request.user)[:200])
    kims = list(
        kim_list(user=request.user)
        .filter(status=KimStatus.VERIFIED)
        .values_list("pk", "name")[:1000]
    )
    form = NominationForm(request.POST or None, competitions=competitions, kims=kims)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        competition = next(c for c in competitions if c.pk == data["competition"])
        kim = kim_get(user=request.user, pk=data["kim"])
        try:
            nomination = services.nomination_create(
                actor=request.user, competition=competition, kim=kim, data=data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("KIM diusulkan ke provinsi."))
            return redirect(_detail(nomination.pk))
    return render(request, "collaboration/nominations/form.html", {"form": form})


@staff_awards_view
def nomination_detail_view(request, pk: int):
    nomination = nomination_get(user=request.user, pk=pk)
    may = {
        action: actor_may(request.user, f"collaboration.{permission}", nomination)
        for action, permission in PERMISSIONS.items()
    }
    return render(
        request,
        "collaboration/nominations/detail.html",
        {
            "nomination": nomination,
            "notes": list(nomination_notes(nomination=nomination)),
            "may": may,
            "note_form": NoteForm(),
            "result_form": ResultForm(),
        },
    )


PERMISSIONS = {
    "select": "select_nomination",
    "decline": "decline_nomination",
    "forward": "forward_nomination",
    "withdraw": "withdraw_nomination",
    "note": "add_nomination_note",
    "result": "record_nomination_result",
}
ACTIONS = tuple(PERMISSIONS)


def _run(request, nomination, action: str):
    post, user = request.POST, request.user
    if action == "select":
        return services.nomination_select(
            actor=user, nomination=nomination, note=post.get("note", "")
        )
    if action == "decline":
        return services.nomination_decline(
            actor=user, nomination=nomination, reason=post.get("reason", "")
        )
    if action == "forward":
        return services.nomination_forward(actor=user, nomination=nomination)
    if action == "withdraw":
        return services.nomination_withdraw(
            actor=user, nomination=nomination, reason=post.get("reason", "")
        )
    if action == "note":
        form = NoteForm(post)
        if not form.is_valid():
            raise ValidationError(_("Lengkapi tahap, tanggal dan uraian."))
        return services.nomination_note_add(
            actor=user, nomination=nomination, data=form.cleaned_data
        )
    form = ResultForm(post)
    if not form.is_valid():
        raise ValidationError(_("Pilih hasil."))
    return services.nomination_result_record(
        actor=user,
        nomination=nomination,
        result=form.cleaned_data["result"],
        note=form.cleaned_data["note"],
    )


@staff_awards_view
@post_action
def nomination_action_view(request, pk: int, action: str):
    nomination = nomination_get(user=request.user, pk=pk)
    return (
        lambda: _run(request, nomination, action),
        _("Usulan diperbarui."),
        _detail(nomination.pk),
    )

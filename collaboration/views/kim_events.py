"""The KIM's side of events, on its phone: its invitations, the answer (RSVP), the
personal QR for check-in, the evaluation and its publications afterwards."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kimportal.core.errors import TransitionError

from ..choices_events import EventStatus
from ..forms_events import EvaluationForm, KimPublicationForm
from ..qr import qr_svg
from ..selectors_events import invitation_of_kim, kim_event_invitations
from ..services.evaluations import evaluation_submit, publication_add
from ..services.invitations import invitation_rsvp
from .event_common import error_messages, kim_events_view, post_action


@kim_events_view
def my_invitations_view(request):
    return render(
        request,
        "collaboration/events/my_invitations.html",
        {"invitations": list(kim_event_invitations(user=request.user)[:50])},
    )


def _url(invitation) -> str:
    return reverse("collaboration:my-invitation", args=[invitation.pk])


@kim_events_view
def my_invitation_view(request, pk: int):
    invitation = invitation_of_kim(user=request.user, pk=pk)
    event = invitation.event
    done = event.status == EventStatus.DONE
    has_evaluation = hasattr(invitation, "evaluation")
    certificate = getattr(invitation, "certificate", None)
    return render(
        request,
        "collaboration/events/my_invitation.html",
        {
            "invitation": invitation,
            "event": event,
            "planned": event.status == EventStatus.PLANNED,
            "done": done,
            "qr": qr_svg(invitation.code, scale=5)
            if event.status == EventStatus.PLANNED
            else "",
            "evaluation_form": EvaluationForm()
            if done and not has_evaluation
            else None,
            "has_evaluation": has_evaluation,
            "publication_form": KimPublicationForm() if done else None,
            "certificate": certificate
            if certificate and certificate.is_valid
            else None,
        },
    )


@kim_events_view
@post_action
def rsvp_view(request, pk: int):
    invitation = invitation_of_kim(user=request.user, pk=pk)
    attending = request.POST.get("attending") == "1"
    return (
        lambda: invitation_rsvp(
            actor=request.user, invitation=invitation, attending=attending
        ),
        _("Terima kasih, konfirmasi Anda tersimpan.")
        if attending
        else _("Konfirmasi tidak hadir tersimpan."),
        _url(invitation),
    )


@kim_events_view
@require_POST
def evaluation_view(request, pk: int):
    invitation = invitation_of_kim(user=request.user, pk=pk)
    form = EvaluationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Isi semua penilaian 1 sampai 5."))
        return redirect(_url(invitation))
    try:
        evaluation_submit(
            actor=request.user, invitation=invitation, data=form.cleaned_data
        )
    except (ValidationError, TransitionError) as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("Terima kasih atas evaluasi Anda."))
    return redirect(_url(invitation))


@kim_events_view
@require_POST
def kim_publication_view(request, pk: int):
    invitation = invitation_of_kim(user=request.user, pk=pk)
    form = KimPublicationForm(request.POST)
    if form.is_valid():
        try:
            publication_add(
                actor=request.user, event=invitation.event, **form.cleaned_data
            )
        except (ValidationError, TransitionError) as exc:
            for message in error_messages(exc):
                messages.error(request, message)
        else:
            messages.success(request, _("Publikasi tercatat."))
    else:
        messages.error(request, _("Tautan tidak valid."))
    return redirect(_url(invitation))

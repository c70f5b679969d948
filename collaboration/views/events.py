"""The office's event pages: list, plan, detail (speakers, invitations, attendance,
files, publications), finish, and the report PDF."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kimportal.core.access import actor_may
from kimportal.core.errors import TransitionError
from kimportal.core.exports import pdf_response
from kimportal.core.service_errors import add_service_error

from ..charts_events import evaluation_rows
from ..choices_events import EventStatus
from ..forms_events import (
    EventFileForm,
    EventForm,
    PersonForm,
    PublicationForm,
    SpeakerForm,
    sessions_text,
)
from ..pdf import event_report_pdf
from ..selectors_events import (
    attendance_rows,
    evaluation_summary,
    event_counts,
    event_get,
    event_invitations,
    event_list,
)
from ..services import events as event_services
from ..services.evaluations import publication_add
from ..services.invitations import invitation_add_person, invitations_send
from .event_common import error_messages, post_action, staff_events_view
from .targeting_form import TargetForm, target_candidates

PAGE_SIZE = 25


def _detail(event) -> str:
    return reverse("collaboration:event-detail", args=[event.pk])


@staff_events_view
def event_list_view(request):
    status = request.GET.get("status")
    page = Paginator(event_list(user=request.user, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "collaboration/events/event_list.html",
        {"page": page, "statuses": EventStatus.choices, "status": status},
    )


def _event_form_page(request, form, event=None):
    return render(
        request, "collaboration/events/event_form.html", {"form": form, "event": event}
    )


@staff_events_view
def event_create_view(request):
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = event_services.event_create(
                actor=request.user, data=form.service_data()
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Kegiatan dibuat."))
            return redirect(_detail(event))
    return _event_form_page(request, form)


@staff_events_view
def event_update_view(request, pk: int):
    event = event_get(user=request.user, pk=pk)
    # Another office that may read the event may not change it.
    if not actor_may(request.user, "collaboration.change_event", event):
        raise PermissionDenied
    initial = {name: getattr(event, name) for name in event_services.EVENT_FIELDS} | {
        "sessions": sessions_text(event.sessions)
    }
    form = EventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            event_services.event_update(
                actor=request.user, event=event, data=form.service_data()
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        except TransitionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Kegiatan diperbarui."))
            return redirect(_detail(event))
    return _event_form_page(request, form, event)


@staff_events_view
def event_detail_view(request, pk: int):
    event = event_get(user=request.user, pk=pk)
    target = TargetForm(request.GET or None, user=request.user)
    candidates = target_candidates(request.user, event, target) if request.GET else []
    summary = evaluation_summary(event=event)
    return render(
        request,
        "collaboration/events/event_detail.html",
        {
            "event": event,
            "counts": event_counts(event=event),
            "speakers": list(event.speakers.select_related("invitation")),
            "invitations": list(event_invitations(event=event)),
            "attendance": list(attendance_rows(event=event)),
            "files": list(event.files.all()),
            "publications": list(event.publications.select_related("kim")),
            "evaluation": summary,
            "evaluation_rows": evaluation_rows(summary),
            "target_form": target,
            "candidates": candidates,
            "person_form": PersonForm(),
            "speaker_form": SpeakerForm(),
            "file_form": EventFileForm(),
            "publication_form": PublicationForm(),
            "is_planned": event.status == EventStatus.PLANNED,
            "is_done": event.status == EventStatus.DONE,
        },
    )


@staff_events_view
@post_action
def event_invite_view(request, pk: int):
    event = event_get(user=request.user, pk=pk)
    kim_ids = [k for k in request.POST.getlist("kim") if k.isdigit()]
    return (
        lambda: invitations_send(actor=request.user, event=event, kim_ids=kim_ids),
        _("Undangan dikirim ke KIM terpilih."),
        _detail(event) + "#undangan",
    )


@staff_events_view
@require_POST
def person_add_view(request, pk: int):
    event = event_get(user=request.user, pk=pk)
    form = PersonForm(request.POST or None)
    return _form_action(
        request,
        event,
        form,
        lambda data: invitation_add_person(actor=request.user, event=event, **data),
        _("Undangan ditambahkan."),
    )


@staff_events_view
@require_POST
def speaker_add_view(request, pk: int):
    event = event_get(user=request.user, pk=pk)
    form = SpeakerForm(request.POST or None, request.FILES or None)
    return _form_action(
        request,
        event,
        form,
        lambda data: event_services.speaker_add(
            actor=request.user, event=event, data=data, cv_file=data.pop("cv")
        ),
        _("Narasumber ditambahkan."),
    )


@staff_events_view
@require_POST
def speaker_confirm_view(request, pk: int, speaker_pk: int):
    event = event_get(user=request.user, pk=pk)
    speaker = event.speakers.filter(pk=speaker_pk).first()
    if speaker is None:
        raise Http404
    attending = request.POST.get("attending") == "1"
    try:
        event_services.speaker_confirm(
            actor=request.user, speaker=speaker, attending=attending
        )
    except (ValidationError, TransitionError) as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    return redirect(_detail(event) + "#narasumber")


@staff_events_view
@require_POST
def event_file_add_view(request, pk: int):
    event = event_get(user=request.user, pk=pk)
    form = EventFileForm(request.POST or None, request.FILES or None)
    return _form_action(
        request,
        event,
        form,
        lambda data: event_services.event_file_add(
            actor=request.user,
            event=event,
            kind=data["kind"],
            uploaded=data["file"],
            caption=data["caption"],
        ),
        _("Berkas diunggah."),
    )


@staff_events_view
@require_POST
def publication_add_view(request, pk: int):
    event = event_get(user=request.user, pk=pk)
    form = PublicationForm(request.POST or None)
    return _form_action(
        request,
        event,
        form,
        lambda data: publication_add(actor=request.user, event=event, **data),
        _("Publikasi ditambahkan."),
    )


def _form_action(request, event, form, action, success):
    """Run the service with the form's data; errors become messages."""
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(_detail(event))
    try:
        action(dict(form.cleaned_data))
    except (ValidationError, TransitionError) as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(_detail(event))


@staff_events_view
@post_action
def event_finish_view(request, pk: int):
    event = event_get(user=request.user, pk=pk)
    return (
        lambda: event_services.event_finish(actor=request.user, event=event),
        _("Kegiatan ditandai selesai. Evaluasi dan sertifikat kini dibuka."),
        _detail(event),
    )


@staff_events_view
def event_report_view(request, pk: int):
    event = event_get(user=request.user, pk=pk)
    name = slugify(f"laporan-kegiatan-{event.title}")[:80]
    return pdf_response(event_report_pdf(event), filename=name)

"""Pages of the site-admin application (SPEC §1): the public request form, and the
ministry's queue where requests are approved or rejected."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kimportal.core import throttle
from kimportal.core.errors import TransitionError
from kimportal.core.uploads import private_storage

from .forms import ApplicationFilterForm, ApplicationForm, ApplicationRejectForm
from .models import ApplicationStatus
from .selectors import application_get, application_list, application_status_counts
from .services import application_approve, application_reject, application_submit

PAGE_SIZE = 25


def _require_ministry(user) -> None:
    # Not 403: the queue's existence is nobody else's business (SPEC §1: no existence leak).
    if not user.has_perm("accounts.view_application"):
        raise Http404


APPLICATIONS_PER_HOUR = 5


def application_apply(request):
    """Anyone may ask; the ministry decides."""
    if "refresh" in request.POST:
        # Without JavaScript the kab/kota list is filled by reloading the form.
        form = ApplicationForm(initial=request.POST.dict())
        return render(request, "accounts/apply.html", {"form": form})
    if request.method == "POST" and not throttle.allow(
        request,
        action="site-admin-application",
        limit=APPLICATIONS_PER_HOUR,
        window_seconds=3600,
    ):
        # Each application stores a letter of up to 5 MB: an anonymous client may not
        # fill the disk. The entered data stays in the browser's form (Back button).
        return render(request, "accounts/apply_throttled.html", status=429)
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            application_submit(
                data=form.service_data(), letter=form.cleaned_data["letter"]
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            return redirect("accounts:apply-done")
    return render(request, "accounts/apply.html", {"form": form})


def application_apply_done(request):
    return render(request, "accounts/apply_done.html")


@login_required
def application_list_view(request):
    _require_ministry(request.user)
    filters = ApplicationFilterForm(
        request.GET or {"status": ApplicationStatus.SUBMITTED}
    )
    status = filters.cleaned_data["status"] if filters.is_valid() else ""
    page = Paginator(
        application_list(user=request.user, status=status), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    counts = application_status_counts(user=request.user)
    tabs = [
        (value, label, counts.get(value) if value else counts["total"])
        for value, label in filters.fields["status"].choices
    ]
    return render(
        request,
        "accounts/application_list.html",
        {"page": page, "status": status, "tabs": tabs},
    )


@login_required
def application_detail_view(request, pk: int):
    _require_ministry(request.user)
    application = application_get(user=request.user, pk=pk)
    return _render_detail(request, application, ApplicationRejectForm())


def _render_detail(request, application, reject_form, status=200):
    return render(
        request,
        "accounts/application_detail.html",
        {
            "application": application,
            "reject_form": reject_form,
            "official_email": application.email.lower().endswith(".go.id"),
        },
        status=status,
    )


@login_required
@require_POST
def application_approve_view(request, pk: int):
    _require_ministry(request.user)
    application = application_get(user=request.user, pk=pk)
    try:
        user = application_approve(application=application, decided_by=request.user)
    except (TransitionError, ValidationError) as exc:
        text = (
            exc.message if isinstance(exc, TransitionError) else " ".join(exc.messages)
        )
        messages.error(request, text)
    else:
        messages.success(
            request,
            _(
                "Permohonan disetujui. Akun %(username)s dibuat dan tautan untuk membuat "
                "kata sandi dikirim ke %(email)s."
            )
            % {"username": user.username, "email": user.email},
        )
    return redirect("accounts:application-detail", pk=pk)


@login_required
@require_POST
def application_reject_view(request, pk: int):
    _require_ministry(request.user)
    application = application_get(user=request.user, pk=pk)
    form = ApplicationRejectForm(request.POST)
    if form.is_valid():
        try:
            application_reject(
                application=application,
                decided_by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except TransitionError as exc:
            messages.error(request, exc.message)
            return redirect("accounts:application-detail", pk=pk)
        except ValidationError as exc:
            form.add_error("reason", exc.messages)
        else:
            messages.success(
                request, _("Permohonan ditolak. Alasannya dikirim ke pemohon.")
            )
            return redirect("accounts:application-detail", pk=pk)
    return _render_detail(request, application, form, status=400)


@login_required
def application_letter_view(request, pk: int):
    """The request letter, as a download; private storage is never served directly."""
    _require_ministry(request.user)
    application = application_get(user=request.user, pk=pk)
    storage = private_storage()
    if not application.letter or not storage.exists(application.letter.name):
        raise Http404
    return FileResponse(
        storage.open(application.letter.name, "rb"),
        as_attachment=True,
        filename=f"surat-permohonan-{application.pk}.pdf",
        content_type="application/pdf",
    )

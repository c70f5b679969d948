"""Submission of a KIM and its verification checklist: verify (all met → NIK) or reject
(a reason per failed requirement)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kimportal.core.errors import TransitionError
from kimportal.core.service_errors import add_service_error

from .. import services
from ..choices import DocumentKind
from ..forms import VerificationForm
from ..selectors import kim_current_documents, kim_get
from ..selectors_views import kim_active_officers, kim_last_verification_items
from .common import attach_download_urls, deny, show_messages, staff_only


@staff_only
@require_POST
def kim_submit_view(request, pk: int):
    kim = kim_get(user=request.user, pk=pk)
    if not request.user.has_perm("registry.submit_kim", kim):
        return deny(request, kim)
    try:
        services.kim_submit(kim=kim, submitted_by=request.user)
    except (TransitionError, ValidationError) as error:
        show_messages(request, error)
    else:
        messages.success(request, _("KIM diajukan untuk verifikasi."))
    return redirect(kim)


@staff_only
@require_http_methods(["GET", "POST"])
def kim_verify_view(request, pk: int):
    """The verification checklist: verify (all met → NIK) or reject (reasons per item)."""
    kim = kim_get(user=request.user, pk=pk)
    if not request.user.has_perm("registry.verify_kim", kim):
        return deny(request, kim)
    previous_items = kim_last_verification_items(kim=kim)
    status = 200
    if request.method == "POST":
        form = VerificationForm(request.POST, previous_items=previous_items)
        reject = request.POST.get("action") == "reject"
        if form.is_valid():
            decide = services.kim_reject if reject else services.kim_verify
            try:
                decided = decide(
                    kim=kim,
                    verified_by=request.user,
                    items=form.items(),
                    note=form.cleaned_data["note"],
                )
            except TransitionError as error:
                messages.error(request, error.message)
                return redirect(kim)
            except ValidationError as error:
                add_service_error(form, error, form.error_field_map())
            else:
                messages.success(
                    request,
                    _("Pendaftaran KIM ditolak; alasan dicatat per syarat.")
                    if reject
                    else _("KIM terverifikasi. NIK: %(nik)s") % {"nik": decided.nik},
                )
                return redirect(
                    reverse("registry:kim-detail", args=[decided.pk])
                    + "?tab=verification"
                )
        status = 400
    else:
        form = VerificationForm(previous_items=previous_items)
    documents = attach_download_urls(
        kim_current_documents(user=request.user, kim=kim),
        "registry:document-download",
    )
    return render(
        request,
        "registry/kim_verify.html",
        {
            "kim": kim,
            "form": form,
            "documents": documents,
            "officers": kim_active_officers(kim=kim),
            "today": timezone.localdate(),
            "sk_kind": DocumentKind.VILLAGE_HEAD_SK,
        },
        status=status,
    )

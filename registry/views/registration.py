"""The registration form of a KIM: a new one, a draft being continued, a rejected one
being fixed, or a profile correction — profile, board, channels and documents in one page,
saved together by `services.kim_register` or not at all."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kimportal.core.errors import TransitionError
from kimportal.core.service_errors import add_service_error

from .. import services
from ..choices import KimStatus
from ..forms import (
    KIM_FORM_ERROR_FIELDS,
    ChannelFormSet,
    KimDocumentsForm,
    KimForm,
    OfficerFormSet,
    document_error_fields,
    formset_rows,
)
from ..models import KIM_PROFILE_FIELDS, Kim
from ..selectors import (
    kim_current_documents,
    kim_get,
    kim_list,
    kim_possible_duplicates,
)
from ..selectors_views import (
    kim_active_channels,
    kim_active_officers,
    kim_coverage_codes,
)
from .common import attach_download_urls, deny, show_messages, staff_only

MAX_DUPLICATES = 5


@login_required
@require_http_methods(["GET", "POST"])
def kim_create_view(request):
    """The registration form of a new KIM (kab/kota officers only)."""
    if not request.user.has_perm("registry.add_kim"):
        raise Http404
    return _registration(request, kim=None)


@staff_only
@require_http_methods(["GET", "POST"])
def kim_update_view(request, pk: int):
    """Continue a draft, fix a rejected registration, or correct a KIM's profile."""
    kim = kim_get(user=request.user, pk=pk)
    if not request.user.has_perm("registry.change_kim", kim):
        return deny(request, kim)
    return _registration(request, kim=kim)


def _initial(kim: Kim | None) -> tuple[dict, list, list]:
    if kim is None:
        return {}, [], []
    initial = model_to_dict(kim, fields=KIM_PROFILE_FIELDS)
    initial["village"] = kim.village_id
    initial["coverage"] = kim_coverage_codes(kim=kim)
    channels = list(
        kim_active_channels(kim=kim).values("id", "platform", "address", "followers")
    )
    officers = list(
        kim_active_officers(kim=kim).values("id", "name", "position", "phone")
    )
    return initial, channels, officers


def _registration(request, *, kim: Kim | None):
    user = request.user
    creating = kim is None
    form_kwargs = {"user": user, "within": user.scope_code or "", "creating": creating}
    status = 200
    if request.method == "POST":
        form = KimForm(request.POST, **form_kwargs)
        channels = ChannelFormSet(request.POST, prefix="channels")
        officers = OfficerFormSet(request.POST, prefix="officers")
        documents = KimDocumentsForm(request.POST, request.FILES)
        valid = [f.is_valid() for f in (form, channels, officers, documents)]
        if all(valid):
            try:
                kim = services.kim_register(
                    registered_by=user,
                    kim=kim,
                    village_code=form.cleaned_data["village"],
                    data=form.profile_data(),
                    coverage_codes=form.cleaned_data["coverage"],
                    officers=formset_rows(officers),
                    channels=formset_rows(channels),
                    documents=documents.documents(),
                    from_old_list=form.cleaned_data.get("from_old_list", False),
                    previous_record=form.previous_record,
                )
            except ValidationError as error:
                add_service_error(
                    [form, documents],
                    error,
                    {**KIM_FORM_ERROR_FIELDS, **document_error_fields()},
                    sections=form.section_errors,
                )
            else:
                submit = request.POST.get("action") == "submit"
                return _after_registration_saved(request, kim, submit=submit)
        status = 400
    else:
        initial, channel_rows, officer_rows = _initial(kim)
        form = KimForm(initial=initial, **form_kwargs)
        channels = ChannelFormSet(initial=channel_rows, prefix="channels")
        officers = OfficerFormSet(initial=officer_rows, prefix="officers")
        documents = KimDocumentsForm()

    context = {
        "kim": kim,
        "form": form,
        "channels": channels,
        "officers": officers,
        "documents": documents,
        "files_lost": request.method == "POST" and bool(request.FILES),
        "can_submit": creating or user.has_perm("registry.submit_kim", kim),
        "current_documents": (
            attach_download_urls(
                kim_current_documents(user=user, kim=kim),
                "registry:document-download",
            )
            if kim
            else []
        ),
        "drafts": (
            kim_list(
                user=user, filters={"status": KimStatus.DRAFT, "sort": "-updated_at"}
            )[:10]
            if creating
            else []
        ),
        "duplicates_url": reverse("registry:kim-duplicates"),
    }
    return render(request, "registry/kim_form.html", context, status=status)


def _after_registration_saved(request, kim: Kim, *, submit: bool):
    user = request.user
    duplicates = list(
        kim_possible_duplicates(
            user=user, name=kim.name, village_code=kim.village_id, exclude_id=kim.pk
        )[:MAX_DUPLICATES]
    )
    if duplicates:
        messages.warning(
            request,
            _("Periksa kemungkinan duplikat: %(names)s.")
            % {"names": "; ".join(f"{d.name} ({d.village.name})" for d in duplicates)},
        )
    if submit and user.has_perm("registry.submit_kim", kim):
        try:
            services.kim_submit(kim=kim, submitted_by=user)
        except (TransitionError, ValidationError) as error:
            messages.warning(request, _("Data KIM tersimpan sebagai draf."))
            show_messages(request, error)
            return redirect("registry:kim-update", pk=kim.pk)
        messages.success(request, _("KIM diajukan untuk verifikasi."))
        return redirect(kim)
    if kim.status == KimStatus.SUBMITTED and submit:
        messages.success(request, _("KIM tersimpan dan menunggu verifikasi."))
        return redirect(kim)
    messages.success(request, _("Data KIM tersimpan."))
    # A draft or rejected KIM is still being filled in: back to its form.
    if user.has_perm("registry.submit_kim", kim):
        return redirect("registry:kim-update", pk=kim.pk)
    return redirect(kim)


@login_required
@require_GET
def kim_duplicates_view(request):
    """htmx: KIM that look like the one being typed (same or similar name, same desa)."""
    if not request.user.has_perm("registry.add_kim"):
        raise Http404
    name = request.GET.get("name", "").strip()
    village = request.GET.get("village", "").strip()
    exclude = request.GET.get("exclude", "")
    duplicates = []
    if len(name) >= 3:
        duplicates = list(
            kim_possible_duplicates(
                user=request.user,
                name=name,
                village_code=village,
                exclude_id=int(exclude) if exclude.isdigit() else None,
            )[:MAX_DUPLICATES]
        )
    return render(
        request, "registry/partials/duplicates.html", {"duplicates": duplicates}
    )

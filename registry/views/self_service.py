"""The KIM's own pages (role `kim`): its status and documents, its profile, and new
documents. Used on phones over weak connections: small pages, no script beyond htmx.

Contact, address, audience, media and channels change at once; a new name, type, desa or
board, and every uploaded document, wait for the Dinas as a change request.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from kimportal.core.errors import TransitionError
from kimportal.core.service_errors import add_service_error
from kimportal.core.urls_cache import reverse_cached

from ..forms import (
    ChannelFormSet,
    KimDocumentForm,
    KimSelfForm,
    OfficerFormSet,
    formset_rows,
)
from ..models import KIM_PROFILE_FIELDS, Kim
from ..presenters import change_labels
from ..selectors import kim_own_get, own_kim_id
from ..selectors_profile import kim_own_page_get
from ..selectors_views import kim_active_channels, kim_active_officers
from ..services import kim_self_document_add, kim_self_update
from .profile_html import own_status_rows_html


def _initial(kim: Kim) -> tuple[dict, list[dict], list[dict]]:
    profile = model_to_dict(kim, fields=KIM_PROFILE_FIELDS)
    profile["village"] = kim.village_id
    officers = list(kim_active_officers(kim=kim).values("name", "position", "phone"))
    channels = list(
        kim_active_channels(kim=kim).values("platform", "address", "followers")
    )
    return profile, officers, channels


def _change_summary(change_request) -> list[str]:
    return change_labels(change_request)


@login_required
def my_kim(request):
    """The KIM's home: status, NIK, partnership, documents, pending changes."""
    # The KIM with its partnership, documents and pending changes, in one statement.
    kim, page = kim_own_page_get(user=request.user, pk=own_kim_id(user=request.user))
    pending = [
        {"request": change, "changes": _change_summary(change)}
        for change in page.pending_changes
    ]
    return render(
        request,
        "registry/self/my_kim.html",
        {
            "kim": kim,
            "status_rows": own_status_rows_html(kim, partnership=page.partnership),
            "documents": page.documents,
            "pending": pending,
            "can_edit": request.user.has_perm("registry.edit_own_kim", kim),
            # Reversed once per process (kimportal.core.urls_cache).
            "update_url": reverse_cached("registry:my-kim-update"),
            "document_url": reverse_cached("registry:my-kim-document"),
        },
    )


def verified_own_kim(refusal):
    """View decorator: the view gets the user's own KIM as `kim`; while the KIM is not
    verified the user is sent back to its page with `refusal`."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            kim = kim_own_get(user=request.user)
            if not request.user.has_perm("registry.edit_own_kim", kim):
                messages.warning(request, refusal)
                return redirect("registry:my-kim")
            return view(request, kim, *args, **kwargs)

        return wrapper

    return decorate


def _run_on_form(form, call):
    """`call()`'s result; None when the service refused, its reasons put on `form`."""
    try:
        return call()
    except ValidationError as exc:
        add_service_error(form, exc, {"file": "uploaded_file"})
    except TransitionError as exc:
        form.add_error(None, exc.message)
    return None


@login_required
@require_http_methods(["GET", "POST"])
@verified_own_kim(
    gettext_lazy("Data KIM dapat diubah sendiri setelah KIM terverifikasi.")
)
def my_kim_update(request, kim: Kim):
    """Edit the KIM's profile, channels and board."""
    profile, officer_rows, channel_rows = _initial(kim)
    data = request.POST if request.method == "POST" else None
    form = KimSelfForm(data, initial=profile, kim=kim)
    officers = OfficerFormSet(data, initial=officer_rows, prefix="officers")
    channels = ChannelFormSet(data, initial=channel_rows, prefix="channels")
    if data is not None and all(
        [form.is_valid(), officers.is_valid(), channels.is_valid()]
    ):
        saved = _run_on_form(
            form,
            lambda: kim_self_update(
                kim=kim,
                user=request.user,
                data=form.profile_data(),
                village_code=form.cleaned_data["village"],
                officers=formset_rows(officers),
                channels=formset_rows(channels),
            ),
        )
        if saved is not None:
            _kim, change_request = saved
            messages.success(request, _("Data KIM tersimpan."))
            if change_request is not None:
                messages.info(
                    request,
                    _(
                        "Perubahan %(fields)s menunggu pemeriksaan Dinas sebelum "
                        "berlaku."
                    )
                    % {"fields": ", ".join(_change_summary(change_request)).lower()},
                )
            return redirect("registry:my-kim")
    return render(
        request,
        "registry/self/update.html",
        {"kim": kim, "form": form, "officers": officers, "channels": channels},
    )


@login_required
@require_http_methods(["GET", "POST"])
@verified_own_kim(
    gettext_lazy("Dokumen dapat diunggah sendiri setelah KIM terverifikasi.")
)
def my_kim_document(request, kim: Kim):
    """Upload a document; it waits for the Dinas' check."""
    form = KimDocumentForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        sent = _run_on_form(
            form,
            lambda: kim_self_document_add(
                kim=kim, user=request.user, **form.cleaned_data
            ),
        )
        if sent is not None:
            messages.success(
                request,
                _("Dokumen terkirim dan menunggu pemeriksaan Dinas sebelum berlaku."),
            )
            return redirect("registry:my-kim")
    return render(
        request, "registry/self/document_add.html", {"kim": kim, "form": form}
    )

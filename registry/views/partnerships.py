"""Taking a verified KIM on as a partner, after the qualification assessment a–g."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kimportal.core.errors import TransitionError
from kimportal.core.service_errors import add_service_error

from .. import services
from ..forms import PartnershipForm
from ..selectors import kim_get
from .common import deny, staff_only


@staff_only
@require_http_methods(["GET", "POST"])
def partnership_create_view(request, pk: int):
    """Assess qualifications a–g and start a partnership for a period."""
    kim = kim_get(user=request.user, pk=pk)
    if not request.user.has_perm("registry.start_partnership", kim):
        return deny(request, kim)
    form = PartnershipForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            partnership = services.partnership_start(
                kim=kim, started_by=request.user, **form.cleaned_data
            )
        except TransitionError as error:
            messages.error(request, error.message)
            return redirect(kim)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Kemitraan dimulai untuk periode %(start)s – %(end)s.")
                % {"start": partnership.starts_on, "end": partnership.ends_on},
            )
            return redirect(kim)
    return render(
        request,
        "registry/partnership_form.html",
        {"kim": kim, "form": form},
        status=400 if form.is_bound else 200,
    )

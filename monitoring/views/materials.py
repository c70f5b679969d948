"""Information material: the staff's list, form and page (publish, withdraw), and the
KIM's view of what it received (copy text, WhatsApp share, tracked links, files)."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kimportal.core.access import actor_may, state_allows
from kimportal.core.errors import TransitionError

from .. import services
from ..choices import MaterialState, Medium
from ..forms import MaterialForm
from ..selectors import (
    delivery_for_kim,
    material_delivery_counts,
    material_file_get,
    material_get,
    material_list,
)
from .common import apply_service_error, paginate, private_file_response


def _require_view(request) -> None:
    if not request.user.has_perm("monitoring.view_materials"):
        raise Http404


@login_required
def material_list_view(request):
    _require_view(request)
    state = request.GET.get("state", "")
    page = paginate(request, material_list(user=request.user, state=state))
    return render(
        request,
        "monitoring/material_list.html",
        {
            "page": page,
            "state": state,
            "states": MaterialState.choices,
            "may_create": request.user.has_perm("monitoring.add_material"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def material_create_view(request):
    if not request.user.has_perm("monitoring.add_material"):
        raise Http404
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            files = request.FILES.getlist("files")
            material = services.material_create(
                created_by=request.user, data=form.service_data(), files=files
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Bahan tersimpan sebagai draf."))
            return redirect("monitoring:material-detail", pk=material.pk)
    return render(request, "monitoring/material_form.html", {"form": form})


def share_text(material, links: dict) -> str:
    """The text a KIM pastes into a WhatsApp group: the message and the tracked link
    for instant messaging (or the material's own URL)."""
    url = links.get(Medium.MESSAGING) or material.url
    return f"{material.title}\n\n{material.message}" + (f"\n\n{url}" if url else "")


def whatsapp_share_url(text: str) -> str:
    return "https://wa.me/?text=" + quote(text, safe="")


def delivery_share_context(request, delivery) -> dict:
    links = {
        link.medium: request.build_absolute_uri(f"/l/{link.code}")
        for link in delivery.links.all()
    }
    text = share_text(delivery.material, links)
    return {"share_text": text, "wa_url": whatsapp_share_url(text), "links": links}


@login_required
def material_detail_view(request, pk: int):
    _require_view(request)
    material = material_get(user=request.user, pk=pk)
    context: dict = {"material": material}
    if request.user.role == "kim":
        delivery = delivery_for_kim(user=request.user, material=material)
        if delivery is None:
            raise Http404
        services.delivery_mark_opened(delivery=delivery, user=request.user)
        context.update(delivery_share_context(request, delivery), delivery=delivery)
    else:
        user = request.user
        context.update(
            counts=material_delivery_counts(user=user, material=material),
            may_publish=actor_may(user, "monitoring.publish_material", material)
            and state_allows(user, "monitoring.publish_material", material),
            may_withdraw=actor_may(user, "monitoring.withdraw_material", material)
            and state_allows(user, "monitoring.withdraw_material", material),
        )
    return render(request, "monitoring/material_detail.html", context)


def _material_transition(request, pk: int, action, success):
    material = material_get(user=request.user, pk=pk)
    try:
        result = action(material)
    except TransitionError as error:
        messages.error(request, error.message)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except PermissionDenied:
        raise
    else:
        messages.success(request, success(result))
    return redirect("monitoring:material-detail", pk=pk)


@login_required
@require_POST
def material_publish_view(request, pk: int):
    return _material_transition(
        request,
        pk,
        lambda m: services.material_publish(material=m, published_by=request.user),
        lambda n: _("Bahan diterbitkan ke %(count)d KIM.") % {"count": n},
    )


@login_required
@require_POST
def material_withdraw_view(request, pk: int):
    return _material_transition(
        request,
        pk,
        lambda m: services.material_withdraw(material=m, withdrawn_by=request.user),
        lambda _m: _("Bahan ditarik."),
    )


@login_required
def material_file_view(request, pk: int):
    row = material_file_get(user=request.user, pk=pk)
    return private_file_response(
        row.file, content_type=row.content_type, name=row.original_name
    )

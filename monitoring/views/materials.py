"""Information material: the staff's list, form and page (publish, withdraw), and the
KIM's view of what it received (copy text, WhatsApp share, tracked links, files)."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kimportal.accounts.models import Role
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
            "page_query": f"state={state}" if state in MaterialState.values else "",
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


def _form_initial(material) -> dict:
    return {
        "title": material.title,
        "message": material.message,
        "theme": material.theme,
        "format": material.format,
        "url": material.url,
        "links": "\n".join(material.links),
        "period_start": material.period_start,
        "period_end": material.period_end,
        "target_region_codes": "\n".join(material.target_region_codes),
        "target_kim_types": material.target_kim_types,
        "target_fields": material.target_fields,
    }


@login_required
@require_http_methods(["GET", "POST"])
def material_update_view(request, pk: int):
    """Edit a draft material and add files to it (published material stays as sent)."""
    _require_view(request)
    material = material_get(user=request.user, pk=pk)
    if not actor_may(request.user, "monitoring.change_material", material):
        raise PermissionDenied
    if not state_allows(request.user, "monitoring.change_material", material):
        messages.error(request, _("Bahan yang sudah diterbitkan tidak dapat diubah."))
        return redirect("monitoring:material-detail", pk=pk)
    form = MaterialForm(
        request.POST or None, request.FILES or None, initial=_form_initial(material)
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.material_update(
                    material=material, updated_by=request.user, data=form.service_data()
                )
                for uploaded in request.FILES.getlist("files"):
                    services.material_file_add(
                        material=material,
                        uploaded_by=request.user,
                        uploaded_file=uploaded,
                    )
        except ValidationError as error:
            apply_service_error(form, error)
        except TransitionError as error:
            messages.error(request, error.message)
            return redirect("monitoring:material-detail", pk=pk)
        else:
            messages.success(request, _("Bahan tersimpan."))
            return redirect("monitoring:material-detail", pk=pk)
    return render(
        request,
        "monitoring/material_form.html",
        {"form": form, "material": material},
    )


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
    if request.user.effective_role == Role.KIM:
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
            may_edit=actor_may(user, "monitoring.change_material", material)
            and state_allows(user, "monitoring.change_material", material),
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

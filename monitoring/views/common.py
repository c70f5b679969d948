"""Small helpers of the monitoring views."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404

# Service argument names that a form calls differently.
FIELD_ALIASES = {"evidence": "evidence_url", "reason": "reason"}


def apply_service_error(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (or on the form)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            name = FIELD_ALIASES.get(field, field)
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def paginate(request, queryset, per_page: int = 25):
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))


def private_file_response(field_file, *, content_type: str, name: str):
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, content_type=content_type, filename=name)

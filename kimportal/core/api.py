"""Shared pieces of the REST API: pagination, errors as JSON with field messages, and
what keeps the OpenAPI schema truthful (read fields that may be blank, error shapes,
links between operations)."""

import re

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import TransitionError


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def exception_handler(exc, context):
    """DRF's handler, plus: an illegal transition is 409, a service's ValidationError is 400
    with its field messages, and every error body is JSON with a `detail`."""
    if isinstance(exc, TransitionError):
        return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            exc = DRFValidationError(detail=exc.message_dict)
        else:
            exc = DRFValidationError(detail={"detail": exc.messages})
    response = drf_exception_handler(exc, context)
    if response is None and isinstance(exc, (Http404, PermissionDenied)):
        return None
    return response


class ModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer whose read-only fields keep `allow_blank`.

    DRF drops `allow_blank` from fields listed in `read_only_fields`, so the schema would
    promise one of the choices (or an email address) where the row holds "". Keeping it
    lets drf-spectacular declare the blank value, as it does for writable fields."""

    def include_extra_kwargs(self, kwargs, extra_kwargs):
        allow_blank = kwargs.get("allow_blank", False)
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if allow_blank and kwargs.get("read_only"):
            kwargs["allow_blank"] = True
        return kwargs


# --- error shapes in the schema ------------------------------------------------------

# 401/403/404/409 (and 415): DRF's and our handler's `{"detail": "..."}`.
ErrorSerializer = inline_serializer("Error", fields={"detail": serializers.CharField()})

# 400: field name -> its messages; nested inputs (officers, channels, checklist items)
# nest the same way; `non_field_errors` and a service's `detail` are lists of messages;
# a body that is not valid JSON gets `{"detail": "..."}`.
VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "additionalProperties": {
        "oneOf": [
            {"type": "array", "items": {}},
            {"type": "object"},
            {"type": "string"},
        ]
    },
    "example": {"ends_on": ["Tanggal berakhir harus setelah tanggal mulai."]},
}

ERROR_DESCRIPTIONS = {
    400: _("Isian tidak valid (pesan per kolom)."),
    401: _("Tidak masuk, atau token tidak valid."),
    403: _("Peran Anda tidak boleh melakukan ini."),
    404: _("Tidak ada, atau di luar wilayah Anda."),
    409: _("Tidak dapat dilakukan pada status saat ini."),
    415: _("Jenis isi permintaan tidak didukung."),
}


def error_response(code: int, description=None) -> OpenApiResponse:
    """The documented answer for an error status, with its JSON shape."""
    return OpenApiResponse(
        response=VALIDATION_ERROR_SCHEMA if code == 400 else ErrorSerializer,
        description=description or ERROR_DESCRIPTIONS[code],
    )


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    return {code: error_response(code) for code in codes}


# --- schema post-processing ----------------------------------------------------------

# Component name -> fields some readers do not get (see `schema_fields_not_for_all`).
_NOT_FOR_ALL: dict[str, set[str]] = {}


def schema_fields_not_for_all(component: str, fields) -> None:
    """Declare that the read fields `fields` of `component` are left out for some readers
    (e.g. agencies get a KIM without its officers or phone numbers): the schema then
    lists them as optional rather than promising them to everyone."""
    _NOT_FOR_ALL.setdefault(component, set()).update(fields)


_DETAIL = re.compile(r"^(?P<collection>.*/)\{(?P<param>[^/}]+)\}/")


def _component(response: dict) -> str | None:
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    ref = schema.get("$ref", "")
    return ref.rsplit("/", 1)[-1] or None


def schema_postprocess(result, generator, request, public):
    """drf-spectacular hook: what the decorators cannot say for every operation.

    - Fields declared by `schema_fields_not_for_all` are optional in their component.
    - 401: any request carrying a wrong token is refused before anything else, on every
      operation (public ones too, since the token is checked when it is sent).
    - 400: on every operation, for the request guard's refusal of malformed input.
    - 404: on every operation that names an object in its path or is paginated.
    - Links: a stateful client (Schemathesis, or a person reading the docs) can follow
      list -> detail -> transitions. Every operation under `<collection>{id}/` is
      linked from the collection's list (first row), its detail, its creation, and any
      other collection's operation whose answer is that object (a review case opened
      under a KIM links to the case's own operations). Transitions are not linked from
      each other, so a stateful client starts from lists and creations rather than from
      guessed ids."""
    schemas = result.get("components", {}).get("schemas", {})
    for component, fields in _NOT_FOR_ALL.items():
        if component in schemas and "required" in schemas[component]:
            kept = [f for f in schemas[component]["required"] if f not in fields]
            schemas[component]["required"] = kept
    paths = result.get("paths", {})
    targets: dict[str, list[tuple[str, str]]] = {}  # collection -> [(opId, param)]
    detail_component: dict[str, str] = {}  # component name -> collection
    for path, item in paths.items():
        match = _DETAIL.match(path)
        if not match:
            continue
        collection, param = match["collection"], match["param"]
        for method, operation in item.items():
            targets.setdefault(collection, []).append((operation["operationId"], param))
            if method == "get" and path == f"{collection}{{{param}}}/":
                component = _component(operation["responses"].get("200", {}))
                if component:
                    detail_component[component] = collection

    for path, item in paths.items():
        for method, operation in item.items():
            responses = operation.setdefault("responses", {})
            if "401" not in responses:
                responses["401"] = _error_ref(result, 401)
            # The request guard (kimportal.security.request_guard) answers malformed
            # input (NUL bytes, invalid UTF-8, overlong values) with 400 before any view.
            if "400" not in responses:
                responses["400"] = _error_ref(result, 400)
            # Every object named in the path is read through the scoping rule (missing
            # and out of scope are both 404), and DRF's pagination answers a page past
            # the end, or not a number, with 404 "Invalid page".
            names_object = "{" in path
            paginated = any(
                p.get("in") == "query" and p.get("name") == "page"
                for p in operation.get("parameters", [])
            )
            if (names_object or paginated) and "404" not in responses:
                responses["404"] = _error_ref(result, 404)
            _share_validation_error(result, responses.get("400"))
            for code, response in responses.items():
                if not code.startswith("2"):
                    continue
                collection, pointer = None, "/id"
                component = _component(response)
                if method == "get" and path in targets and component:
                    collection, pointer = path, "/results/0/id"
                elif component in detail_component:
                    collection = detail_component[component]
                    # A transition's answer (the same object again) is not a new
                    # starting point; the list, the detail and a creation are.
                    if path.startswith(collection) and path != collection:
                        if not (method == "get" and _DETAIL.fullmatch(path)):
                            continue
                if collection is None:
                    continue
                response["links"] = {
                    operation_id: {
                        "operationId": operation_id,
                        "parameters": {param: f"$response.body#{pointer}"},
                    }
                    for operation_id, param in targets[collection]
                    if operation_id != operation["operationId"]
                }
    return result


def _error_ref(result, code: int) -> dict:
    """A response for `code` that refers to the shared Error component (added if none of
    the decorated operations brought it in)."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault(
        "Error",
        {
            "type": "object",
            "properties": {"detail": {"type": "string"}},
            "required": ["detail"],
        },
    )
    return {
        "description": str(ERROR_DESCRIPTIONS[code]),
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
        },
    }


def _share_validation_error(result, response: dict | None) -> None:
    """One `ValidationError` component instead of the same shape inlined per operation."""
    content = (response or {}).get("content", {}).get("application/json")
    if not content or content.get("schema") != VALIDATION_ERROR_SCHEMA:
        return
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("ValidationError", VALIDATION_ERROR_SCHEMA)
    content["schema"] = {"$ref": "#/components/schemas/ValidationError"}

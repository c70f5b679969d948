"""A service's ValidationError, shown where the person will look for it.

Services own the rules and key their errors by their own argument names
(`{"ends_on": [...]}`, or a plain list for the object as a whole). Forms and API
serializers name their fields for people, so the two sets of names may differ: one
`field_map` per caller translates them, and this module is the only place that walks an
error. Pages use `add_service_error`; the API uses `service_error_detail`, which gives the
`{field: [messages]}` body of a 400 response.
"""

from collections.abc import Mapping, Sequence

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def service_error_items(
    error: ValidationError, field_map: Mapping[str, str] | None = None
) -> list[tuple[str | None, list[str]]]:
    """(field, messages) pairs of `error`, field names translated by `field_map`; None
    for errors about the whole object."""
    field_map = field_map or {}
    if not hasattr(error, "error_dict"):
        return [(None, list(error.messages))]
    items: list[tuple[str | None, list[str]]] = []
    for key, messages in error.message_dict.items():
        field = None if key == NON_FIELD_ERRORS else field_map.get(key, key)
        items.append((field, list(messages)))
    return items


def service_error_detail(
    error: ValidationError,
    field_map: Mapping[str, str] | None = None,
    *,
    non_field_key: str = "detail",
) -> dict[str, list[str]]:
    """`{field: [messages]}` for an API response; whole-object errors under
    `non_field_key`."""
    detail: dict[str, list[str]] = {}
    for field, messages in service_error_items(error, field_map):
        detail.setdefault(field or non_field_key, []).extend(messages)
    return detail


def add_service_error(
    forms: object | Sequence[object],
    error: ValidationError,
    field_map: Mapping[str, str] | None = None,
    *,
    sections: dict[str, list[str]] | None = None,
) -> None:
    """Put `error` on `forms` (one Django form, or several shown on one page): each
    message on the first form that has the field it names, keys listed in `sections`
    into that dict (messages shown beside a group of rows), the rest above the first
    form."""
    forms_ = list(forms) if isinstance(forms, (list, tuple)) else [forms]
    for field, messages in service_error_items(error, field_map):
        if sections is not None and field in sections:
            sections[field].extend(messages)
            continue
        target = next(
            (f for f in forms_ if field is not None and field in f.fields), None
        )
        for message in messages:
            if target is None:
                forms_[0].add_error(None, message)
            else:
                target.add_error(field, message)

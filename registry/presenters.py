"""Stored values as people read them: choice labels, desa names, officers, and a change
request's fields beside the KIM's current values. The one place pages and mails turn a
code into words; no database query per value (regions come in one query)."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import FieldDoesNotExist
from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from kimportal.regions.models import Region

from .choices import ContentType, GovernmentAffair, MediaType, SocialGroup
from .models import Kim

EMPTY = "—"
VILLAGE_KEYS = ("village", "village_code", "village_id")
# Labels of change-request keys that are not fields of Kim under the same name.
CHANGE_LABELS = {
    "name": _("Nama KIM"),
    "kim_type": _("Tipe KIM"),
    "village": _("Desa/kelurahan"),
    "village_code": _("Desa/kelurahan"),
    "officers": _("Susunan pengurus"),
    "document": _("Dokumen"),
}
KIM_LIST_CHOICES = {
    "social_groups": SocialGroup,
    "media_types": MediaType,
    "fields": GovernmentAffair,
    "content_types": ContentType,
}


def choice_labels(values: Iterable[str] | None, choices: type[TextChoices]) -> list:
    """The labels of stored choice values, in their stored order; an unknown value (an
    old code) is shown as it is."""
    labels = dict(choices.choices)
    return [str(labels.get(value, value)) for value in values or ()]


def kim_list_labels(kim: Kim) -> dict[str, list[str]]:
    """The labels of a KIM's multiple-choice fields (audience, media, affairs, content)."""
    return {
        field: choice_labels(getattr(kim, field), choices)
        for field, choices in KIM_LIST_CHOICES.items()
    }


# The actions a KIM's page offers, each asked of its named rule (registry/rules.py).
KIM_PAGE_ACTIONS = {
    "can_verify": "registry.verify_kim",
    "can_change": "registry.change_kim",
    "can_submit": "registry.submit_kim",
    "can_partner": "registry.start_partnership",
    "can_review": "registry.open_review",
    "can_invite": "registry.invite_kim_user",
    "can_deactivate": "registry.deactivate_kim",
}


def kim_page_actions(*, user, kim: Kim) -> dict[str, bool]:
    """Which actions of the KIM's page `user` may take: each rule asked once per page,
    in the view (the template asked through a tag, seven times over, per request)."""
    return {key: user.has_perm(perm, kim) for key, perm in KIM_PAGE_ACTIONS.items()}


def change_label(key: str) -> str:
    """The name of a field a change request touches."""
    if key in CHANGE_LABELS:
        return str(CHANGE_LABELS[key])
    try:
        return str(Kim._meta.get_field(key).verbose_name)
    except FieldDoesNotExist:
        return key


def change_labels(change_request) -> list[str]:
    """The names of the fields a change request touches, in its order."""
    changes = change_request.changes if isinstance(change_request.changes, dict) else {}
    return [change_label(key) for key in changes]


def value_display(key: str, value, *, regions: Mapping[str, Region]) -> str:
    """A stored or requested value of KIM field `key` as the officer reads it.
    `regions` holds the desa the values name, by code (see `region_codes_of`)."""
    if value in (None, "", []):
        return EMPTY
    if key in VILLAGE_KEYS:
        region = regions.get(value)
        return f"{region.name} ({value})" if region else str(value)
    if isinstance(value, list):
        return "; ".join(value_display(key, item, regions=regions) for item in value)
    if isinstance(value, dict):
        if "name" in value:
            extra = ", ".join(
                str(value[k]) for k in ("position", "phone") if value.get(k)
            )
            return f"{value['name']} ({extra})" if extra else str(value["name"])
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    try:
        field = Kim._meta.get_field(key)
    except FieldDoesNotExist:
        return str(value)
    choices = dict(
        field.choices
        or getattr(getattr(field, "base_field", None), "choices", None)
        or []
    )
    return str(choices.get(value, value))


def region_codes_of(changes: dict, current: dict) -> set[str]:
    """The desa codes a change table shows, so they can be read in one query."""
    return {
        str(value)
        for source in (current, {k: c.get("new") for k, c in changes.items()})
        for key, value in source.items()
        if key in VILLAGE_KEYS and value
    }


def change_rows(
    changes: dict, *, current: dict, regions: Mapping[str, Region]
) -> list[dict]:
    """Requested changes ({field: {"old", "new"}}) beside the KIM's `current` values."""
    rows = []
    for key, change in changes.items():
        requested = change.get("new") if isinstance(change, dict) else change
        rows.append(
            {
                "label": change_label(key),
                "current": value_display(key, current.get(key), regions=regions),
                "requested": value_display(key, requested, regions=regions),
            }
        )
    return rows

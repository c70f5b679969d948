"""The audit trail page: every recorded change of one object, newest first.

pghistory triggers write an event row for each insert and update of a tracked model; the
request middleware (or a service's `pghistory.context(user=...)`) attaches who did it and
from which URL. The object itself is fetched through the scoping rule, so a history page
answers 404 exactly when the object's own page would.
"""

from collections.abc import Iterable
from datetime import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _
from pghistory.models import Events

from kimportal.regions.models import Region

from .scoping import ScopeSpec, get_scoped_or_404

PAGE_SIZE = 20
ACTION_LABELS = {
    "insert": _("Dibuat"),
    "update": _("Diubah"),
    "delete": _("Dihapus"),
    "snapshot": _("Dicatat"),
}
# References shown by name rather than id (see _related_kind).
USER = "user"
REGION = "region"
# Bookkeeping columns that change on every save and say nothing to a reader.
HIDDEN_FIELDS = frozenset({"id", "updated_at", "last_login"})


def history_url(obj: Model) -> str:
    """The audit-trail page of `obj` (any model with a SCOPE)."""
    return reverse(
        "history",
        kwargs={
            "app_label": obj._meta.app_label,
            "model": obj._meta.model_name,
            "pk": obj.pk,
        },
    )


def can_view_history(user) -> bool:
    """Staff offices read audit trails; KIM members and agencies do not."""
    return user is not None and user.has_perm("accounts.view_history")


def history_model(app_label: str, model_name: str) -> type[Model]:
    """The scoped model named in a URL, or 404 (unknown, or not something with a scope)."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as exc:
        raise Http404 from exc
    if not isinstance(getattr(model, "SCOPE", None), ScopeSpec):
        raise Http404
    return model


def history_events(*, obj: Model) -> QuerySet:
    """The pghistory events of `obj`, newest first."""
    return Events.objects.tracks(obj).order_by("-pgh_created_at", "-pgh_id")


def history_rows(*, model: type[Model], events: Iterable[Events]) -> list[dict]:
    """Events made readable: time, action, who, where, and each changed field's label
    with its old and new value, in the model's field order."""
    events = list(events)
    fields = {f.column: f for f in model._meta.concrete_fields}
    order = {column: n for n, column in enumerate(fields)}
    names = _related_names(fields, events)

    rows = []
    for event in events:
        context = event.pgh_context or {}
        changes = [
            {
                "label": _field_label(fields.get(column), column),
                "old": _display(fields.get(column), old, names),
                "new": _display(fields.get(column), new, names),
            }
            for column, (old, new) in _in_order((event.pgh_diff or {}).items(), order)
            if column not in HIDDEN_FIELDS
        ]
        # A creation has nothing to compare with: show what the row started with.
        initial = [
            {
                "label": _field_label(fields.get(column), column),
                "value": _display(fields.get(column), value, names),
            }
            for column, value in _in_order((event.pgh_data or {}).items(), order)
            if event.pgh_label == "insert"
            and column not in HIDDEN_FIELDS
            and value not in (None, "", [], {})
        ]
        actor = context.get("user")
        rows.append(
            {
                "at": event.pgh_created_at,
                "label": ACTION_LABELS.get(event.pgh_label, event.pgh_label),
                "action": event.pgh_label,
                "user": names.get((USER, _key(actor))) if actor is not None else None,
                "user_id": actor,
                "url": context.get("url", ""),
                "changes": changes,
                "initial": initial,
            }
        )
    return rows


@login_required
def history_view(request, app_label: str, model: str, pk: int):
    """The audit trail of one object the user may see; 404 for anything else."""
    if not can_view_history(request.user):
        raise Http404
    model_class = history_model(app_label, model)
    obj = get_scoped_or_404(model_class._default_manager.all(), request.user, pk=pk)
    page = Paginator(history_events(obj=obj), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "core/history.html",
        {
            "object": obj,
            "model_name": model_class._meta.verbose_name,
            "page": page,
            "rows": history_rows(model=model_class, events=page.object_list),
            "object_url": obj.get_absolute_url()
            if hasattr(obj, "get_absolute_url")
            else "",
        },
    )


def _related_kind(field) -> str | None:
    """User and region references are shown by name; other references stay ids, since
    naming them could show a row from outside the reader's scope."""
    if field is None or not field.is_relation:
        return None
    if field.related_model is get_user_model():
        return USER
    if field.related_model is Region:
        return REGION
    return None


def _key(value) -> str:
    return str(value)


def _related_names(fields: dict, events: list) -> dict:
    wanted: dict[str, set] = {USER: set(), REGION: set()}
    for event in events:
        actor = (event.pgh_context or {}).get("user")
        if actor is not None:
            wanted[USER].add(_key(actor))
        for column, field in fields.items():
            kind = _related_kind(field)
            if kind is None:
                continue
            if event.pgh_diff:
                values = event.pgh_diff.get(column) or []
            else:
                values = [(event.pgh_data or {}).get(column)]
            wanted[kind].update(_key(v) for v in values if v is not None)
    names = {}
    user_ids = [int(v) for v in wanted[USER] if v.isdigit()]
    if user_ids:
        for pk, username in (
            get_user_model()
            .objects.filter(pk__in=user_ids)
            .values_list("pk", "username")
        ):
            names[(USER, _key(pk))] = username
    if wanted[REGION]:
        for code, name in Region.objects.filter(code__in=wanted[REGION]).values_list(
            "code", "name"
        ):
            names[(REGION, code)] = f"{name} ({code})"
    return names


def _in_order(items, order: dict):
    return sorted(items, key=lambda item: (order.get(item[0], len(order)), item[0]))


def _field_label(field, column: str) -> str:
    if field is None:
        return column
    return str(field.verbose_name)


def _display(field, value, names: dict) -> str:
    """A stored JSON value as a reader would say it."""
    if value is None or value == "":
        return "—"
    if field is None:
        return str(value)
    if isinstance(value, bool):
        return str(_("Ya") if value else _("Tidak"))
    if isinstance(value, list):
        base = getattr(field, "base_field", None)
        return ", ".join(_display(base, item, names) for item in value) or "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    kind = _related_kind(field)
    if kind is not None:
        return names.get((kind, _key(value))) or f"#{value}"
    internal = field.get_internal_type()
    if internal == "DateTimeField" and isinstance(value, str):
        parsed = parse_datetime(value)
        return _format_datetime(parsed) if parsed else value
    if internal == "DateField" and isinstance(value, str):
        parsed = parse_date(value)
        return parsed.strftime("%d-%m-%Y") if parsed else value
    if internal == "FileField":
        return str(_("berkas %(name)s")) % {"name": str(value).rsplit("/", 1)[-1]}
    return str(value)


def _format_datetime(value: datetime) -> str:
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%d-%m-%Y %H:%M")

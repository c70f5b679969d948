"""The one scoping rule: which rows of a model may this user see.

Every list, detail, export, chart, API endpoint and task reads through `scoped()` or
`get_scoped_or_404()`. A model takes part by declaring `SCOPE = ScopeSpec(...)`:

- `region`: the lookup path to a Kemendagri code. Codes nest by prefix (`35` ⊃ `35.07` ⊃
  `35.07.01.2001`), and every segment has a fixed width, so "in the scope of 35.07" is
  `code LIKE '35.07%'`, served by a `varchar_pattern_ops` index on that column.
- `kim`: the lookup path to the KIM id, for users of the `kim` role (they see only their KIM,
  which the registry's resolver names: `kimportal.core.contributions.kim_id_of`).
- `agency`: a filter for read-only national agencies (K/L), or None when they see nothing.

The ministry sees the nation. A model without a `SCOPE` cannot be scoped: asking is an error,
so a new model cannot leak by being forgotten.
"""

from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from kimportal.core.contributions import kim_id_of

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class ScopeSpec:
    region: str | None = None
    kim: str | None = None
    agency: Q | None = None


def scope_spec_of(model: type[Model]) -> ScopeSpec:
    spec = getattr(model, "SCOPE", None)
    if not isinstance(spec, ScopeSpec):
        raise ImproperlyConfigured(
            f"{model.__name__} declares no SCOPE; it cannot be scoped."
        )
    return spec


def scope_filter(model: type[Model], user) -> Q | None:
    """The filter that limits `model` to `user`'s scope: `Q()` for everything, None for nothing."""
    spec = scope_spec_of(model)
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_ministry:
        return Q()
    if user.is_agency:
        return spec.agency
    if user.is_kim:
        if spec.kim is None:
            return None
        kim_id = kim_id_of(user)
        return None if kim_id is None else Q(**{spec.kim: kim_id})
    if user.is_province or user.is_regency:
        code = user.scope_code
        if spec.region is None or not code:
            return None
        return Q(**{f"{spec.region}__startswith": code})
    return None


def scope_key(user, *models: type[Model]) -> tuple[Q | None, ...]:
    """The scoping rule's condition for `user` on each of `models`: all that a statement
    built through `scoped()` on those models reads of the user, hence the part of its key
    that names the user when the compiled statement is kept (kimportal.core.statements).
    """
    return tuple(scope_filter(model, user) for model in models)


def scoped(queryset: QuerySet[M], user) -> QuerySet[M]:
    """`queryset` limited to the rows `user` may see."""
    condition = scope_filter(queryset.model, user)
    if condition is None:
        return queryset.none()
    return queryset.filter(condition) if condition else queryset


def get_scoped_or_404(queryset: QuerySet[M], user, **lookup) -> M:
    """One object in `user`'s scope; 404 whether it is missing or out of scope, so that
    the answer does not tell which."""
    try:
        return scoped(queryset, user).get(**lookup)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


def code_in_scope(user, code: str | None) -> bool:
    """Whether a region code (e.g. a desa picked in a form) lies in an officer's scope."""
    if not code or user is None or not user.is_authenticated:
        return False
    if user.is_ministry:
        return True
    prefix = user.scope_code
    return bool(prefix) and code.startswith(prefix)

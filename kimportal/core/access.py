"""Services guard themselves (Zulip's `access_*`, pretix's service checks).

A write service locks its row, then calls `guard(...)` with the same named permission the
view uses. The rules are stated once (each app's `rules.py`), split into *who* may ever do
a transition and *which state* allows it, so the answer is exact:

- the wrong actor gets `PermissionDenied` (views: 403 / 404; API: 403);
- the right actor on an object in the wrong state gets `TransitionError` (API: 409).

A new caller — an API endpoint, a task, a shell session — therefore cannot forget the
check: it is inside the service.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import rules
from django.core.exceptions import PermissionDenied

from kimportal.core.errors import TransitionError

_actor_rules: dict[str, Callable[..., bool]] = {}
_state_rules: dict[str, Callable[..., bool]] = {}
_state_messages: dict[str, str] = {}


def register_transitions(
    actors: Mapping[str, Any],
    states: Mapping[str, Any],
    messages: Mapping[str, str] | None = None,
) -> None:
    """Declare transitions as `actor & state` permissions (django-rules), and remember
    the two halves so `guard` can tell a wrong actor from a wrong state. `messages` gives
    the Indonesian text shown when the state refuses."""
    for permission, actor in actors.items():
        state = states.get(permission, rules.always_allow)
        _actor_rules[permission] = actor
        _state_rules[permission] = state
        if messages and permission in messages:
            _state_messages[permission] = messages[permission]
        if rules.perm_exists(permission):
            rules.set_perm(permission, actor & state)
        else:
            rules.add_perm(permission, actor & state)


def actor_may(user, permission: str, obj=None) -> bool:
    """Whether this kind of user may ever do `permission` (state not considered)."""
    if permission in _actor_rules:
        return bool(_actor_rules[permission].test(user, obj))
    return bool(user.has_perm(permission, obj))


def state_allows(user, permission: str, obj=None) -> bool:
    """Whether the object's state allows `permission` now (actor not considered)."""
    state = _state_rules.get(permission)
    return True if state is None else bool(state.test(user, obj))


def guard(user, permission: str, obj=None, *, message: str | None = None) -> None:
    """Refuse the wrong actor (`PermissionDenied`) or the wrong state
    (`TransitionError`). Call it after locking the row the decision depends on."""
    if user is None or not getattr(user, "is_authenticated", False):
        raise PermissionDenied("Anda harus masuk untuk melakukan ini.")
    if not getattr(user, "is_active", True):
        raise PermissionDenied("Akun Anda tidak aktif.")
    if not actor_may(user, permission, obj):
        raise PermissionDenied("Anda tidak berwenang melakukan tindakan ini.")
    if not state_allows(user, permission, obj):
        raise TransitionError(
            message
            or _state_messages.get(permission)
            or "Tindakan ini tidak dapat dilakukan pada status saat ini."
        )

"""What apps contribute to the shell, so the core never imports a domain app.

The core offers small registries; each app fills them in its `AppConfig.ready()` (in the
spirit of pretix's `nav_event` / `event_dashboard_widgets` signals). The core then renders
whatever is registered: navigation entries and home panels per role, demo seeders run by
`seed_demo` in layer order, notification kinds sent by the one notification pipeline, and
the resolver that tells the scoping rule which KIM a `kim` user belongs to.

Registration is idempotent per key, so a `ready()` that runs twice (tests, autoreload)
does not duplicate entries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

# The order of the layers (../shared/ARCHITECTURE.md). Seeders and panels of an app to the
# left come first, because apps to the right build on their data.
LAYERS = ("kimportal", "registry", "monitoring", "mapping", "collaboration")


def layer_index(app: str) -> int:
    root = app.split(".")[0]
    return LAYERS.index(root) if root in LAYERS else len(LAYERS)


@dataclass(frozen=True)
class NavEntry:
    """A link in the main navigation: `url_name` reversed without arguments."""

    key: str
    url_name: str
    label: Any
    roles: frozenset[str]
    order: int = 100


@dataclass(frozen=True)
class HomePanel:
    """A block on the home page: `selector(user=...)` returns the template's context."""

    key: str
    template: str
    roles: frozenset[str]
    selector: Callable[..., dict]
    order: int = 100


@dataclass(frozen=True)
class DemoSeeder:
    """Seeds one app's demo data through its services: `seed(users=..., password=...)`
    returns a one-line summary. `users` maps demo usernames to users; a seeder may add
    to it (e.g. the registry adds `kim-demo`)."""

    app: str
    seed: Callable[..., str]


@dataclass(frozen=True)
class NotificationKind:
    """A kind of message the portal sends (kimportal.core.outbox): rendered from two
    templates with the stored context (subject: one line; body: plain text) and sent to
    the stored recipients, or, when `compose` is given, `compose(context)` returns the
    emails itself (it reads the committed rows, e.g. to find today's recipients)."""

    key: str
    subject_template: str = ""
    body_template: str = ""
    compose: Callable[[dict], Iterable[Any]] | None = None


@dataclass
class _Registry:
    nav: dict[str, NavEntry] = field(default_factory=dict)
    panels: dict[str, HomePanel] = field(default_factory=dict)
    seeders: dict[str, DemoSeeder] = field(default_factory=dict)
    notifications: dict[str, NotificationKind] = field(default_factory=dict)
    kim_resolver: Callable[[Any], int | None] | None = None


_registry = _Registry()


def register_nav(
    key: str, *, url_name: str, label, roles: Iterable[str], order: int = 100
) -> None:
    _registry.nav[key] = NavEntry(key, url_name, label, frozenset(roles), order)


def register_home_panel(
    key: str,
    *,
    template: str,
    roles: Iterable[str],
    selector: Callable[..., dict],
    order: int = 100,
) -> None:
    _registry.panels[key] = HomePanel(key, template, frozenset(roles), selector, order)


def register_demo_seeder(app: str, seed: Callable[..., str]) -> None:
    _registry.seeders[app] = DemoSeeder(app, seed)


def register_notification_kind(
    key: str,
    *,
    subject_template: str = "",
    body_template: str = "",
    compose: Callable[[dict], Iterable[Any]] | None = None,
) -> None:
    if compose is None and not (subject_template and body_template):
        raise ValueError(f"Notification {key!r} needs templates or a compose function.")
    _registry.notifications[key] = NotificationKind(
        key, subject_template, body_template, compose
    )


def register_kim_resolver(resolver: Callable[[Any], int | None]) -> None:
    """The function that answers "which KIM does this `kim` user belong to" (the
    registry owns KIM membership; the core must not name it)."""
    _registry.kim_resolver = resolver


def nav_entries_for(role: str) -> list[NavEntry]:
    entries = [e for e in _registry.nav.values() if role in e.roles]
    return sorted(entries, key=lambda e: (e.order, e.key))


def home_panels_for(role: str) -> list[HomePanel]:
    panels = [p for p in _registry.panels.values() if role in p.roles]
    return sorted(panels, key=lambda p: (p.order, p.key))


def demo_seeders() -> list[DemoSeeder]:
    return sorted(_registry.seeders.values(), key=lambda s: layer_index(s.app))


def notification_kind(key: str) -> NotificationKind:
    try:
        return _registry.notifications[key]
    except KeyError:
        raise LookupError(f"Unknown notification kind {key!r}; register it.") from None


# Where kim_id_of keeps its answer on the user object: one lookup per user object, so a
# page that scopes a dozen querysets for `request.user` asks the registry once.
_KIM_ID_CACHE = "_kim_id_of_cache"


def kim_id_of(user) -> int | None:
    """The KIM a `kim` user belongs to, through the resolver the registry registers;
    None when no app has registered one (then KIM users see nothing). The answer is
    cached on the user object (one request, one lookup); `forget_kim_of` clears it."""
    resolver = _registry.kim_resolver
    if resolver is None or user is None or not getattr(user, "pk", None):
        return None
    cached = getattr(user, _KIM_ID_CACHE, _MISSING)
    if cached is _MISSING:
        cached = resolver(user)
        setattr(user, _KIM_ID_CACHE, cached)
    return cached


def forget_kim_of(user) -> None:
    """Drop the cached answer of `kim_id_of` (after a membership of `user` changed)."""
    try:
        delattr(user, _KIM_ID_CACHE)
    except AttributeError:
        pass


_MISSING = object()

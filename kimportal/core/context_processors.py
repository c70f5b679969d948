"""The navigation a user sees depends on their role (SPEC §8). Apps register their entries
(`kimportal.core.contributions.register_nav`); entries whose URL does not resolve are
skipped, so an app can be switched off without breaking the menu.

The menu's HTML is written once per role, language and URL configuration and kept per
process; a request only marks the entry of its own page (perf, issue #6 item 12: through
the template language the menu was almost half of the page shell's time)."""

from html import escape

from django.urls import NoReverseMatch
from django.utils.safestring import mark_safe

from kimportal.core.contributions import nav_entries_for
from kimportal.core.urls_cache import markup_key, reverse_cached

# (url, label, <li> of the entry, <li> of the entry as the current page) per menu.
_menus: dict[tuple, list[tuple[str, str, str, str]]] = {}


def _menu(role: str) -> list[tuple[str, str, str, str]]:
    entries = nav_entries_for(role)
    key = (*markup_key(), role, tuple(id(entry) for entry in entries))
    menu = _menus.get(key)
    if menu is None:
        menu = []
        for entry in entries:
            try:
                url = reverse_cached(entry.url_name)
            except NoReverseMatch:
                continue
            label = str(entry.label)
            href, text = escape(url), escape(label)
            link = f'<li><a href="{href}">{text}</a></li>'
            current = f'<li><a href="{href}" aria-current="page">{text}</a></li>'
            menu.append((url, label, link, current))
        _menus[key] = menu
    return menu


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "nav_html": ""}
    menu = _menu(user.effective_role)
    path = request.path
    return {
        "nav_items": [
            {"url": url, "label": label, "active": path == url}
            for url, label, _link, _current in menu
        ],
        "nav_html": mark_safe(  # noqa: S308 — URLs and labels escaped in _menu
            "".join(current if path == url else link for url, _l, link, current in menu)
        ),
    }

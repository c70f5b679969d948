"""The navigation a user sees depends on their role (SPEC §8). Apps register their entries
(`kimportal.core.contributions.register_nav`); entries whose URL does not resolve are
skipped, so an app can be switched off without breaking the menu."""

from django.urls import NoReverseMatch

from kimportal.core.contributions import nav_entries_for
from kimportal.core.urls_cache import reverse_cached


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for entry in nav_entries_for(user.effective_role):
        try:
            url = reverse_cached(entry.url_name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": entry.label, "active": request.path == url})
    return {"nav_items": items}

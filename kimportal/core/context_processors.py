"""The navigation a user sees depends on their role (SPEC §8)."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# (url name, label, roles that see it). Entries whose URL does not exist yet are skipped,
# so an app can add its pages without touching this list's readers.
NAVIGATION = [
    ("home", _("Beranda"), {"ministry", "province", "regency", "agency", "kim"}),
    ("registry:kim-list", _("Daftar KIM"), {"ministry", "province", "regency"}),
    ("registry:kim-create", _("Daftarkan KIM"), {"regency"}),
    ("registry:review-list", _("Peninjauan"), {"ministry", "province", "regency"}),
    ("registry:change-request-list", _("Permohonan perubahan"), {"regency"}),
    ("registry:directory", _("Direktori KIM"), {"agency", "ministry"}),
    ("registry:my-kim", _("Profil KIM"), {"kim"}),
    ("accounts:application-list", _("Permohonan admin"), {"ministry"}),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    role = user.effective_role
    items = []
    for name, label, roles in NAVIGATION:
        if role not in roles:
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "active": request.path == url})
    # Entries that apps register (kimportal.core.contributions).
    from .contributions import nav_entries_for

    for entry in nav_entries_for(role):
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": entry.label, "active": request.path == url})
    return {"nav_items": items}

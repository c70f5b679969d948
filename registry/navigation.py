"""The registry's entries in the main navigation (registered in `RegistryConfig`)."""

from django.utils.translation import gettext_lazy as _

from kimportal.accounts.models import Role
from kimportal.core.contributions import register_nav

STAFF = (Role.MINISTRY, Role.PROVINCE, Role.REGENCY)


def register() -> None:
    register_nav(
        "registry.kim-list",
        url_name="registry:kim-list",
        label=_("Daftar KIM"),
        roles=STAFF,
        order=10,
    )
    register_nav(
        "registry.kim-create",
        url_name="registry:kim-create",
        label=_("Daftarkan KIM"),
        roles=[Role.REGENCY],
        order=20,
    )
    register_nav(
        "registry.review-list",
        url_name="registry:review-list",
        label=_("Peninjauan"),
        roles=STAFF,
        order=30,
    )
    register_nav(
        "registry.change-request-list",
        url_name="registry:change-request-list",
        label=_("Permohonan perubahan"),
        roles=[Role.REGENCY],
        order=40,
    )
    register_nav(
        "registry.directory",
        url_name="registry:directory",
        label=_("Direktori KIM"),
        roles=[Role.AGENCY, Role.MINISTRY],
        order=50,
    )
    register_nav(
        "registry.my-kim",
        url_name="registry:my-kim",
        label=_("Profil KIM"),
        roles=[Role.KIM],
        order=60,
    )

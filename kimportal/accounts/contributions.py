"""What the accounts app contributes to the shell: the ministry's site-admin queue (a
navigation entry and a home panel) and the demo offices and officers."""

from django.utils.translation import gettext_lazy as _

from kimportal.core.contributions import (
    register_demo_seeder,
    register_home_panel,
    register_nav,
)

from .models import Role


def _application_panel(*, user) -> dict:
    from .selectors import application_status_counts

    return application_status_counts(user=user)


def register() -> None:
    from . import notifications
    from .demo import seed_demo

    notifications.register()
    register_nav(
        "core.home", url_name="home", label=_("Beranda"), roles=Role.values, order=0
    )
    register_nav(
        "accounts.application-list",
        url_name="accounts:application-list",
        label=_("Permohonan admin"),
        roles=[Role.MINISTRY],
        order=900,
    )
    register_nav(
        "accounts.office-list",
        url_name="accounts:office-list",
        label=_("Kantor dan petugas"),
        roles=[Role.MINISTRY],
        order=910,
    )
    register_nav(
        "accounts.my-team",
        url_name="accounts:my-team",
        label=_("Tim kantor"),
        roles=[Role.PROVINCE, Role.REGENCY, Role.AGENCY],
        order=920,
    )
    register_nav(
        "accounts.token-list",
        url_name="accounts:token-list",
        label=_("Token API saya"),
        roles=Role.values,
        order=980,
    )
    register_nav(
        "accounts.mfa-setup",
        url_name="accounts:mfa-setup",
        label=_("Verifikasi dua langkah"),
        roles=Role.values,
        order=990,
    )
    # The site-admin queue is the ministry's own daily work (SPEC §1, §8).
    register_home_panel(
        "accounts.applications",
        template="accounts/panels/applications.html",
        roles=[Role.MINISTRY],
        selector=_application_panel,
        order=20,
    )
    register_demo_seeder("kimportal.accounts", seed_demo)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MappingConfig(AppConfig):
    name = "mapping"
    verbose_name = _("Pemetaan KIM")

    def ready(self):
        from kimportal.accounts.models import Role
        from kimportal.core.contributions import (
            register_demo_seeder,
            register_home_panel,
            register_nav,
        )

        from . import rules  # noqa: F401 (registers the permissions)
        from .demo import seed_demo_mapping
        from .selectors import home_panel

        staff = (Role.MINISTRY, Role.PROVINCE, Role.REGENCY)
        register_nav(
            "mapping-grid",
            url_name="mapping:grid",
            label=_("Peta KIM"),
            roles=staff,
            order=40,
        )
        register_nav(
            "mapping-issues",
            url_name="mapping:issue-list",
            label=_("Isu publik"),
            roles=staff,
            order=41,
        )
        register_nav(
            "mapping-report",
            url_name="mapping:report",
            label=_("Laporan pemetaan"),
            roles=staff,
            order=42,
        )
        register_nav(
            "mapping-questionnaire",
            url_name="mapping:questionnaire",
            label=_("Kuesioner ketertarikan"),
            roles=(Role.KIM,),
            order=40,
        )
        register_home_panel(
            "mapping",
            template="mapping/partials/home_panel.html",
            roles=staff,
            selector=home_panel,
            order=40,
        )
        register_demo_seeder("mapping", seed_demo_mapping)

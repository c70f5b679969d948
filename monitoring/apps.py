from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring dan evaluasi")

    def ready(self) -> None:
        from kimportal.accounts.models import Role
        from kimportal.core.contributions import (
            register_demo_seeder,
            register_home_panel,
            register_nav,
        )

        from . import rules  # noqa: F401  (registers the transitions)
        from .demo import seed_demo_monitoring
        from .selectors import kim_home_panel, staff_home_panel

        staff = (Role.MINISTRY, Role.PROVINCE, Role.REGENCY)
        register_nav(
            "monitoring-reports",
            url_name="monitoring:report-list",
            label=_("Laporan diseminasi"),
            roles=(*staff, Role.KIM),
            order=40,
        )
        register_nav(
            "monitoring-materials",
            url_name="monitoring:material-list",
            label=_("Bahan informasi"),
            roles=(*staff, Role.KIM),
            order=41,
        )
        # The KIM's first job on its home: report a dissemination, share new material.
        register_home_panel(
            "monitoring-kim",
            template="monitoring/partials/panel_kim.html",
            roles=(Role.KIM,),
            selector=kim_home_panel,
            order=10,
        )
        register_home_panel(
            "monitoring-staff",
            template="monitoring/partials/panel_staff.html",
            roles=staff,
            selector=staff_home_panel,
            order=40,
        )
        register_demo_seeder("monitoring", seed_demo_monitoring)

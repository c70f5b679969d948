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

        from . import exports_reports, imports, rules  # noqa: F401  (rules: transitions)
        from .demo import seed_demo_monitoring
        from .demo_effectiveness import seed_demo_effectiveness
        from .selectors import kim_home_panel, staff_home_panel

        imports.register()
        exports_reports.register_background()
        staff = (Role.MINISTRY, Role.PROVINCE, Role.REGENCY)
        register_nav(
            "monitoring.reports",
            url_name="monitoring:report-list",
            label=_("Laporan diseminasi"),
            roles=(*staff, Role.KIM),
            order=40,
        )
        register_nav(
            "monitoring.materials",
            url_name="monitoring:material-list",
            label=_("Bahan informasi"),
            roles=(*staff, Role.KIM),
            order=41,
        )
        # The KIM's first job on its home, before the registry's status card (order
        # 10): report a dissemination, share new material.
        register_home_panel(
            "monitoring.kim",
            template="monitoring/partials/panel_kim.html",
            roles=(Role.KIM,),
            selector=kim_home_panel,
            order=5,
        )
        register_home_panel(
            "monitoring.staff",
            template="monitoring/partials/panel_staff.html",
            roles=staff,
            selector=staff_home_panel,
            order=40,
        )
        register_demo_seeder("monitoring", seed_demo_monitoring)
        # Survey answers and click rollups need monitoring's demo reports first.
        register_demo_seeder(
            "monitoring.effectiveness",
            lambda **_: seed_demo_effectiveness(),
        )
        # Effectiveness (Tabel 5.1): the dashboard and this month's numbers on the home.
        from .selectors_effectiveness import effectiveness_home_panel

        register_nav(
            "monitoring-effectiveness",
            url_name="monitoring:effectiveness",
            label=_("Efektivitas"),
            roles=staff,
            order=42,
        )
        register_home_panel(
            "monitoring-effectiveness",
            template="monitoring/partials/panel_effectiveness.html",
            roles=staff,
            selector=effectiveness_home_panel,
            order=41,
        )

        # Social-media metrics (issue 10): its task, permissions and demo seeder, which
        # runs after the monitoring seeder above.
        from .providers import setup as metrics_setup

        metrics_setup.ready()

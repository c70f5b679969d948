from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    name = "collaboration"
    verbose_name = _("Kolaborasi kegiatan")

    def ready(self):
        from kimportal.accounts.models import Role
        from kimportal.core.contributions import (
            register_demo_seeder,
            register_home_panel,
            register_nav,
        )

        from . import rules  # noqa: F401 (registers the permissions)
        from .demo import seed_demo_collaboration
        from .selectors_campaigns import home_panel_kim

        staff = (Role.MINISTRY, Role.PROVINCE, Role.REGENCY)
        # --- capacity needs and campaigns (collab-needs) ---
        register_nav(
            "collaboration-needs",
            url_name="collaboration:need-list",
            label=_("Kebutuhan kapasitas"),
            roles=(*staff, Role.KIM),
            order=50,
        )
        register_nav(
            "collaboration-campaigns",
            url_name="collaboration:campaign-list",
            label=_("Kampanye"),
            roles=(*staff, Role.KIM),
            order=52,
        )
        register_nav(
            "collaboration-targeting",
            url_name="collaboration:targeting",
            label=_("Sasaran KIM"),
            roles=staff,
            order=53,
        )
        register_home_panel(
            "collaboration-kim",
            template="collaboration/partials/home_panel_kim.html",
            roles=(Role.KIM,),
            selector=home_panel_kim,
            order=30,
        )
        register_demo_seeder("collaboration.needs", seed_demo_collaboration)
        # --- capacity needs from a spreadsheet (impex) ---
        from .imports import register as register_need_import

        register_need_import()
        # --- events (collab-events) ---
        from .contributions_events import register as register_events

        register_events()
        # --- competitions and judging (collab-competitions) ---
        from .contributions_competitions import register as register_competitions

        register_competitions()
        # --- awards and nominations (awards) ---
        from . import rules_awards, rules_nominations  # noqa: F401
        from .contributions_awards import register as register_awards

        register_awards()

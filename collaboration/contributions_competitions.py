"""What competitions contribute to the shell: navigation for the office, the KIM and
the juror, and the demo seeder (after the other collaboration seeders)."""

from django.utils.translation import gettext_lazy as _

from kimportal.accounts.models import Role
from kimportal.core.contributions import (
    register_demo_seeder,
    register_home_panel,
    register_nav,
)

STAFF = (Role.MINISTRY, Role.PROVINCE, Role.REGENCY)


def kim_home_panel(*, user) -> dict:
    from .selectors_competitions import competitions_open_for_kim, kim_entries

    return {
        "open": list(competitions_open_for_kim(user=user)[:3]),
        "entries": list(kim_entries(user=user)[:3]),
    }


def register() -> None:
    from . import rules_competitions  # noqa: F401 (registers the permissions)
    from .demo_competitions import seed_demo_competitions

    register_demo_seeder("collaboration.competitions", seed_demo_competitions)
    register_nav(
        "collaboration-competitions",
        url_name="collaboration:competition-list",
        label=_("Lomba"),
        roles=STAFF,
        order=54,
    )
    register_nav(
        "collaboration-my-competitions",
        url_name="collaboration:my-competitions",
        label=_("Lomba"),
        roles=(Role.KIM,),
        order=54,
    )
    register_nav(
        "collaboration-judging",
        url_name="collaboration:judging-home",
        label=_("Penjurian"),
        roles=(Role.JUROR,),
        order=10,
    )
    register_home_panel(
        "collaboration-competitions-kim",
        template="collaboration/kim_competitions/home_panel.html",
        roles=(Role.KIM,),
        selector=kim_home_panel,
        order=55,
    )

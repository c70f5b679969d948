"""What awards and nominations contribute to the shell: navigation (staff: awards and
nominations; KIM: its awards and nominations) and the demo seeder."""

from django.utils.translation import gettext_lazy as _

from kimportal.accounts.models import Role
from kimportal.core.contributions import register_demo_seeder, register_nav

STAFF = (Role.MINISTRY, Role.PROVINCE, Role.REGENCY)


def register() -> None:
    from .demo_awards import seed_demo_awards

    register_demo_seeder("collaboration.awards", seed_demo_awards)
    register_nav(
        "collaboration-awards",
        url_name="collaboration:award-list",
        label=_("Apresiasi"),
        roles=STAFF,
        order=56,
    )
    register_nav(
        "collaboration-nominations",
        url_name="collaboration:nomination-list",
        label=_("Usulan lomba"),
        roles=STAFF,
        order=57,
    )
    register_nav(
        "collaboration-my-awards",
        url_name="collaboration:my-awards",
        label=_("Apresiasi"),
        roles=(Role.KIM,),
        order=56,
    )

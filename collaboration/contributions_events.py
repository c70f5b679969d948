"""What the events part of collaboration contributes to the shell: navigation, the
KIM's home panel (invitations, the QR of its next event, its certificates) and the
staff's panel of upcoming events."""

from django.utils.translation import gettext_lazy as _

from kimportal.accounts.models import Role
from kimportal.core.contributions import (
    register_demo_seeder,
    register_home_panel,
    register_nav,
)

from .qr import qr_svg
from .selectors_events import kim_invitations, staff_upcoming_events

STAFF = (Role.MINISTRY, Role.PROVINCE, Role.REGENCY)


def kim_home_panel(*, user) -> dict:
    panel = kim_invitations(user=user)
    upcoming = panel["upcoming"]
    # The QR of the nearest event, so the KIM can show it at the door from home.
    panel["next_qr"] = qr_svg(upcoming[0].code, scale=4) if upcoming else ""
    return panel


def register() -> None:
    from .demo_events import seed_demo_events

    # Its own key: capacity needs and campaigns register "collaboration".
    register_demo_seeder("collaboration.events", seed_demo_events)
    register_nav(
        "collaboration-events",
        url_name="collaboration:event-list",
        label=_("Kegiatan"),
        roles=STAFF,
        order=50,
    )
    register_nav(
        "collaboration-invitations",
        url_name="collaboration:my-invitations",
        label=_("Undangan kegiatan"),
        roles=(Role.KIM,),
        order=50,
    )
    register_home_panel(
        "collaboration-events-kim",
        template="collaboration/events/partials/home_kim.html",
        roles=(Role.KIM,),
        selector=kim_home_panel,
        order=50,
    )
    register_home_panel(
        "collaboration-events-staff",
        template="collaboration/events/partials/home_staff.html",
        roles=STAFF,
        selector=staff_upcoming_events,
        order=50,
    )

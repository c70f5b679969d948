"""The registry's blocks on the home page, one per role (registered in `RegistryConfig`).
Each panel's selector is a dashboard builder of `selectors`; its template reads `d`."""

from kimportal.accounts.models import Role
from kimportal.core.contributions import register_home_panel

from . import selectors

PANELS = (
    (Role.REGENCY, selectors.regency_dashboard),
    (Role.PROVINCE, selectors.province_dashboard),
    (Role.MINISTRY, selectors.ministry_dashboard),
    (Role.AGENCY, selectors.agency_dashboard),
    (Role.KIM, selectors.kim_dashboard),
)


def register() -> None:
    for role, builder in PANELS:
        register_home_panel(
            f"registry.{role}",
            template=f"registry/panels/{role}.html",
            roles=[role],
            selector=builder,
            order=10,
        )

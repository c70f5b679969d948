from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def home(request):
    """The home dashboard: counts in the user's scope, per role (SPEC §8)."""
    from kimportal.accounts.selectors import application_status_counts
    from registry.selectors import dashboard_for

    dashboard = dashboard_for(user=request.user)
    if dashboard["role"] == "ministry":
        # The site-admin queue is the ministry's own daily work (SPEC §1, §8).
        dashboard["applications"] = application_status_counts(user=request.user)
    return render(
        request,
        "core/home.html",
        {"dashboard": dashboard, **_home_panels(request.user)},
    )


# Panels ordered up to this come before the role's own counts (a KIM's main button).
TOP_PANEL_ORDER = 20


def _home_panels(user) -> dict:
    """The panels apps registered for the user's role, each with its selector's
    context (kimportal.core.contributions)."""
    from .contributions import home_panels_for

    panels = [
        {"template": p.template, "order": p.order, "context": p.selector(user=user)}
        for p in home_panels_for(user.effective_role)
    ]
    return {
        "panels_top": [p for p in panels if p["order"] <= TOP_PANEL_ORDER],
        "panels": [p for p in panels if p["order"] > TOP_PANEL_ORDER],
    }

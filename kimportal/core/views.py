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
    return render(request, "core/home.html", {"dashboard": dashboard})

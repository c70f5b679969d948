from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def home(request):
    """The home dashboard: counts in the user's scope, per role (SPEC §8)."""
    from registry.selectors import dashboard_for

    return render(
        request, "core/home.html", {"dashboard": dashboard_for(user=request.user)}
    )

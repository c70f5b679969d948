from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from kimportal.core.contributions import home_panels_for


@login_required
def home(request):
    """The home dashboard (SPEC §8): the panels the apps registered for the user's role,
    each filled by its own selector, in their registered order."""
    user = request.user
    panels = [
        {
            "key": panel.key,
            "template": panel.template,
            "context": panel.selector(user=user),
        }
        for panel in home_panels_for(user.effective_role)
    ]
    return render(request, "core/home.html", {"panels": panels})

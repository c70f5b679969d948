"""The KIM's side of awards and nominations (on a phone): its awards with their
certificates, its place in each announced ranking, and its nominations."""

from django.shortcuts import render

from ..selectors_awards import kim_awards
from ..selectors_nominations import nomination_list
from .awards import component_rows
from .event_common import kim_events_view


@kim_events_view
def my_awards_view(request):
    awards = kim_awards(user=request.user)
    for entry in awards["entries"]:
        entry.rows = component_rows(entry)
    return render(
        request,
        "collaboration/awards/mine.html",
        {**awards, "nominations": list(nomination_list(user=request.user)[:50])},
    )

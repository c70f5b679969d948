"""The event effect page (issue item 7)."""

from django.shortcuts import render

from ..effect import WINDOW_MONTHS, event_effect
from ..selectors_events import event_get
from .event_common import staff_events_view


@staff_events_view
def event_effect_view(request, pk: int):
    event = event_get(user=request.user, pk=pk)
    try:
        months = int(request.GET.get("months", WINDOW_MONTHS[0]))
    except ValueError:
        months = WINDOW_MONTHS[0]
    return render(
        request,
        "collaboration/events/effect.html",
        {
            "event": event,
            "effect": event_effect(event=event, months=months),
            "windows": WINDOW_MONTHS,
        },
    )

"""Collaboration's pages under /kolaborasi/. Each subject keeps its own block of
routes; events add theirs with one include line below."""

from . import urls_events

app_name = "collaboration"

# --- capacity needs and campaigns (collab-needs) ---------------------------------------
urlpatterns: list = []

# --- events (collab-events) ------------------------------------------------------------
urlpatterns += urls_events.urlpatterns

"""Collaboration's REST API under /api/v1/. Reads go through the selectors (out of
scope → 404), writes through one service each (wrong actor → 403, wrong state → 409,
bad input → 400). Each subject keeps its own block."""

from rest_framework.routers import DefaultRouter

from . import api_events

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False

# --- capacity needs and campaigns (collab-needs) ---------------------------------------

# --- events (collab-events) ------------------------------------------------------------
event_paths = api_events.register(router)

urlpatterns = [*event_paths, *router.urls]

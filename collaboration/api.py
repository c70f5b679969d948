"""Collaboration's REST API under /api/v1/. Reads go through the selectors (out of
scope → 404), writes through one service each (wrong actor → 403, wrong state → 409,
bad input → 400). Each subject keeps its own block."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter(trailing_slash=True)

# --- capacity needs and campaigns (collab-needs) ---------------------------------------

# --- events (collab-events) ------------------------------------------------------------

urlpatterns = router.urls

"""Everything under /api/v1/. Each app adds its routes through its `api.py`."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .accounts.api import AuthTokenApi

urlpatterns = [
    path("auth/token/", AuthTokenApi.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        # The split view serves Swagger UI's start-up script as a file (same URL,
        # `?script`), so the docs page needs no inline script under the CSP.
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    path("regions/", include("kimportal.regions.api")),
    path("", include("kimportal.accounts.api_teams")),
    path("", include("kimportal.security.api")),
    path("imports/", include("kimportal.imports.api")),
    path("exports/", include("kimportal.imports.api_exports")),
    path("", include("registry.api")),
    path("", include("monitoring.api")),
    path("stats/", include("monitoring.api_effectiveness")),
    path("", include("mapping.api")),
    path("", include("collaboration.api")),
]

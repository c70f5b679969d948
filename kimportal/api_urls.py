"""Everything under /api/v1/. Each app adds its routes through its `api.py`."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token

urlpatterns = [
    path("auth/token/", obtain_auth_token, name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"
    ),
    path("regions/", include("kimportal.regions.api")),
    path("", include("registry.api")),
    path("", include("monitoring.api")),
    path("", include("mapping.api")),
]

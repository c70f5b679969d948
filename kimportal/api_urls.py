"""Everything under /api/v1/. Each app adds its routes through its `api.py`."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken

from .core.api import error_responses


@extend_schema_view(
    post=extend_schema(
        responses={
            200: AuthTokenSerializer,
            **error_responses(400),
            # django-axes: too many failed attempts for this username from this address.
            (429, "text/html"): OpenApiResponse(
                OpenApiTypes.STR, description=_("Terlalu banyak percobaan masuk.")
            ),
        }
    )
)
class AuthTokenApi(ObtainAuthToken):
    """A user's API token for a username and password (`Authorization: Token ...`)."""


urlpatterns = [
    path("auth/token/", AuthTokenApi.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"
    ),
    path("regions/", include("kimportal.regions.api")),
    path("", include("registry.api")),
    path("", include("monitoring.api")),
    path("stats/", include("monitoring.api_effectiveness")),
    path("", include("mapping.api")),
    path("", include("collaboration.api")),
]

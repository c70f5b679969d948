from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("", include("kimportal.core.urls")),
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("kimportal.accounts.urls")),
    path("regions/", include("kimportal.regions.urls")),
    path("keamanan/", include("kimportal.security.urls")),
    path("impor/", include("kimportal.imports.urls")),
    path("kim/", include("registry.urls")),
    path("", include("monitoring.urls")),
    path("metrik/", include("monitoring.providers.urls")),
    path("mapping/", include("mapping.urls")),
    path("kolaborasi/", include("collaboration.urls")),
    path("", include("collaboration.urls_public")),
    path("api/v1/", include("kimportal.api_urls")),
    path("admin/", admin.site.urls),
]

handler500 = "kimportal.core.health_views.server_error"

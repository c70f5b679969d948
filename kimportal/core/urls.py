from django.urls import path

from . import health_views, history, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health_views.healthz, name="healthz"),
    path("readyz", health_views.readyz, name="readyz"),
    path("sistem/kesehatan/", health_views.system_health, name="system-health"),
    path(
        "history/<str:app_label>/<str:model>/<int:pk>/",
        history.history_view,
        name="history",
    ),
]

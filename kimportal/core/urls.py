from django.urls import path

from . import history, views

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "history/<str:app_label>/<str:model>/<int:pk>/",
        history.history_view,
        name="history",
    ),
]

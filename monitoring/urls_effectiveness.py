"""Effectiveness pages and the public outcome survey (included by monitoring/urls.py,
in the `monitoring` namespace)."""

from django.urls import path

from .views import content, effectiveness, survey

urlpatterns = [
    path("s/<str:code>", survey.survey_view, name="survey"),
    path(
        "monitoring/effectiveness/",
        effectiveness.effectiveness_view,
        name="effectiveness",
    ),
    path(
        "monitoring/effectiveness/export.<str:fmt>",
        effectiveness.effectiveness_export_view,
        name="effectiveness-export",
    ),
    path(
        "monitoring/materials/<int:pk>/effectiveness/",
        effectiveness.material_effectiveness_view,
        name="material-effectiveness",
    ),
    path(
        "monitoring/content/<int:pk>/",
        content.content_item_view,
        name="content-detail",
    ),
]

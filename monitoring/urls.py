"""Monitoring's pages under /monitoring/, and the public tracked link /l/<code>."""

from django.urls import path

from .views import links, materials, reports

app_name = "monitoring"

urlpatterns = [
    path("l/<str:code>", links.tracked_link_redirect, name="tracked-link"),
    path("monitoring/reports/", reports.report_list_view, name="report-list"),
    path(
        "monitoring/reports/export/<str:fmt>/",
        reports.report_export_view,
        name="report-export",
    ),
    path(
        "monitoring/reports/create/", reports.report_create_view, name="report-create"
    ),
    path(
        "monitoring/reports/validate/",
        reports.reports_validate_view,
        name="reports-validate",
    ),
    path(
        "monitoring/reports/<int:pk>/",
        reports.report_detail_view,
        name="report-detail",
    ),
    path(
        "monitoring/reports/<int:pk>/update/",
        reports.report_update_view,
        name="report-update",
    ),
    path(
        "monitoring/reports/<int:pk>/submit/",
        reports.report_submit_view,
        name="report-submit",
    ),
    path(
        "monitoring/reports/<int:pk>/validate/",
        reports.report_validate_view,
        name="report-validate",
    ),
    path(
        "monitoring/reports/<int:pk>/return/",
        reports.report_return_view,
        name="report-return",
    ),
    path(
        "monitoring/reports/<int:pk>/correct/",
        reports.report_correct_view,
        name="report-correct",
    ),
    path(
        "monitoring/reports/<int:pk>/photo/",
        reports.report_photo_view,
        name="report-photo",
    ),
    path("monitoring/materials/", materials.material_list_view, name="material-list"),
    path(
        "monitoring/materials/create/",
        materials.material_create_view,
        name="material-create",
    ),
    path(
        "monitoring/materials/<int:pk>/",
        materials.material_detail_view,
        name="material-detail",
    ),
    path(
        "monitoring/materials/<int:pk>/update/",
        materials.material_update_view,
        name="material-update",
    ),
    path(
        "monitoring/materials/<int:pk>/publish/",
        materials.material_publish_view,
        name="material-publish",
    ),
    path(
        "monitoring/materials/<int:pk>/withdraw/",
        materials.material_withdraw_view,
        name="material-withdraw",
    ),
    path(
        "monitoring/materials/files/<int:pk>/",
        materials.material_file_view,
        name="material-file",
    ),
]

# Effectiveness dashboards, exports, a material's loop and the public survey.
from .urls_effectiveness import urlpatterns as effectiveness_patterns  # noqa: E402

urlpatterns += effectiveness_patterns

from django.urls import path

from .views import assessments, grid, issues, questionnaire, reports

app_name = "mapping"

urlpatterns = [
    path("", grid.grid_view, name="grid"),
    path("categories/", reports.categories_view, name="categories"),
    path(
        "categories/export/<str:fmt>/",
        reports.categories_export_view,
        name="categories-export",
    ),
    path("issues/", issues.issue_list_view, name="issue-list"),
    path("issues/create/", issues.issue_create_view, name="issue-create"),
    path("issues/<int:pk>/", issues.issue_detail_view, name="issue-detail"),
    path("issues/<int:pk>/update/", issues.issue_update_view, name="issue-update"),
    path(
        "issues/<int:pk>/national/", issues.issue_national_view, name="issue-national"
    ),
    path("assessments/", assessments.assessment_list_view, name="assessment-list"),
    path(
        "assessments/export/<str:fmt>/",
        assessments.assessment_export_view,
        name="assessment-export",
    ),
    path(
        "assessments/<int:pk>/",
        assessments.assessment_detail_view,
        name="assessment-detail",
    ),
    path(
        "assessments/<int:pk>/override/",
        assessments.assessment_override_view,
        name="assessment-override",
    ),
    path(
        "assessments/<int:pk>/plan/",
        assessments.assessment_plan_view,
        name="assessment-plan",
    ),
    path("recompute/", assessments.recompute_view, name="recompute"),
    path("settings/", assessments.settings_view, name="settings"),
    path("report/", reports.report_view, name="report"),
    path("report/<str:fmt>/", reports.report_export_view, name="report-export"),
    path("questionnaire/", questionnaire.questionnaire_view, name="questionnaire"),
]

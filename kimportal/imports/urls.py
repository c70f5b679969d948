from django.urls import path

from . import views, views_exports

app_name = "imports"

urlpatterns = [
    path("", views.import_list_view, name="list"),
    path("<int:pk>/", views.import_detail_view, name="detail"),
    path("<int:pk>/status/", views.import_status_view, name="status"),
    path("<int:pk>/confirm/", views.import_confirm_view, name="confirm"),
    path("templates/<str:kind>/", views.import_template_view, name="template"),
    path("ekspor/", views_exports.export_create_view, name="export-create"),
    path("ekspor/<int:pk>/", views_exports.export_detail_view, name="export-detail"),
    path(
        "ekspor/<int:pk>/status/",
        views_exports.export_status_view,
        name="export-status",
    ),
    path(
        "ekspor/<int:pk>/unduh/",
        views_exports.export_download_view,
        name="export-download",
    ),
]

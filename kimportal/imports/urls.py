from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.import_list_view, name="list"),
    path("<int:pk>/", views.import_detail_view, name="detail"),
    path("<int:pk>/status/", views.import_status_view, name="status"),
    path("<int:pk>/confirm/", views.import_confirm_view, name="confirm"),
    path("templates/<str:kind>/", views.import_template_view, name="template"),
]

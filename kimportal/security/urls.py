from django.urls import path

from . import views

app_name = "security"

urlpatterns = [
    path("", views.security_event_list_view, name="event-list"),
    path("ekspor/<str:fmt>/", views.security_event_export_view, name="event-export"),
]

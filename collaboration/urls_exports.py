"""Routes of collaboration's list exports, added to `collaboration/urls.py`
(namespace `collaboration`)."""

from django.urls import path

from .views import exports

urlpatterns = [
    path("kegiatan/ekspor/<str:fmt>/", exports.event_export_view, name="event-export"),
    path(
        "kegiatan/<int:pk>/daftar-hadir/ekspor/<str:fmt>/",
        exports.attendance_export_view,
        name="event-attendance-export",
    ),
    path(
        "kampanye/ekspor/<str:fmt>/",
        exports.campaign_export_view,
        name="campaign-export",
    ),
    path("kebutuhan/ekspor/<str:fmt>/", exports.need_export_view, name="need-export"),
]

"""Collaboration's pages under /kolaborasi/. Each subject keeps its own block of
routes; events add theirs with one include line below."""

from django.urls import path

from . import urls_awards, urls_competitions, urls_events, urls_exports
from .views import campaigns, needs

app_name = "collaboration"

# --- capacity needs and campaigns (collab-needs) ---------------------------------------
urlpatterns = [
    path("kebutuhan/", needs.need_list_view, name="need-list"),
    path("kebutuhan/isi/", needs.need_create_view, name="need-create"),
    path(
        "kebutuhan/kim/<int:kim_pk>/isi/",
        needs.need_create_for_kim_view,
        name="need-create-for-kim",
    ),
    path("kebutuhan/<int:pk>/", needs.need_detail_view, name="need-detail"),
    path("sasaran/", needs.targeting_view, name="targeting"),
    path("kampanye/", campaigns.campaign_list_view, name="campaign-list"),
    path("kampanye/buat/", campaigns.campaign_create_view, name="campaign-create"),
    path("kampanye/<int:pk>/", campaigns.campaign_detail_view, name="campaign-detail"),
    path(
        "kampanye/<int:pk>/ubah/",
        campaigns.campaign_update_view,
        name="campaign-update",
    ),
    *(
        path(
            f"kampanye/<int:pk>/{action}/",
            campaigns.campaign_transition_view,
            {"action": action},
            name=f"campaign-{action}",
        )
        for action in campaigns.TRANSITIONS
    ),
    *(
        path(
            f"kampanye/<int:pk>/{segment}/",
            campaigns.campaign_step_view,
            {"action": action},
            name=f"campaign-{action}",
        )
        for action, segment in (
            ("design", "rancangan"),
            ("launch", "diseminasi"),
            ("feedback", "masukan"),
        )
    ),
    path(
        "kampanye/<int:pk>/tetapkan/",
        campaigns.campaign_fix_view,
        name="campaign-fix",
    ),
]

# --- events (collab-events) ------------------------------------------------------------
urlpatterns += urls_events.urlpatterns

# --- competitions and judging (collab-competitions) ------------------------------------
urlpatterns += urls_competitions.urlpatterns

# --- awards and nominations (awards) -----------------------------------------------------
urlpatterns += urls_awards.urlpatterns

# --- list exports (impex) --------------------------------------------------------------
urlpatterns += urls_exports.urlpatterns

"""Routes of the award and nomination pages, added to `collaboration/urls.py`
(namespace `collaboration`); the public publication page is in `public_urlpatterns`,
added to `urls_public.py`."""

from django.urls import path

from .views import awards, awards_public, kim_awards, nominations

urlpatterns = [
    path("apresiasi/", awards.award_list_view, name="award-list"),
    path("apresiasi/create/", awards.award_create_view, name="award-create"),
    path("apresiasi/<int:pk>/", awards.award_detail_view, name="award-detail"),
    path(
        "apresiasi/<int:pk>/compute/", awards.award_compute_view, name="award-compute"
    ),
    path(
        "apresiasi/<int:pk>/publish/", awards.award_publish_view, name="award-publish"
    ),
    path("apresiasi/<int:pk>/cancel/", awards.award_cancel_view, name="award-cancel"),
    path("apresiasi/<int:pk>/grant/", awards.award_grant_view, name="award-grant"),
    path(
        "apresiasi/<int:pk>/export/<str:fmt>/",
        awards.award_export_view,
        name="award-export",
    ),
    path("apresiasi/peringkat/<int:pk>/", awards.award_entry_view, name="award-entry"),
    path(
        "apresiasi/penghargaan/<int:pk>/withdraw/",
        awards.award_grant_withdraw_view,
        name="award-grant-withdraw",
    ),
    path(
        "apresiasi/piagam/<int:pk>/pdf/",
        awards.award_certificate_pdf_view,
        name="award-certificate-pdf",
    ),
    path(
        "apresiasi/piagam/<int:pk>/revoke/",
        awards.award_certificate_revoke_view,
        name="award-certificate-revoke",
    ),
    path("apresiasi-saya/", kim_awards.my_awards_view, name="my-awards"),
    path("usulan-lomba/", nominations.nomination_list_view, name="nomination-list"),
    path(
        "usulan-lomba/create/",
        nominations.nomination_create_view,
        name="nomination-create",
    ),
    path(
        "usulan-lomba/<int:pk>/",
        nominations.nomination_detail_view,
        name="nomination-detail",
    ),
    *(
        path(
            f"usulan-lomba/<int:pk>/{action}/",
            nominations.nomination_action_view,
            {"action": action},
            name=f"nomination-{action}",
        )
        for action in nominations.ACTIONS
    ),
]

public_urlpatterns = [
    path("apresiasi/", awards_public.award_public_list_view, name="award-public-list"),
    path(
        "apresiasi/<int:pk>/",
        awards_public.award_public_detail_view,
        name="award-public-detail",
    ),
]

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views, views_security, views_teams
from .password_reset import RateLimitedPasswordResetView

app_name = "accounts"

urlpatterns = [
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(
            success_url=reverse_lazy("accounts:password-change-done")
        ),
        name="password-change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password-change-done",
    ),
    path(
        "password/reset/",
        RateLimitedPasswordResetView.as_view(
            success_url=reverse_lazy("accounts:password-reset-done")
        ),
        name="password-reset",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password-reset-complete")
        ),
        name="password-reset-confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("mfa/verify/", views_security.mfa_verify_view, name="mfa-verify"),
    path("mfa/setup/", views_security.mfa_setup_view, name="mfa-setup"),
    path("tokens/", views_security.token_list_view, name="token-list"),
    path(
        "tokens/<str:key>/revoke/",
        views_security.token_revoke_view,
        name="token-revoke",
    ),
    path("team/", views_teams.my_team_view, name="my-team"),
    path("offices/", views_teams.office_list_view, name="office-list"),
    path("offices/<int:pk>/", views_teams.office_team_view, name="office-team"),
    path(
        "people/<int:pk>/deactivate/",
        views_teams.member_deactivate_view,
        name="member-deactivate",
    ),
    path(
        "people/<int:pk>/site-admin/",
        views_teams.member_site_admin_view,
        name="member-site-admin",
    ),
    path(
        "people/<int:pk>/step-down/",
        views_teams.member_step_down_view,
        name="member-step-down",
    ),
    path("apply/", views.application_apply, name="apply"),
    path("apply/done/", views.application_apply_done, name="apply-done"),
    path("applications/", views.application_list_view, name="application-list"),
    path(
        "applications/<int:pk>/",
        views.application_detail_view,
        name="application-detail",
    ),
    path(
        "applications/<int:pk>/approve/",
        views.application_approve_view,
        name="application-approve",
    ),
    path(
        "applications/<int:pk>/reject/",
        views.application_reject_view,
        name="application-reject",
    ),
    path(
        "applications/<int:pk>/letter/",
        views.application_letter_view,
        name="application-letter",
    ),
]

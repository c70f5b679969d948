from django.urls import path

from . import views

app_name = "metrics"

urlpatterns = [
    path("kredensial/", views.credential_list, name="credentials"),
    path("penarikan/", views.pull_run_list, name="pull-runs"),
    path("penarikan/<int:pk>/ulang/", views.pull_run_retry, name="pull-run-retry"),
    path("kanal/<int:pk>/hubungkan/", views.channel_connect, name="channel-connect"),
    path("oauth/<str:platform>/kembali/", views.oauth_callback, name="oauth-callback"),
    path("konten/<int:pk>/angka/", views.manual_entry, name="manual-entry"),
]

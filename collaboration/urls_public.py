"""The public certificate verification page, at the site's root (`/sertifikat/...`)
because it is printed on paper."""

from django.urls import path

from .views.certificates import certificate_verify_view

urlpatterns = [
    path("sertifikat/<str:code>/", certificate_verify_view, name="certificate-verify"),
]

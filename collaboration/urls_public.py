"""The public certificate verification page, at the site's root (`/sertifikat/...`)
because it is printed on paper."""

from django.urls import path

from .urls_awards import public_urlpatterns as award_public_urlpatterns
from .views.certificates import certificate_verify_view

urlpatterns = [
    path("sertifikat/<str:code>/", certificate_verify_view, name="certificate-verify"),
]

# The awards' publication page (public, see views/awards_public.py).
urlpatterns += award_public_urlpatterns

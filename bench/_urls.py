"""The product's URLs plus the benchmark's admin reference (never mounted in the product)."""

from django.urls import path

from kimportal.urls import urlpatterns as product_urlpatterns

from ._admin import site

urlpatterns = [path("bench-admin/", site.urls), *product_urlpatterns]

from django.urls import path

from . import views

app_name = "regions"

urlpatterns = [
    path("options/", views.region_options, name="options"),
    path("search/", views.region_search, name="search"),
]

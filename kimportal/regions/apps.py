from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "kimportal.regions"
    label = "regions"
    verbose_name = "Wilayah"

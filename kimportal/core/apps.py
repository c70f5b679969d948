from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kimportal.core"
    label = "core"
    verbose_name = "Inti"

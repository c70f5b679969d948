from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "kimportal.imports"
    label = "imports"
    verbose_name = "Impor"

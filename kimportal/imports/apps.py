from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "kimportal.imports"
    label = "imports"
    verbose_name = "Impor"

    def ready(self):
        from . import tasks  # noqa: F401  (registers the Celery tasks the outbox names)

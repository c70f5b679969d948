from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kimportal.core"
    label = "core"
    verbose_name = "Inti"

    def ready(self):
        # Bind @shared_task to our Celery app (broker from settings) in every Django
        # process. Done here rather than in kimportal/__init__.py so that importing the
        # package (e.g. `python -m kimportal.devdb`) does not set DJANGO_SETTINGS_MODULE.
        from kimportal.celery import app  # noqa: F401

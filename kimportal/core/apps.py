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

        from .contributions import register_notification_kind
        from .outbox import compose_plain_email

        # A one-off email whose text the deciding code wrote (e.g. a dead channel token).
        register_notification_kind("core.plain_email", compose=compose_plain_email)

from django.apps import AppConfig


class CollaborationConfig(AppConfig):
    name = "collaboration"

    def ready(self):
        from . import rules  # noqa: F401 (registers the permissions)
        from .contributions_events import register as register_events

        register_events()

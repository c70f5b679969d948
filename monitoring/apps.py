from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "monitoring"

    def ready(self) -> None:
        from .providers import setup as metrics_setup

        metrics_setup.ready()

"""Hooked into MonitoringConfig.ready(): registers the metrics tasks and demo seeder."""


def ready() -> None:
    from kimportal.core.contributions import register_demo_seeder

    from . import rules, tasks  # noqa: F401  (registers permissions, the Celery task)
    from .demo import seed_demo_metrics

    register_demo_seeder("monitoring.metrics", seed_demo_metrics)

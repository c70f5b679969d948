"""Celery tasks of the metrics pulls; the schedule is CELERY_BEAT_SCHEDULE
(metrics-pull-*): channels and recent content daily, older content weekly."""

from celery import shared_task

from .registry import providers


@shared_task(name="monitoring.providers.tasks.pull_metrics_task")
def pull_metrics_task(scope: str = "all", platform: str | None = None) -> dict:
    """Pull one platform, or every platform one after the other."""
    from .pull import metrics_pull

    names = [platform] if platform else [p.platform for p in providers()]
    out = {}
    for name in names:
        result = metrics_pull(platform=name, scope=scope)
        out[name] = {
            "tried": result.tried,
            "updated": result.updated,
            "failed": result.failed,
            "calls": result.calls,
        }
    return out

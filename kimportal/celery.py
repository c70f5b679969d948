"""The Celery application.

Run the workers with `celery -A kimportal worker` (as many as needed) and exactly one
scheduler with `celery -A kimportal beat` (a second one refuses to start: it holds a
PostgreSQL advisory lock, see kimportal.core.beat). Reliability settings (late acks,
reject on worker loss, visibility timeout, time limits) live in kimportal/settings/base.py.
"""

import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kimportal.settings.dev")

app = Celery("kimportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def _jobs_statement_timeout(**kwargs):
    """Jobs get the longer statement timeout (kimportal.core.timeouts)."""
    from kimportal.core.timeouts import set_process_role

    set_process_role("jobs")

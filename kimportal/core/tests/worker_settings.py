"""Settings of a real Celery worker started by a test: the test settings, with mail
written to files the test can count."""

import os

from kimportal.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["WORKER_MAIL_DIR"]

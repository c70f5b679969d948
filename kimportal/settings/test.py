"""Test settings: fast hashing, in-memory mail, plain static storage."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, STORAGES

SECRET_KEY = "test-only-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private"
STORAGES["private"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
}
AXES_ENABLED = True
WHITENOISE_AUTOREFRESH = True
CELERY_TASK_ALWAYS_EAGER = True

# pytest-xdist runs the suite in several processes against one Redis: each worker
# keeps its cache keys (rate-limit counters, cached choices) and its Celery queue
# apart, so one worker's real-broker test never consumes another's task.
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _XDIST_WORKER:
    for _cache in CACHES.values():  # noqa: F405
        _cache["KEY_PREFIX"] = _XDIST_WORKER
    CELERY_TASK_DEFAULT_QUEUE = f"celery-{_XDIST_WORKER}"

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kimportal.settings.production")
application = get_wsgi_application()

from django.urls import get_resolver  # noqa: E402 (after setup)

from kimportal.core.timeouts import set_process_role  # noqa: E402 (after setup)

set_process_role("web")

# What the worker has loaded now (Django, the apps, the URL patterns) lives as long as
# the worker. Frozen, the cyclic garbage collector no longer walks it on every full
# collection: a page building a thousand rows (the mapping grid) otherwise paid
# 200+ ms for such a collection now and then (bench/mapping.py, grid API p95).
get_resolver().url_patterns  # noqa: B018 (load the URL configuration before freezing)
gc.collect()
gc.freeze()

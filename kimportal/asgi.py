import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kimportal.settings.production")
application = get_asgi_application()

from kimportal.core.timeouts import set_process_role  # noqa: E402 (after setup)

set_process_role("web")

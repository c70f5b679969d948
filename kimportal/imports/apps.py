from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "kimportal.imports"
    label = "imports"
    verbose_name = "Impor"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from kimportal.accounts.models import Role
        from kimportal.core.contributions import register_nav

        from . import tasks  # noqa: F401  (registers the Celery tasks the outbox names)

        register_nav(
            "imports.list",
            url_name="imports:list",
            label=_("Impor Excel"),
            roles=(Role.MINISTRY, Role.PROVINCE, Role.REGENCY),
            order=90,
        )

from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "kimportal.security"
    label = "security"
    verbose_name = "Log keamanan"

    def ready(self):
        # Login, login failure and lockout are recorded from Django's and django-axes'
        # signals (the views that send them are not ours).
        from django.utils.translation import gettext_lazy as _

        from kimportal.accounts.models import Role
        from kimportal.core.contributions import register_nav

        from . import receivers  # noqa: F401

        register_nav(
            "security-log",
            url_name="security:event-list",
            label=_("Log keamanan"),
            roles=(Role.MINISTRY, Role.PROVINCE, Role.REGENCY),
            order=90,
        )

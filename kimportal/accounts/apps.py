from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kimportal.accounts"
    label = "accounts"
    verbose_name = "Akun dan kantor"

    def ready(self):
        from . import contributions, sessions  # noqa: F401 (signal receivers)

        contributions.register()

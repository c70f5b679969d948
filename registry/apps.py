from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = "Registrasi KIM"

    def ready(self):
        # What the registry contributes to the shell (kimportal.core.contributions).
        from kimportal.core.contributions import (
            register_demo_seeder,
            register_kim_resolver,
        )

        from . import exports, imports, navigation, notifications, panels
        from .demo import seed_demo_registry
        from .membership import member_kim_id

        navigation.register()
        imports.register()
        exports.register_background()
        panels.register()
        notifications.register()
        register_demo_seeder("registry", seed_demo_registry)
        register_kim_resolver(member_kim_id)

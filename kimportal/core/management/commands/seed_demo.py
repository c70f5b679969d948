import os

from django.core.management.base import BaseCommand, CommandError

from kimportal.accounts.demo import DEFAULT_DEMO_PASSWORD, seed_demo_accounts
from kimportal.regions.models import Region


class Command(BaseCommand):
    help = "Isi data demo (kantor, akun demo, KIM contoh). Aman dijalankan berulang."

    def handle(self, *args, **options):
        if not Region.objects.filter(code="35.07").exists():
            raise CommandError(
                "Daftar wilayah belum dimuat. Jalankan dulu: python manage.py load_regions"
            )
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
        users = seed_demo_accounts(password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Akun demo: {', '.join(users)} (kata sandi dari DEMO_PASSWORD atau bawaan)."
            )
        )
        try:
            from registry.demo import seed_demo_registry
        except ImportError:
            return
        summary = seed_demo_registry(users=users, password=password)
        self.stdout.write(self.style.SUCCESS(summary))

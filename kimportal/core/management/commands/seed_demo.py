import os

from django.core.management.base import BaseCommand, CommandError

from kimportal.accounts.demo import DEFAULT_DEMO_PASSWORD
from kimportal.core.contributions import demo_seeders
from kimportal.regions.models import Region


class Command(BaseCommand):
    help = "Isi data demo (kantor, akun demo, KIM contoh). Aman dijalankan berulang."

    def handle(self, *args, **options):
        if not Region.objects.filter(code="35.07").exists():
            raise CommandError(
                "Daftar wilayah belum dimuat. Jalankan dulu: python manage.py load_regions"
            )
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
        # Every app registered its seeder (AppConfig.ready); they run in layer order, so
        # the accounts seeder fills `users` before the registry's reads it.
        users: dict = {}
        for seeder in demo_seeders():
            summary = seeder.seed(users=users, password=password)
            self.stdout.write(self.style.SUCCESS(summary))

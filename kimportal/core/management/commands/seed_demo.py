import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kimportal.accounts.demo import DEFAULT_DEMO_PASSWORD
from kimportal.core.contributions import demo_seeders
from kimportal.regions.models import Region


class Command(BaseCommand):
    help = "Isi data demo (kantor, akun demo, KIM contoh). Aman dijalankan berulang."

    def add_arguments(self, parser):
        parser.add_argument(
            "--i-know-this-is-not-production",
            action="store_true",
            dest="not_production",
            help="Izinkan pengisian data demo walau DEBUG mati (staging, uji).",
        )

    def handle(self, *args, **options):
        # The demo accounts get a published password: on a production database that
        # would hand out logins. Only development (DEBUG) or an explicit flag may seed.
        if not settings.DEBUG and not options["not_production"]:
            raise CommandError(
                "seed_demo menolak berjalan: DEBUG mati (pengaturan produksi?). Akun "
                "demo memakai kata sandi publik. Jika ini bukan produksi, jalankan "
                "dengan --i-know-this-is-not-production."
            )
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

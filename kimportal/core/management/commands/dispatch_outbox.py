from django.core.management.base import BaseCommand

from kimportal.core.outbox import DISPATCH_BATCH, outbox_dispatch_due


class Command(BaseCommand):
    help = "Kirim email yang menunggu di kotak keluar (yang sudah waktunya dicoba)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=DISPATCH_BATCH)

    def handle(self, *args, limit, **options):
        sent = outbox_dispatch_due(limit=limit)
        self.stdout.write(self.style.SUCCESS(f"Terkirim: {sent} pesan."))

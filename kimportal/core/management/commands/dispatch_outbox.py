from django.core.management.base import BaseCommand

from kimportal.core.outbox import (
    DISPATCH_BATCH,
    outbox_dispatch_due,
    outbox_retry_failed,
)


class Command(BaseCommand):
    help = "Kirim email yang menunggu di kotak keluar (yang sudah waktunya dicoba)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=DISPATCH_BATCH)
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="Coba lagi juga pesan yang sudah ditandai gagal (setelah gangguan lama).",
        )

    def handle(self, *args, limit, retry_failed, **options):
        if retry_failed:
            self.stdout.write(f"Dicoba ulang: {outbox_retry_failed()} pesan gagal.")
        sent = outbox_dispatch_due(limit=limit)
        self.stdout.write(self.style.SUCCESS(f"Terkirim: {sent} pesan."))

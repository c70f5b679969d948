from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kimportal.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Cadangkan seluruh instalasi: basis data (satu snapshot pg_dump) dan berkas "
        "privat, dengan manifest dan checksum, ke satu arsip .tar."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(Path(settings.BASE_DIR) / "var" / "backups"),
            help="Folder tujuan arsip.",
        )

    def handle(self, *args, output, **options):
        try:
            archive = backup_create(output_dir=Path(output))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(archive))

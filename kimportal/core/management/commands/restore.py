from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kimportal.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Pulihkan instalasi baru yang kosong dari arsip `backup` (basis data dan berkas "
        "privat). Menolak tujuan yang tidak kosong kecuali dengan --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Timpa basis data dan berkas privat yang sudah ada.",
        )

    def handle(self, *args, archive, force, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"Arsip {path} tidak ada.")
        try:
            manifest = backup_restore(archive_path=path, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Dipulihkan dari cadangan {manifest['created_at']}: "
                f"{len(manifest['files'])} berkas, "
                f"{len(manifest['migrations'])} migrasi."
            )
        )

import getpass
import os
import sys

import pghistory
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kimportal.accounts.services import DEFAULT_MINISTRY_OFFICE, ministry_user_create

PASSWORD_ENV = "MINISTRY_USER_PASSWORD"


class Command(BaseCommand):
    help = (
        "Buat akun Kementerian (Ditjen IKP). Akun Kementerian hanya dibuat dengan perintah "
        f"ini. Kata sandi dari --password, variabel lingkungan {PASSWORD_ENV}, "
        "atau ditanyakan."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("email")
        parser.add_argument("--password", help="Kata sandi (hindari di riwayat shell).")
        parser.add_argument("--full-name", default="", help="Nama lengkap.")
        parser.add_argument(
            "--office-name",
            default=DEFAULT_MINISTRY_OFFICE,
            help="Nama kantor Kementerian bila belum ada.",
        )

    def handle(self, *args, **options):
        password = options["password"] or os.environ.get(PASSWORD_ENV) or self._ask()
        try:
            with pghistory.context(command="create_ministry_user"):
                user = ministry_user_create(
                    username=options["username"],
                    email=options["email"],
                    password=password,
                    full_name=options["full_name"],
                    office_name=options["office_name"],
                )
        except ValidationError as exc:
            lines = [
                f"{field}: {message}"
                for field, messages in exc.message_dict.items()
                for message in messages
            ]
            raise CommandError("Akun tidak dibuat.\n" + "\n".join(lines))
        self.stdout.write(
            self.style.SUCCESS(
                f"Akun Kementerian {user.username} dibuat ({user.office})."
            )
        )

    def _ask(self) -> str:
        if not self._interactive():
            raise CommandError(
                f"Kata sandi belum diberikan: pakai --password atau {PASSWORD_ENV}."
            )
        first = getpass.getpass("Kata sandi: ")
        second = getpass.getpass("Ulangi kata sandi: ")
        if first != second:
            raise CommandError("Kedua kata sandi tidak sama.")
        return first

    def _interactive(self) -> bool:
        return sys.stdin.isatty()

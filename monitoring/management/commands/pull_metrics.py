"""`python manage.py pull_metrics [--platform …] [--kim ID] [--scope …]`: one pull now."""

from django.core.management.base import BaseCommand

from monitoring.providers.pull import SCOPES, metrics_pull
from monitoring.providers.registry import ALIASES, providers


class Command(BaseCommand):
    help = "Tarik metrik media sosial sekarang (satu platform atau semua)."

    def add_arguments(self, parser):
        names = [p.platform for p in providers() if p.platform not in ALIASES.values()]
        parser.add_argument("--platform", choices=names + list(ALIASES))
        parser.add_argument("--kim", type=int, dest="kim_id")
        parser.add_argument("--scope", choices=SCOPES, default="all")

    def handle(self, *args, platform=None, kim_id=None, scope="all", **options):
        names = [platform] if platform else [p.platform for p in providers()]
        for name in names:
            r = metrics_pull(platform=name, kim_id=kim_id, scope=scope)
            self.stdout.write(
                f"{r.platform}: dicoba {r.tried}, diperbarui {r.updated}, gagal "
                f"{r.failed}, panggilan {r.calls}, kuota {r.quota_used}"
                + (" (berhenti: kuota)" if r.stopped_for_quota else "")
            )
            for error in r.errors[:10]:
                self.stdout.write(f"  - {error}")

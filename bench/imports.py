"""Imports and exports benchmark (issue #14).

1. A generated 50,000-row KIM file (realistic names, people, WhatsApp numbers, media and
   fields; every desa a real desa of Kabupaten Malang) goes through the import as an
   officer of Kabupaten Malang: dry run, then the all-or-nothing commit (which checks
   again), each as rows/s, with the pghistory audit rows counted afterwards.
2. django-import-export's default path (`KimResource.import_data`, no bulk mode) on the
   first `--iie-rows` rows of the same file, rolled back, as rows/s.
3. With 100,000 KIM in the database (a second generated file is imported), the KIM list
   export as the officer: CSV and XLSX, whole response consumed, each in a child process
   so its peak RSS is its own.

Runs on `kim_bench_imports`, cloned for each run from `kim_bench_imports_base` (regions
and demo accounts, built once), so every run starts from zero KIM.

    .venv/bin/python bench/imports.py [--rows 50000] [--iie-rows 2000]
"""

import argparse
import io
import os
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

BASE = "kim_bench_imports_base"
RUN = "kim_bench_imports"
PASSWORD = "bench-pass"
FIRST = "Siti Budi Agus Dewi Rina Joko Sri Wahyu Eko Nur Ahmad Lestari".split()
LAST = "Santoso Wijaya Rahayu Hidayat Kusuma Pratama Saputra Handayani Susanto".split()
WORDS = "Maju Sejahtera Mandiri Harapan Bersatu Lestari Cerdas Makmur Berdaya".split()
MEDIA = ["Media sosial", "Tatap muka", "Radio komunitas", "Grup WhatsApp/pesan instan"]


def _rss_mb() -> float:
    """Peak RSS of this process since the last `_peak_reset()` (VmHWM). Not
    getrusage's ru_maxrss: that survives fork and exec, so a child started by a
    211 MB parent reported 211 MB whatever it did."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _peak_reset() -> None:
    """Start measuring the peak RSS from here (Linux: clear_refs 5)."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        pass


def build_base() -> None:
    from psycopg import sql

    if common.is_filled(BASE, "imports-base-v1"):
        return
    common.open_database(BASE, rebuild=True)
    from kimportal.accounts.demo import seed_demo_accounts
    from kimportal.regions.services import official_region_rows, regions_load

    print("loading regions and accounts into the base database ...", flush=True)
    regions_load(rows=official_region_rows())
    seed_demo_accounts(password=PASSWORD)
    from django.db import connections

    connections.close_all()
    common.mark_filled(BASE, "imports-base-v1")
    del sql


def clone_run_database() -> None:
    common._maintenance(f'DROP DATABASE IF EXISTS "{RUN}" WITH (FORCE)')
    common._maintenance(f'CREATE DATABASE "{RUN}" TEMPLATE "{BASE}"')


def kim_file(rows: int, villages: list[str], *, seed: int, prefix: str) -> bytes:
    """An XLSX like an office's list, with the template's headers."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    sheet.append(
        [
            "Nama KIM",
            "Tipe",
            "Kode desa/kelurahan",
            "Ketua/narahubung",
            "WhatsApp",
            "Email",
            "Jenis media",
            "Bidang kegiatan",
        ]
    )
    for i in range(rows):
        name = f"KIM {prefix} {rng.choice(WORDS)} {rng.choice(WORDS)} {i}"
        sheet.append(
            [
                name,
                rng.choice(["A", "B"]),
                rng.choice(villages),
                f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                f"08{rng.randint(11, 59)}{rng.randint(10000000, 99999999)}",
                f"kim{prefix.lower()}{i}@example.id" if rng.random() < 0.6 else "",
                "; ".join(rng.sample(MEDIA, rng.randint(1, 2))),
                rng.choice(["Kesehatan", "Pertanian", "Kesehatan; Pendidikan"]),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run_import(officer, data: bytes, name: str) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kimportal.imports import services
    from kimportal.imports.models import ImportJob, ImportState

    # Scheduling is the outbox's job; the benchmark runs each phase itself, as a worker.
    services._schedule = lambda *a, **k: None
    job = services.import_job_create(
        user=officer, kind="kim", uploaded_file=SimpleUploadedFile(name, data)
    )
    started, cpu = time.perf_counter(), time.process_time()
    job = services.import_job_check(job_id=job.pk)
    check = time.perf_counter() - started
    check_cpu = time.process_time() - cpu
    assert job.state == ImportState.READY, job.errors[:5]
    ImportJob.objects.filter(pk=job.pk).update(state=ImportState.COMMITTING)
    started, cpu = time.perf_counter(), time.process_time()
    job = services.import_job_commit(job_id=job.pk)
    commit = time.perf_counter() - started
    commit_cpu = time.process_time() - cpu
    assert job.state == ImportState.DONE, job.errors[:5]
    return {
        "rows": job.rows_total,
        "check": check,
        "commit": commit,
        "check_cpu": check_cpu,
        "commit_cpu": commit_cpu,
        "job": job,
    }


def iie_default(data: bytes, rows: int) -> float:
    """django-import-export's default import path on the first `rows` rows, rolled back."""
    import tablib
    from django.db import transaction
    from openpyxl import load_workbook

    from registry.resources import KimResource

    class ImportResource(KimResource):
        """The export resource with what an import needs: the natural key, and the
        state a KIM from an old list enters with."""

        class Meta(KimResource.Meta):
            import_id_fields = ("name", "village")

        def before_save_instance(self, instance, row, **kwargs):
            instance.status = "submitted"
            instance.from_old_list = True

    sheet = load_workbook(io.BytesIO(data), read_only=True).active
    values = list(sheet.iter_rows(values_only=True))
    headers = list(values[0])
    dataset = tablib.Dataset(headers=headers)
    for row in values[1 : rows + 1]:
        dataset.append(["" if v is None else str(v) for v in row])
    started = time.perf_counter()
    with transaction.atomic():
        result = ImportResource().import_data(
            dataset, dry_run=False, raise_errors=False
        )
        transaction.set_rollback(True)
    elapsed = time.perf_counter() - started
    if result.has_errors() or result.has_validation_errors():
        raise SystemExit("django-import-export reported errors: timing not valid")
    return rows / elapsed


def export_in_child(fmt: str, username: str) -> tuple[float, float, int]:
    """(seconds, peak RSS MB, bytes) of one export, run in a fresh Python process so
    the peak is the export's own (a worker serving only that request)."""
    import subprocess

    answer = subprocess.run(
        [sys.executable, __file__, "--export", fmt, "--user", username],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return float(answer[-3]), float(answer[-2]), int(answer[-1])


def export_only(fmt: str, username: str) -> None:
    # Django only, no migration check: the peak is the export's, not the loader's.
    os.environ["BENCH_DATABASE"] = RUN
    os.environ["DJANGO_SETTINGS_MODULE"] = common.SETTINGS_MODULE
    import django

    django.setup()

    from kimportal.accounts.models import User

    client = common.signed_in_client(User.objects.get(username=username))
    started = time.perf_counter()
    response = client.get(f"/kim/export/{fmt}/")
    size = sum(len(block) for block in response.streaming_content)
    elapsed = time.perf_counter() - started
    print(elapsed, _rss_mb(), size)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--iie-rows", type=int, default=2_000)
    parser.add_argument("--total", type=int, default=100_000)
    parser.add_argument("--export", choices=["csv", "xlsx"])
    parser.add_argument("--user", default="kab-malang")
    parser.add_argument("--iie-only", action="store_true")
    parser.add_argument("--exports-only", action="store_true")
    args = parser.parse_args()
    if args.export:
        export_only(args.export, args.user)
        return
    if args.exports_only:  # on the database the last full run left (100k KIM)
        for fmt in ("csv", "xlsx"):
            seconds, peak, size = export_in_child(fmt, args.user)
            print(
                f"| {fmt.upper()} export | {seconds:.2f} s, {size / 1e6:.1f} MB, "
                f"peak RSS {peak:.0f} MB | load {os.getloadavg()[0]:.1f} |"
            )
        return
    if args.iie_only:
        common.open_database(RUN)
        from kimportal.regions.models import Region

        villages = list(
            Region.objects.filter(
                level="village", code__startswith="35.07"
            ).values_list("code", flat=True)
        )
        data = kim_file(args.iie_rows, villages, seed=7, prefix="Iie")
        rate = iie_default(data, args.iie_rows)
        print(
            f"| django-import-export default import, {args.iie_rows:,} rows | "
            f"{rate:,.0f} rows/s | |"
        )
        return

    build_base()
    clone_run_database()
    common.open_database(RUN)
    import pghistory  # noqa: F401

    from kimportal.accounts.models import User
    from kimportal.regions.models import Region
    from registry.models import Kim

    print(f"load average at start: {os.getloadavg()}", flush=True)
    officer = User.objects.get(username="kab-malang")
    villages = list(
        Region.objects.filter(
            level="village", code__startswith=officer.scope_code
        ).values_list("code", flat=True)
    )
    data = kim_file(args.rows, villages, seed=1, prefix="Satu")
    print(f"file: {args.rows} rows, {len(data) / 1e6:.1f} MB", flush=True)

    iie = iie_default(data, args.iie_rows)
    import gc

    gc.collect()
    _peak_reset()  # the import's own peak, not the file generation's or the iie run's
    rss_before = _rss_mb()
    first = run_import(officer, data, "kim-satu.xlsx")
    audit = Kim.pgh_event_model.objects.filter(pgh_obj_id__in=first["job"].created_ids)
    audited = audit.count()
    rss_import = _rss_mb()

    again = time.perf_counter()
    from kimportal.imports import services

    job = services.import_job_create(
        user=officer,
        kind="kim",
        uploaded_file=__import__(
            "django.core.files.uploadedfile", fromlist=["SimpleUploadedFile"]
        ).SimpleUploadedFile("kim-satu.xlsx", data),
    )
    job = services.import_job_check(job_id=job.pk)
    reimport = time.perf_counter() - again

    second = kim_file(args.total - args.rows, villages, seed=2, prefix="Dua")
    run_import(officer, second, "kim-dua.xlsx")
    total = Kim.objects.count()
    csv_s, csv_mb, csv_bytes = export_in_child("csv", "kab-malang")
    xlsx_s, xlsx_mb, xlsx_bytes = export_in_child("xlsx", "kab-malang")

    rows = first["rows"]
    print()
    print(f"load average at end: {os.getloadavg()}")
    print("| measure | value | target |")
    print("|---|---|---|")
    print(
        f"| dry run, {rows:,} rows | {rows / first['check']:,.0f} rows/s "
        f"({first['check']:.1f} s) | |"
    )
    print(
        f"| commit (checks again, then writes) | {rows / first['commit']:,.0f} rows/s "
        f"({first['commit']:.1f} s) | |"
    )
    end_to_end = first["check"] + first["commit"]
    print(
        f"| end to end (dry run + commit) | {rows / end_to_end:,.0f} rows/s "
        f"({end_to_end:.1f} s) | ≥ 5,000 rows/s |"
    )
    print(f"| audit rows written | {audited:,} of {rows:,} KIM | all |")
    print(
        f"| re-import of the same file (dry run: {job.counts}) | {reimport:.1f} s | |"
    )
    print(
        f"| peak RSS of the importing process | {rss_import:.0f} MB "
        f"({rss_before:.0f} MB before the import) | |"
    )
    print(
        f"| django-import-export default import, {args.iie_rows:,} rows | "
        f"{iie:,.0f} rows/s | |"
    )
    print(
        f"| CSV export, {total:,} KIM | {csv_s:.2f} s, {csv_bytes / 1e6:.1f} MB, "
        f"child peak RSS {csv_mb:.0f} MB | ≤ 3 s, ≤ 150 MB |"
    )
    print(
        f"| XLSX export, {total:,} KIM | {xlsx_s:.2f} s, {xlsx_bytes / 1e6:.1f} MB, "
        f"child peak RSS {xlsx_mb:.0f} MB | ≤ 15 s, ≤ 150 MB |"
    )


if __name__ == "__main__":
    logging_off = __import__("logging")
    logging_off.disable(logging_off.WARNING)
    main()

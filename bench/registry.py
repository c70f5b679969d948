"""Registry benchmark: the KIM list and detail pages at national scale.

Fills a separate benchmark database (`test_<name>` of DATABASE_URL, kept between runs) with
100,000 KIM across all 514 kab/kota, then measures, over repeated runs, the server time of the
KIM list (first page, a filter, a search) and of a detail page as a kab/kota officer and as the
ministry, beside the time of the same SQL run directly. Prints median, p95 and page/SQL ratio.

    make bench-registry            # or: python -m kimportal.devdb .venv/bin/python bench/registry.py
    BENCH_KIM=20000 BENCH_RUNS=30 make bench-registry

Target on the 2-core machine: p95 < 150 ms per page at 100k KIM, page/SQL ratio < 3.
"""

import logging
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kimportal.settings.test")
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

KIM_TARGET = int(os.environ.get("BENCH_KIM", "100000"))
RUNS = int(os.environ.get("BENCH_RUNS", "40"))
SEED = 2026


def fill(target: int) -> None:
    from kimportal.accounts.demo import seed_demo_accounts
    from kimportal.regions.models import Region
    from kimportal.regions.services import official_region_rows, regions_load
    from registry.choices import (
        GovernmentAffair,
        KimStatus,
        KimType,
        MediaType,
        PartnershipStatus,
    )
    from registry.models import Kim, Partnership

    if Region.objects.filter(level="village").count() < 80000:
        print("loading the official region list ...", flush=True)
        regions_load(rows=official_region_rows())
    users = seed_demo_accounts(password="bench-pass")
    have = Kim.objects.count()
    if have >= target:
        print(f"{have} KIM already in the benchmark database", flush=True)
        return users

    rng = random.Random(SEED)
    villages_by_regency: dict[str, list[str]] = {}
    for code in Region.objects.filter(level="village").values_list("code", flat=True):
        villages_by_regency.setdefault(code[:5], []).append(code)
    regencies = sorted(villages_by_regency)
    statuses = [KimStatus.VERIFIED] * 6 + [
        KimStatus.SUBMITTED,
        KimStatus.DRAFT,
        KimStatus.REJECTED,
        KimStatus.INACTIVE,
    ]
    words = [
        "Maju",
        "Sejahtera",
        "Mandiri",
        "Harapan",
        "Bersatu",
        "Lestari",
        "Cerdas",
        "Makmur",
        "Berdaya",
        "Informasi",
    ]
    media = [m for m, _ in MediaType.choices]
    fields = [f for f, _ in GovernmentAffair.choices]
    sequence: dict[tuple[str, int], int] = {}
    started = time.monotonic()
    batch = []
    for i in range(have, target):
        # Malang gets a realistic large share so the kab/kota pages have data.
        regency = "35.07" if i % 50 == 0 else regencies[i % len(regencies)]
        village = rng.choice(villages_by_regency[regency])
        status = rng.choice(statuses)
        nik = None
        if status in (KimStatus.VERIFIED, KimStatus.INACTIVE):
            year = 2020 + i % 7
            key = (regency.replace(".", ""), year)
            sequence[key] = sequence.get(key, 0) + 1
            nik = f"{key[0]}-{year}-{sequence[key]:04d}-{i}"[:20]
        batch.append(
            Kim(
                name=f"KIM {rng.choice(words)} {rng.choice(words)} {i}",
                kim_type=rng.choice([KimType.A, KimType.B]),
                status=status,
                nik=nik,
                village_id=village,
                chair_name="Ketua KIM",
                whatsapp="+628123456789",
                media_types=rng.sample(media, 2),
                fields=rng.sample(fields, 3),
            )
        )
        if len(batch) == 5000:
            Kim.objects.bulk_create(batch)
            batch = []
            print(f"  {i + 1} KIM ({time.monotonic() - started:.0f} s)", flush=True)
    if batch:
        Kim.objects.bulk_create(batch)
    officer = users["kab-malang"]
    verified = list(
        Kim.objects.filter(status=KimStatus.VERIFIED).values_list("id", flat=True)[
            : target // 3
        ]
    )
    Partnership.objects.bulk_create(
        [
            Partnership(
                kim_id=pk,
                starts_on="2026-01-01",
                ends_on="2027-12-31",
                status=PartnershipStatus.ACTIVE,
                qualifications=[],
                created_by=officer,
            )
            for pk in verified
        ],
        batch_size=5000,
    )
    with connection.cursor() as cursor:
        # As autovacuum would have done on a live server: statistics and visibility map.
        cursor.execute("VACUUM ANALYZE")
    print(f"filled {target} KIM in {time.monotonic() - started:.0f} s", flush=True)
    return users


def measure(client: Client, url: str) -> tuple[list[float], list[float], int]:
    """Server time of `url` and time of its SQL run directly, in ms, per run, and the
    number of queries of one request."""
    page_times, sql_times = [], []
    queries = 0
    client.get(url)  # warm caches, as a running server would be
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            t0 = time.perf_counter()
            response = client.get(url)
            page_times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured.captured_queries)
        t0 = time.perf_counter()
        with connection.cursor() as cursor:
            for query in captured.captured_queries:
                sql = query["sql"]
                if sql.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
                    continue
                cursor.execute(sql)
                if cursor.description:
                    cursor.fetchall()
        sql_times.append((time.perf_counter() - t0) * 1000)
    return page_times, sql_times, queries


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def main() -> None:
    from django.urls import reverse

    from registry.models import Kim

    # Not setup_test_environment(): its template instrumentation would slow every page.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    connection.creation.create_test_db(keepdb=True, verbosity=0)
    logging.getLogger("axes").setLevel(logging.WARNING)
    users = fill(KIM_TARGET)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE registry_kim")
    print(f"\n{Kim.objects.count()} KIM, {RUNS} runs per page, times in ms\n")
    malang_kim = (
        Kim.objects.filter(village__code__startswith="35.07").order_by("id").first()
    )
    pages = [
        ("list, first page", reverse("registry:kim-list")),
        (
            "list, filter",
            reverse("registry:kim-list") + "?status=verified&media=social",
        ),
        ("list, search", reverse("registry:kim-list") + "?q=Sejahtera+Mandiri"),
        ("detail", reverse("registry:kim-detail", args=[malang_kim.pk])),
    ]
    header = f"{'user':<12} {'page':<18} {'median':>8} {'p95':>8} {'sql med':>8} {'sql p95':>8} {'ratio':>6} {'queries':>7}"
    print(header)
    print("-" * len(header))
    worst = 0.0
    for username in ("kab-malang", "kementerian"):
        client = Client()
        client.force_login(users[username])
        for label, url in pages:
            page_times, sql_times, queries = measure(client, url)
            ratio = statistics.median(page_times) / max(
                statistics.median(sql_times), 0.01
            )
            worst = max(worst, p95(page_times))
            print(
                f"{username:<12} {label:<18} {statistics.median(page_times):8.1f} {p95(page_times):8.1f} "
                f"{statistics.median(sql_times):8.1f} {p95(sql_times):8.1f} {ratio:6.2f} {queries:7d}"
            )
    print(f"\nworst p95: {worst:.1f} ms (target < 150 ms)")


if __name__ == "__main__":
    main()

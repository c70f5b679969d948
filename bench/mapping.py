"""Mapping benchmark: nightly recompute, the grid and the report PDF at national scale.

Uses the registry benchmark's data (bench/registry.py fills 100,000 KIM across all 514
kab/kota in the `test_<name>` database of DATABASE_URL), gives every verified KIM
synthetic activity figures (monitoring's selector is measured by its own benchmark), and
measures:
- the recompute of one period for every kab/kota (the nightly job), target ≤ 10 min;
- the grid page and grid API for a kab/kota officer (p95 < 150 ms), the province's and
  the ministry's grid API and the national grid page (p95 < 300 ms), and the first page
  of the full assessment table (the grid's table alternative) beside them;
- the report PDF of a kab/kota (< 5 s).

    DATABASE_URL=postgres://…/kim_bench python bench/mapping.py
    BENCH_KIM=20000 BENCH_RUNS=20 python bench/mapping.py
    BENCH_PAGES_ONLY=1 BENCH_RUNS=10 python bench/mapping.py   # pages only

Use a database of its own: its test database keeps the data between runs.
"""

import importlib.util
import os
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kimportal.settings.test")
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import django  # noqa: E402

from bench import common  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

_spec = importlib.util.spec_from_file_location("bench_registry", HERE / "registry.py")
bench_registry = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_registry)

KIM_TARGET = int(os.environ.get("BENCH_KIM", "100000"))
RUNS = int(os.environ.get("BENCH_RUNS", "30"))


def figures_for(kim_ids, seed: int):
    from mapping.computation import KimFigures

    rng = random.Random(seed)
    return {
        kim_id: KimFigures(
            validated_reports=rng.randint(0, 30),
            reports_on_office_material=rng.randint(0, 12),
            followers=rng.randint(0, 5000),
            views=rng.randint(0, 20000),
            likes=rng.randint(0, 800),
            comments=rng.randint(0, 100),
            shares=rng.randint(0, 60),
            survey_answers=rng.choice([0, 0, 10]),
            survey_positive_share=rng.random(),
            report_ids=tuple(rng.sample(range(1, 10_000_000), 3)),
        )
        for kim_id in kim_ids
    }


def recompute_all(period, seed: int) -> tuple[float, int]:
    from mapping.services import assessments_recompute
    from registry.selectors import verified_kim_ids_by_regency

    started = time.perf_counter()
    total = 0
    for regency, kim_ids in sorted(verified_kim_ids_by_regency().items()):
        total += assessments_recompute(
            regency_code=regency, period=period, figures=figures_for(kim_ids, seed)
        )
    return time.perf_counter() - started, total


def timed(client: Client, url: str) -> tuple[list[float], int]:
    """Wall times of RUNS requests (ms) and the response's size (bytes)."""
    client.get(url)
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times, len(response.content)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def main() -> None:
    from django.urls import reverse

    from mapping.models import Assessment
    from mapping.periods import period_parse

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    connection.creation.create_test_db(keepdb=True, verbosity=0, serialize=False)
    from kimportal.accounts.demo import seed_demo_accounts
    from registry.models import Kim

    # The KIM are loaded once: a database that holds them already is reused.
    if not Kim.objects.exists():
        bench_registry.fill(KIM_TARGET)
    users = seed_demo_accounts(password=bench_registry.BENCH_PASSWORD)
    period, previous = period_parse("2026-Q3"), period_parse("2026-Q2")
    if not Assessment.objects.filter(period=previous.key).exists():
        seconds, count = recompute_all(previous, seed=1)
        print(f"previous period: {count} KIM assessed in {seconds:.1f} s", flush=True)
    # BENCH_PAGES_ONLY=1 measures the pages on the assessments already there.
    if not (
        os.environ.get("BENCH_PAGES_ONLY")
        and Assessment.objects.filter(period=period.key).exists()
    ):
        seconds, count = recompute_all(period, seed=2)
        print(
            f"nightly recompute, one period: {count} KIM in {seconds:.1f} s "
            f"(target ≤ 600 s)"
        )
        seconds_again, _ = recompute_all(period, seed=2)
        print(f"  again (idempotent, all updates): {seconds_again:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE mapping_assessment")

    q = f"?period={period.key}"
    rows = [
        ("kab-malang", "grid page", reverse("mapping:grid") + q, 150),
        ("kab-malang", "grid API", reverse("api-mapping-grid") + q, 150),
        ("prov-jatim", "grid API (province)", reverse("api-mapping-grid") + q, 300),
        ("kementerian", "grid API (national)", reverse("api-mapping-grid") + q, 300),
        ("kementerian", "grid page (national)", reverse("mapping:grid") + q, 300),
        ("kab-malang", "table, page 1", reverse("mapping:assessment-list") + q, 150),
        (
            "kementerian",
            "table (national)",
            reverse("mapping:assessment-list") + q,
            300,
        ),
    ]
    common.freeze_like_a_worker()
    load = ", ".join(f"{n:.2f}" for n in os.getloadavg())
    print(f"\n{RUNS} runs per page, times in ms; load average {load}\n")
    print(
        f"{'user':<12} {'page':<22} {'median':>8} {'p95':>8} {'target':>7} {'KiB':>6}"
    )
    for username, label, url, target in rows:
        client = common.signed_in_client(users[username])
        times, size = timed(client, url)
        print(
            f"{username:<12} {label:<22} {statistics.median(times):8.1f} "
            f"{p95(times):8.1f} {target:7d} {size // 1024:6d}",
            flush=True,
        )
    client = common.signed_in_client(users["kab-malang"])
    t0 = time.perf_counter()
    response = client.get(reverse("mapping:report-export", args=["pdf"]) + q + "&all=1")
    assert response.status_code == 200
    print(
        f"\nreport PDF, Kab. Malang, all "
        f"{Assessment.objects.filter(period=period.key, regency_id='35.07').count()}"
        f" KIM: {time.perf_counter() - t0:.2f} s (target < 5 s), "
        f"{len(response.content) // 1024} KiB"
    )


if __name__ == "__main__":
    main()

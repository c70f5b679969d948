"""Monitoring benchmark: effectiveness dashboards and the validation queue at national
scale. A script that prints numbers, not a test.

Fills its own database (`kim_bench_monitoring`, kept between runs; never a test_*
database) with 100,000 verified KIM and 10,000,000 validated reports over 8 years, made
server-side by `INSERT … SELECT … FROM generate_series` with seeded random
distributions (activity growing over the years, skewed per KIM, media as KIM use them),
triggers off and secondary indexes dropped while filling and built once after; evidence
links with content items on most social and online reports (some posts reported twice);
one report in 200 waiting for validation. The rollups are then built by the app's
set-based `rollups_rebuild_all`. Measures the server time of the kab/kota, province and
national dashboards and of the kab/kota validation queue, beside the time of the same
SQL run directly, and prints median, p95 and page/SQL ratio.

    python bench/monitoring.py                      # full size (takes a while)
    python bench/monitoring.py --reports 200000 --kims 10000    # a quick run
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kim_bench_monitoring python bench/monitoring.py

Targets on the 2-core machine: dashboards p95 < 300 ms, queue p95 < 150 ms, each page at
most 3× its own SQL.
"""

import argparse
import datetime
import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kimportal.settings.test")
os.environ.setdefault(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kim_bench_monitoring"
)
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import django  # noqa: E402
import psycopg  # noqa: E402

from bench import common  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

FIRST_MONTH = datetime.date(2019, 1, 1)
MONTHS = 96  # 8 years, through Dec 2026
WAITING_SHARE = 200  # one report in 200 waits for validation: 50,000 at full size
MALANG_SHARE = 50  # every 50th KIM sits in Kabupaten Malang, as in bench/registry.py


def log(message: str) -> None:
    print(message, flush=True)


def ensure_database() -> None:
    db = settings.DATABASES["default"]
    if not db["NAME"].startswith("kim_bench"):
        raise SystemExit("The benchmark fills only a kim_bench* database.")
    with psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        dbname="postgres",
        autocommit=True,
    ) as admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]
        ).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{db["NAME"]}"')
    call_command("migrate", verbosity=0)


def sql(statement: str, params=None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def scalar(statement: str, params=None):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchone()[0]


def fill_kims(target: int, users) -> None:
    from kimportal.regions.models import Region
    from registry.choices import KimStatus
    from registry.models import Kim

    have = Kim.objects.filter(status=KimStatus.VERIFIED).count()
    if have >= target:
        log(f"{have} verified KIM already there")
        return
    villages: dict[str, list[str]] = {}
    for code in Region.objects.filter(level="village").values_list("code", flat=True):
        villages.setdefault(code[:5], []).append(code)
    regencies = sorted(villages)
    started, batch = time.monotonic(), []
    for i in range(have, target):
        regency = "35.07" if i % MALANG_SHARE == 0 else regencies[i % len(regencies)]
        options = villages[regency]
        batch.append(
            Kim(
                name=f"KIM Bench {i}",
                kim_type="A" if i % 3 else "B",
                status=KimStatus.VERIFIED,
                nik=f"B{i:08d}",
                village_id=options[(i * 7919) % len(options)],
                chair_name="Ketua",
                whatsapp="+628123456789",
                verified_at=datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC),
            )
        )
        if len(batch) == 10_000:
            Kim.objects.bulk_create(batch)
            batch = []
            log(f"  {i + 1} KIM ({time.monotonic() - started:.0f} s)")
    if batch:
        Kim.objects.bulk_create(batch)


def fill_materials(users) -> None:
    from monitoring.models import Material

    if Material.objects.exists():
        return
    rows = []
    regencies = ["35.07", "35.73", "33.22"]
    for i in range(1000):
        level = ("ministry", "province", "regency")[i % 3]
        officer = {
            "ministry": users["kementerian"],
            "province": users["prov-jatim"],
            "regency": users["kab-malang"],
        }[level]
        region = {"ministry": None, "province": "35", "regency": regencies[0]}[level]
        rows.append(
            Material(
                issuer_office=officer.office,
                level=level,
                issuer_region_id=region,
                is_narasi_tunggal=level == "ministry",
                title=f"Bahan bench {i}",
                message="Pesan",
                format="text",
                url="https://example.go.id/bahan",
                period_start=FIRST_MONTH,
                period_end=datetime.date(2026, 12, 31),
                state="published",
                created_by=officer,
            )
        )
    Material.objects.bulk_create(rows)


# Reports are drawn server-side from a seeded random(): activity grows over the eight
# years (month index ~ 96·sqrt(u), so the last year holds about a quarter of the
# reports), a fifth of the KIM never report and the rest follow a skewed activity
# (KIM index ~ 0.8·N·(u + u²)/2: the busiest report three times as often as the least), the medium follows
# what KIM use (mostly social media and WhatsApp) with a matching action kind, half of
# the reports name a material.
REPORT_INSERT = """
INSERT INTO monitoring_disseminationreport (
    kim_id, village_id, material_id, action_kind, format, medium, activity,
    activity_count, activity_date, month, photo, photo_content_type, state,
    return_reason, version, idempotency_key, created_by_id, created_at, updated_at,
    submitted_by_id, submitted_at, validated_by_id, validated_at)
SELECT k.id, k.village_id,
       CASE WHEN u.c < 0.5 THEN %(m_first)s + floor(u.d * %(m_count)s)::int END,
       CASE u.medium WHEN 'messaging' THEN 'whatsapp_share' WHEN 'social' THEN
         'social_post' WHEN 'online' THEN 'web_post' WHEN 'face_to_face' THEN
         'face_to_face' ELSE 'social_post' END,
       (ARRAY['video','photo','text','infographic','feature','leaflet'])
         [1 + floor(u.d * 6)::int],
       u.medium, '', 1 + floor(u.c * 3)::int,
       m.month + floor(u.d * 28)::int, m.month, '', '',
       %(state)s, '', 1, '', %(officer)s, now(), now(), %(officer)s, now(),
       CASE WHEN %(state)s = 'validated' THEN %(officer)s END,
       CASE WHEN %(state)s = 'validated' THEN now() END
FROM (
    SELECT g, random() AS a, random() AS b, random() AS c, random() AS d,
           CASE WHEN x < 0.40 THEN 'social' WHEN x < 0.65 THEN 'messaging'
                WHEN x < 0.75 THEN 'online' WHEN x < 0.90 THEN 'face_to_face'
                WHEN x < 0.95 THEN 'print' WHEN x < 0.98 THEN 'broadcast'
                ELSE 'outdoor' END AS medium
    FROM (SELECT g, random() AS x FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) g) s
) u
JOIN bench_kim k ON k.rn = floor((0.5 * u.a + 0.5 * u.a * u.a) * %(active_kims)s)::int
JOIN bench_month m ON m.rn = {month_expr}
"""
GROWING_MONTH = f"least({MONTHS - 1}, floor({MONTHS} * sqrt(u.b))::int)"

# Evidence on most social and online reports: a post on a platform, or a web page. One
# in ten cites a post an earlier report already cited (the same post reported twice is
# one content item, counted once). Run without parameters: `%` is a plain modulo.
CONTENT_INSERT = """
INSERT INTO monitoring_contentitem (platform, platform_id, url, kim_id, first_seen_at)
SELECT CASE WHEN medium = 'online' THEN 'website'
            ELSE (ARRAY['youtube','instagram','facebook','tiktok','x'])[1 + id % 5] END,
       'b' || id, 'https://example.org/p/' || id, kim_id, now()
FROM monitoring_disseminationreport
WHERE medium IN ('social', 'online') AND id % 5 <> 0 AND state = 'validated'
"""
EVIDENCE_INSERT = """
INSERT INTO monitoring_evidencelink (report_id, url, normalized_url, content_item_id,
                                     check_status)
SELECT substr(c.platform_id, 2)::bigint, c.url, c.url, c.id, 'ok'
FROM monitoring_contentitem c
UNION ALL
SELECT r.id, c.url, c.url, c.id, 'ok'
FROM monitoring_disseminationreport r
JOIN monitoring_contentitem c ON c.platform_id = 'b' || (r.id - 10)
WHERE r.medium IN ('social', 'online') AND r.id % 10 = 0
"""

FILLED_TABLES = (
    "monitoring_disseminationreport",
    "monitoring_contentitem",
    "monitoring_evidencelink",
    "monitoring_kimmonthrollup",
    "monitoring_regionmonthrollup",
    "monitoring_provincemonthrollup",
    "monitoring_activekimrollup",
)


def drop_secondary_indexes(tables: tuple[str, ...]) -> list[str]:
    """Drop every index and unique constraint but the primary keys of `tables` (a bulk
    load then builds each index once, sorted, instead of row by row); returns the
    statements that put them back. The statements are kept in `bench_index_restore`
    until restored, so an interrupted run still puts every index back next time."""
    sql(
        "CREATE TABLE IF NOT EXISTS bench_index_restore "
        "(tbl text, statement text UNIQUE)"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.indrelid::regclass::text, c.relname, con.conname,
                   pg_get_indexdef(i.indexrelid),
                   pg_get_constraintdef(con.oid)
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid
                 AND con.contype IN ('u', 'x')
            WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisprimary
            """,
            [list(tables)],
        )
        rows = cursor.fetchall()
    for table, index, constraint, index_def, constraint_def in rows:
        if constraint:
            restore = (
                f'ALTER TABLE {table} ADD CONSTRAINT "{constraint}" {constraint_def}'
            )
            drop = f'ALTER TABLE {table} DROP CONSTRAINT "{constraint}"'
        else:
            restore, drop = index_def, f'DROP INDEX "{index}"'
        sql(
            "INSERT INTO bench_index_restore VALUES (%s, %s) ON CONFLICT DO NOTHING",
            [table, restore],
        )
        sql(drop)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement FROM bench_index_restore WHERE tbl = ANY(%s)",
            [list(tables)],
        )
        return [row[0] for row in cursor.fetchall()]


def restore_indexes(statements: list[str]) -> None:
    started = time.monotonic()
    sql("SET maintenance_work_mem = '512MB'")
    for statement in statements:
        sql(statement)
        sql("DELETE FROM bench_index_restore WHERE statement = %s", [statement])
    log(f"  {len(statements)} indexes rebuilt ({time.monotonic() - started:.0f} s)")


def fill_reports(target: int, users) -> bool:
    """Returns whether reports were (re)made, so the rollups must be rebuilt."""
    have = scalar(
        "SELECT count(*) FROM monitoring_disseminationreport WHERE state = 'validated'"
    )
    if have == target:
        log(f"{have} validated reports already there")
        return False
    log(f"making {target} validated reports (had {have}) ...")
    started = time.monotonic()
    sql(f"TRUNCATE {', '.join(FILLED_TABLES)} RESTART IDENTITY CASCADE")
    restore = drop_secondary_indexes(FILLED_TABLES[:3])
    sql("SET session_replication_role = replica")  # no triggers or FK checks
    sql("SET work_mem = '64MB'")
    sql("SELECT setseed(0.42)")
    sql("DROP TABLE IF EXISTS bench_kim, bench_month")
    sql(
        "CREATE TEMP TABLE bench_kim AS SELECT row_number() OVER (ORDER BY id) - 1 "
        "AS rn, id, village_id FROM registry_kim WHERE status = 'verified'"
    )
    sql("CREATE UNIQUE INDEX ON bench_kim (rn)")
    sql("ANALYZE bench_kim")
    sql(
        "CREATE TEMP TABLE bench_month AS SELECT i AS rn, "
        "(%s::date + (i || ' months')::interval)::date AS month "
        "FROM generate_series(0, %s) i",
        [FIRST_MONTH, MONTHS - 1],
    )
    kims = scalar("SELECT count(*) FROM bench_kim")
    m_first, m_last = (
        scalar("SELECT min(id) FROM monitoring_material"),
        scalar("SELECT max(id) FROM monitoring_material"),
    )
    params = {
        "active_kims": int(kims * 0.8),
        "m_first": m_first,
        "m_count": m_last - m_first + 1,
        "officer": users["kab-malang"].pk,
        "state": "validated",
    }
    step = 2_000_000
    for lo in range(1, target + 1, step):
        hi = min(lo + step - 1, target)
        sql(
            REPORT_INSERT.format(month_expr=GROWING_MONTH),
            {**params, "lo": lo, "hi": hi},
        )
        log(f"  {hi} reports ({time.monotonic() - started:.0f} s)")
    # Waiting for validation: the last two months.
    sql(
        REPORT_INSERT.format(month_expr=f"{MONTHS - 2} + floor(u.b * 2)::int"),
        {
            **params,
            "state": "submitted",
            "lo": 1,
            "hi": max(target // WAITING_SHARE, 100),
        },
    )
    sql(CONTENT_INSERT)
    sql(EVIDENCE_INSERT)
    log(f"  evidence and content items ({time.monotonic() - started:.0f} s)")
    sql("SET session_replication_role = DEFAULT")
    restore_indexes(restore)
    log(f"filled in {time.monotonic() - started:.0f} s; VACUUM ANALYZE ...")
    for table in FILLED_TABLES[:3]:
        sql(f"VACUUM ANALYZE {table}")
    log(f"reports ready in {time.monotonic() - started:.0f} s")
    return True


def build_rollups() -> None:
    """The app's own set-based rebuild of every month (one statement per table), with
    the rollup tables' indexes built once afterwards."""
    from monitoring.services.rollups import rollups_rebuild_all

    started = time.monotonic()
    restore = drop_secondary_indexes(FILLED_TABLES[3:])
    rollups_rebuild_all()
    restore_indexes(restore)
    for table in FILLED_TABLES[3:]:
        sql(f"VACUUM ANALYZE {table}")
    log(f"rollups built in {time.monotonic() - started:.0f} s")


def measure(client: Client, url: str, runs: int):
    """Server times of `url` and of its SQL run directly (ms), and its query count."""
    page_times, sql_times, queries = [], [], 0
    client.get(url)  # warm caches, as a running server would be
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            t0 = time.perf_counter()
            response = client.get(url)
            page_times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured.captured_queries)
        t0 = time.perf_counter()
        with connection.cursor() as cursor:
            for query in captured.captured_queries:
                text = query["sql"]
                if text.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
                    continue
                cursor.execute(text)
                if cursor.description:
                    cursor.fetchall()
        sql_times.append((time.perf_counter() - t0) * 1000)
    return page_times, sql_times, queries


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=10_000_000)
    parser.add_argument("--kims", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the rollups")
    args = parser.parse_args()

    from django.urls import reverse

    from kimportal.accounts.demo import seed_demo_accounts
    from kimportal.regions.models import Region
    from kimportal.regions.services import official_region_rows, regions_load

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    logging.getLogger("axes").setLevel(logging.WARNING)
    ensure_database()
    if Region.objects.filter(level="village").count() < 80_000:
        log("loading the official region list ...")
        regions_load(rows=official_region_rows())
    users = seed_demo_accounts(password="bench-pass")
    fill_kims(args.kims, users)
    fill_materials(users)
    made = fill_reports(args.reports, users)
    if made or args.rebuild:
        build_rollups()

    counted = scalar(
        "SELECT coalesce(sum(reports), 0) FROM monitoring_regionmonthrollup"
    )
    log(f"\n{args.kims} KIM, {counted} validated reports in the rollups, "
        f"{args.runs} runs per page, times in ms\n")  # fmt: skip
    dashboard = reverse("monitoring:effectiveness")
    pages = [
        ("kab-malang", "dashboard kab/kota", f"{dashboard}?period=2026", 300),
        ("prov-jatim", "dashboard province", f"{dashboard}?period=2026", 300),
        ("kementerian", "dashboard nation", f"{dashboard}?period=2026", 300),
        ("kementerian", "dashboard nation Q", f"{dashboard}?period=2026-Q3", 300),
        ("kab-malang", "validation queue", reverse("monitoring:report-list"), 150),
        (
            "kab-malang",
            "queue, month filter",
            reverse("monitoring:report-list") + "?state=submitted&month=2026-11",
            150,
        ),
    ]
    header = (
        f"{'user':<12} {'page':<20} {'median':>8} {'p95':>8} {'sql med':>8} "
        f"{'sql p95':>8} {'ratio':>6} {'queries':>7} {'target':>7}"
    )
    log(header)
    log("-" * len(header))
    failures = []
    for username, label, url, target in pages:
        client = common.signed_in_client(users[username])
        page_times, sql_times, queries = measure(client, url, args.runs)
        ratio = statistics.median(page_times) / max(statistics.median(sql_times), 0.01)
        if p95(page_times) >= target or ratio > 3:
            failures.append(label)
        log(
            f"{username:<12} {label:<20} {statistics.median(page_times):8.1f} "
            f"{p95(page_times):8.1f} {statistics.median(sql_times):8.1f} "
            f"{p95(sql_times):8.1f} {ratio:6.2f} {queries:7d} {target:7d}"
        )
    log("\nall targets met" if not failures else f"\nmissed: {', '.join(failures)}")


if __name__ == "__main__":
    main()

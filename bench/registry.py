"""Registry benchmark: the KIM list, detail and home pages at national scale.

Runs on its own database (`kim_bench`; `kim_bench_<n>` for `--kim n`), created, migrated
and filled once with the official regions and n KIM (default 100,000) across all 514
kab/kota, loaded by COPY; later runs reuse it and start measuring within seconds.
For every page, requested as a kab/kota officer, the ministry and a KIM's own account, it
prints the median and p95 of the whole request (Django test client), the median of the
same SQL run directly, page ÷ SQL, and beside it the stock Django admin on the same rows
(25 a page; registered only inside the benchmark, bench/_admin.py) with ours ÷ admin.

    make bench-registry                        # 100k KIM
    .venv/bin/python bench/registry.py --kim 10000 --runs 20
    .venv/bin/python bench/registry.py --rebuild

Targets (rows that miss one are marked): page ≤ 3× its SQL, ≤ 0.5× the admin reference,
search p95 < 150 ms.
"""

import argparse
import logging
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

SEED = 2026
MAX_RATIO = 3.0
MAX_ADMIN_SHARE = 0.5
MAX_SEARCH_P95 = 150.0
BENCH_PASSWORD = "bench-pass"
KIM_USERNAME = "kim-bench@kim.example"
WORDS = (
    "Maju Sejahtera Mandiri Harapan Bersatu Lestari Cerdas Makmur Berdaya Informasi"
).split()
KIM_COLUMNS = (
    "name kim_type nik status inactive_reason chair_name street rt rw house_number "
    "phone whatsapp email social_groups media_types fields public_issues "
    "frequency_unit content_types power_reach influence_response from_old_list "
    "created_at updated_at submitted_at verified_at village_id"
).split()


# --- filling --------------------------------------------------------------------------


def fill(target: int) -> None:
    import pgtrigger
    from django.db import connection, transaction

    from kimportal.accounts.demo import seed_demo_accounts
    from kimportal.regions.models import Region
    from kimportal.regions.services import official_region_rows, regions_load
    from registry.models import Kim

    started = time.monotonic()
    if Region.objects.filter(level="village").count() < 80000:
        print("loading the official region list ...", flush=True)
        regions_load(rows=official_region_rows())
    users = seed_demo_accounts(password=BENCH_PASSWORD)
    history_triggers = [
        trigger.get_pgid(model)
        for model, trigger in pgtrigger.registered()
        if model is Kim
        and not trigger.name.startswith("kim_counts")
        and str(trigger.operation) == "INSERT"
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM registry_kim")
        if cursor.fetchone()[0]:
            raise SystemExit("the benchmark database holds KIM already: use --rebuild")
        print(f"loading {target} KIM by COPY ...", flush=True)
        columns = ", ".join(KIM_COLUMNS)
        # Built before the COPY starts: the connection cannot query while copying.
        rows = list(kim_rows(target))
        with transaction.atomic():
            # History has nothing to say about generated rows, and writing an event
            # per row made the load take many minutes. The count triggers stay on.
            for trigger in history_triggers:
                cursor.execute(f"ALTER TABLE registry_kim DISABLE TRIGGER {trigger}")
            copy_sql = f"COPY registry_kim ({columns}) FROM STDIN"
            with cursor.cursor.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row(row)
            # The deferred foreign-key checks run now: ALTER TABLE refuses to run
            # while trigger events are pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for trigger in history_triggers:
                cursor.execute(f"ALTER TABLE registry_kim ENABLE TRIGGER {trigger}")
        # A third of the verified KIM are active partners.
        cursor.execute(
            """
            INSERT INTO registry_partnership (kim_id, starts_on, ends_on, status,
                qualifications, assessment_note, created_at, created_by_id)
            SELECT id, '2026-01-01', '2027-12-31', 'active', '{}', '', now(), %s
            FROM registry_kim WHERE status = 'verified' ORDER BY id LIMIT %s
            """,
            [users["kab-malang"].pk, target // 3],
        )
    invite_kim_user(users["kab-malang"])
    with connection.cursor() as cursor:
        # As autovacuum would have done on a live server: statistics and visibility map.
        cursor.execute("VACUUM ANALYZE")
    print(f"filled {target} KIM in {time.monotonic() - started:.0f} s", flush=True)


def kim_rows(target: int):
    """`target` KIM rows for COPY, the same ones every time (a seeded generator)."""
    from kimportal.regions.models import Region
    from registry.choices import GovernmentAffair, KimStatus, MediaType

    rng = random.Random(SEED)
    villages: dict[str, list[str]] = {}
    for code in Region.objects.filter(level="village").values_list("code", flat=True):
        villages.setdefault(code[:5], []).append(code)
    regencies = sorted(villages)
    statuses = [KimStatus.VERIFIED] * 6 + [
        KimStatus.SUBMITTED,
        KimStatus.DRAFT,
        KimStatus.REJECTED,
        KimStatus.INACTIVE,
    ]
    media = list(MediaType.values)
    fields = list(GovernmentAffair.values)
    now = datetime.now(UTC)
    sequence: dict[tuple[str, int], int] = {}
    for i in range(target):
        # Kabupaten Malang gets a large share so the kab/kota pages have data.
        regency = "35.07" if i % 50 == 0 else regencies[i % len(regencies)]
        status = rng.choice(statuses)
        nik = None
        if status in (KimStatus.VERIFIED, KimStatus.INACTIVE):
            year = 2020 + i % 7
            key = (regency.replace(".", ""), year)
            sequence[key] = sequence.get(key, 0) + 1
            nik = f"{key[0]}-{year}-{sequence[key]:04d}-{i}"[:20]
        yield (
            f"KIM {rng.choice(WORDS)} {rng.choice(WORDS)} {i}",
            rng.choice("AB"),
            nik,
            status,
            "dissolved" if status == KimStatus.INACTIVE else "",
            "Ketua KIM",
            "Jl. Merdeka",
            "001",
            "002",
            "",
            "",
            "+628123456789",
            "",
            [],
            rng.sample(media, 2),
            rng.sample(fields, 3),
            "",
            "",
            [],
            0,
            0,
            False,
            now,
            now,
            now if status != KimStatus.DRAFT else None,
            now if nik else None,
            rng.choice(villages[regency]),
        )


def own_kim():
    """The KIM whose account measures the KIM's own page: the first verified KIM of
    Kabupaten Malang."""
    from registry.choices import KimStatus
    from registry.models import Kim

    return (
        Kim.objects.filter(village__code__startswith="35.07", status=KimStatus.VERIFIED)
        .order_by("id")
        .first()
    )


def invite_kim_user(officer) -> None:
    """An account for `own_kim()`, made the product's way."""
    from registry.services import kim_invite_user

    kim_invite_user(
        kim=own_kim(), invited_by=officer, email=KIM_USERNAME, name="KIM Bench"
    )


# --- measuring ------------------------------------------------------------------------


def pages(user) -> list[tuple[str, str, str | None]]:
    """(label, our URL, admin reference URL or None) for `user`."""
    from django.urls import reverse

    from kimportal.accounts.models import Role
    from registry.models import Kim

    admin_list = "/bench-admin/registry/kim/"
    if user.role == Role.KIM:
        own = own_kim().pk
        return [
            ("own KIM page", reverse("registry:my-kim"), f"{admin_list}{own}/change/"),
        ]
    kim = Kim.objects.filter(village__code__startswith="35.07").order_by("id").first()
    kim_list = reverse("registry:kim-list")
    return [
        ("list, first page", kim_list, admin_list),
        (
            "list, status",
            f"{kim_list}?status=verified",
            f"{admin_list}?status__exact=verified",
        ),
        (
            "list, status+media",
            f"{kim_list}?status=verified&media=social",
            f"{admin_list}?status__exact=verified&media=social",
        ),
        (
            "list, search",
            f"{kim_list}?q=Sejahtera+Mandiri",
            f"{admin_list}?q=Sejahtera+Mandiri",
        ),
        (
            "detail",
            reverse("registry:kim-detail", args=[kim.pk]),
            f"{admin_list}{kim.pk}/change/",
        ),
        ("home", reverse("home"), None),
    ]


def misses(label: str, ours: common.Sample, admin: common.Sample | None) -> list[str]:
    missed = []
    if ours.ratio > MAX_RATIO:
        missed.append(f">{MAX_RATIO:g}×SQL")
    if admin is not None and ours.median / admin.median > MAX_ADMIN_SHARE:
        missed.append(f">{MAX_ADMIN_SHARE:g}×admin")
    if "search" in label and ours.p95 >= MAX_SEARCH_P95:
        missed.append(f"p95≥{MAX_SEARCH_P95:g}")
    return missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kim", type=int, default=100_000, help="number of KIM")
    parser.add_argument("--runs", type=int, default=40, help="requests per page")
    parser.add_argument("--rebuild", action="store_true", help="drop and refill")
    parser.add_argument("--only", help="measure only pages whose label contains this")
    parser.add_argument(
        "--database",
        help="benchmark database (a kim_bench… name; default kim_bench, or "
        "kim_bench_<n> for --kim n), e.g. a copy made with CREATE DATABASE … TEMPLATE",
    )
    args = parser.parse_args()
    started = time.monotonic()
    name = args.database or (
        "kim_bench" if args.kim == 100_000 else f"kim_bench_{args.kim}"
    )
    common.open_database(name, rebuild=args.rebuild)
    marker = f"filled: {args.kim} KIM, seed {SEED}"
    if not common.is_filled(name, marker):
        fill(args.kim)
        common.mark_filled(name, marker)
    logging.getLogger("axes").setLevel(logging.WARNING)

    from kimportal.accounts.models import User
    from registry.models import Kim

    print(
        f"\n{Kim.objects.count()} KIM in {name}; measuring after "
        f"{time.monotonic() - started:.1f} s; {args.runs} runs per page; times in ms\n"
    )
    header = (
        f"{'user':<12} {'page':<19} {'p50':>7} {'p95':>7} {'sql':>6} {'÷sql':>5} "
        f"{'q':>3} │ {'admin':>7} {'sql':>6} {'q':>3} {'÷admin':>6}  misses"
    )
    print(header)
    print("─" * len(header))
    failed = 0
    common.freeze_like_a_worker()
    for username in ("kab-malang", "kementerian", KIM_USERNAME):
        user = User.objects.get(username=username)
        client = common.signed_in_client(user)
        for label, url, admin_url in pages(user):
            if args.only and args.only not in label:
                continue
            ours, admin = common.measure_pair(client, url, admin_url, args.runs)
            missed = misses(label, ours, admin)
            failed += bool(missed)
            reference = (
                f"{admin.median:7.1f} {admin.sql_median:6.1f} {admin.queries:3d} "
                f"{ours.median / admin.median:6.2f}"
                if admin
                else f"{'':7} {'':6} {'':3} {'':6}"
            )
            print(
                f"{username[:12]:<12} {label:<19} {ours.median:7.1f} {ours.p95:7.1f} "
                f"{ours.sql_median:6.1f} {ours.ratio:5.2f} {ours.queries:3d} │ "
                f"{reference}  {'✗ ' + ' '.join(missed) if missed else 'ok'}",
                flush=True,
            )
    print(
        f"\ntargets: page ≤ {MAX_RATIO:g}× its SQL, ≤ {MAX_ADMIN_SHARE:g}× the admin, "
        f"search p95 < {MAX_SEARCH_P95:g} ms — {failed} row(s) missed"
    )


if __name__ == "__main__":
    main()

"""What every benchmark in bench/ shares: its own database, kept between runs, and the
measurement of a page beside its SQL and beside a reference page.

A benchmark database is `kim_bench` (or `kim_bench_<n>` for another size): never a
`test_*` name, so the test suite's clean-up cannot empty it and a benchmark cannot empty
the suite's. It is created once, migrated when migrations are added, filled once (the
fill is recorded as a comment on the database) and reused as it is: no test-database
serialisation, so a second run starts measuring within seconds. `--rebuild` drops it.

Use (before Django is set up):

    database = common.open_database("kim_bench", rebuild=args.rebuild)
    if not common.is_filled(database, marker): fill(); common.mark_filled(database, marker)
"""

import os
import statistics
import time
from dataclasses import dataclass, field

SETTINGS_MODULE = "bench._settings"


def _server_params() -> dict:
    import environ

    config = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    params = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }
    return {key: value for key, value in params.items() if value}


def _maintenance(sql: str, params: tuple = ()) -> list:
    """Run `sql` on the server's `postgres` database, outside any transaction."""
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True, **_server_params()) as db:
        rows = db.execute(sql, params)
        return rows.fetchall() if rows.description else []


def open_database(name: str, *, rebuild: bool = False) -> str:
    """Create the benchmark database `name` unless it exists (dropping it first when
    `rebuild`), point Django at it and set Django up. Returns `name`."""
    if not name.startswith("kim_bench"):
        raise SystemExit(f"refusing to benchmark on {name!r}: not a kim_bench database")
    from psycopg import sql

    identifier = sql.Identifier(name).as_string()
    if rebuild:
        _maintenance(f"DROP DATABASE IF EXISTS {identifier} WITH (FORCE)")
    exists = _maintenance("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
    if not exists:
        print(f"creating database {name} ...", flush=True)
        _maintenance(f"CREATE DATABASE {identifier}")
    os.environ["BENCH_DATABASE"] = name
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE
    # The Django test client runs the views in this thread, outside an event loop.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    import django
    from django.apps import apps

    if apps.ready:
        # A second database in the same process (bench/imports.py builds its base,
        # then runs on a clone): the settings were read once, so point them anew.
        _repoint(name)
    else:
        django.setup()
    _migrate()
    return name


def freeze_like_a_worker() -> None:
    """Leave what is loaded so far out of the garbage collector's full collections,
    as the portal's WSGI worker does after start-up (kimportal/wsgi.py): the page
    times are then a worker's, not those of a process also holding a benchmark's
    set-up."""
    import gc

    gc.collect()
    gc.freeze()


def _repoint(name: str) -> None:
    from django.conf import settings
    from django.db import connections

    connections["default"].close()
    settings.DATABASES["default"]["NAME"] = name
    connections["default"].settings_dict["NAME"] = name


def _migrate() -> None:
    """Apply migrations the database lacks (all of them the first time)."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        print("applying migrations ...", flush=True)
        call_command("migrate", interactive=False, verbosity=0)


def is_filled(name: str, marker: str) -> bool:
    rows = _maintenance(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
        "WHERE datname = %s",
        (name,),
    )
    return bool(rows) and rows[0][0] == marker


def mark_filled(name: str, marker: str) -> None:
    from psycopg import sql

    _maintenance(
        sql.SQL("COMMENT ON DATABASE {} IS {}")
        .format(sql.Identifier(name), sql.Literal(marker))
        .as_string()
    )


# --- measuring ---------------------------------------------------------------------------


@dataclass
class Sample:
    """Times in ms of repeated requests to one URL and of their SQL run directly."""

    page: list[float] = field(default_factory=list)
    sql: list[float] = field(default_factory=list)
    queries: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.page)

    @property
    def p95(self) -> float:
        return percentile(self.page, 95)

    @property
    def sql_median(self) -> float:
        return statistics.median(self.sql)

    @property
    def ratio(self) -> float:
        return self.median / max(self.sql_median, 0.01)


def percentile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def time_request(client, url: str, sample: Sample) -> None:
    """One GET of `url`: its whole time through the test client, then the time of the
    same SQL statements executed again directly (fetching every row)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(url)
        sample.page.append((time.perf_counter() - started) * 1000)
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}")
    sample.queries = len(captured.captured_queries)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            statement = query["sql"]
            if statement.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
                continue
            cursor.execute(statement)
            if cursor.description:
                cursor.fetchall()
    sample.sql.append((time.perf_counter() - started) * 1000)


def measure_pair(
    client, url: str, reference_url: str | None, runs: int
) -> tuple[Sample, Sample | None]:
    """Our page and its reference, requested in turns so that both see the same load
    on a shared machine. One warm-up request each, as a running server would have had."""
    ours, reference = Sample(), Sample() if reference_url else None
    client.get(url)
    if reference_url:
        client.get(reference_url)
    for _ in range(runs):
        time_request(client, url, ours)
        if reference is not None and reference_url:
            time_request(client, reference_url, reference)
    return ours, reference


def signed_in_client(user):
    """A test client signed in as `user` past the second factor (kimportal.accounts.mfa),
    as a person who typed the code: the pages are measured, not the code step."""
    from django.test import Client

    from kimportal.accounts.mfa import MFA_STATE, VERIFIED

    client = Client()
    client.force_login(user)
    session = client.session
    session[MFA_STATE] = VERIFIED
    session.save()
    return client

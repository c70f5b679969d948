"""A task for the worker-crash test (loaded by the test's worker with `-I`).

It records each run (the worker child's pid) in `gate/runs`, then, until `gate/go`
exists, waits: the test kills the child during that wait. Then it delivers an outbox
message, the portal's real idempotent consumer."""

import os
import time
from pathlib import Path

from celery import shared_task

from kimportal.core.outbox import outbox_deliver


@shared_task(name="core-test.slow_deliver")
def slow_deliver(message_id: int, gate: str) -> bool:
    folder = Path(gate)
    with open(folder / "runs", "a") as runs:
        runs.write(f"{os.getpid()}\n")
    deadline = time.monotonic() + 120
    while not (folder / "go").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    return outbox_deliver(message_id=message_id)

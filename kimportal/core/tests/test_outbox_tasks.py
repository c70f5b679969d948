"""Background work decided by a write goes through the outbox (outbox_enqueue_task)."""

import pytest
from celery import shared_task
from django.core.management import call_command
from django.db import transaction

from kimportal.core.models import OutboxMessage, OutboxState
from kimportal.core.outbox import TASK_KIND, outbox_enqueue_task

from .test_outbox import broker_down  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

RUNS: list[dict] = []


@shared_task(name="core-test.record_run")
def record_run(**kwargs):
    RUNS.append(kwargs)


@pytest.fixture(autouse=True)
def no_runs():
    RUNS.clear()
    yield
    RUNS.clear()


def test_a_committed_write_runs_its_task_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            message = outbox_enqueue_task("core-test.record_run", kwargs={"kim": 7})

    message.refresh_from_db()
    assert message.kind == TASK_KIND and message.state == OutboxState.SENT
    assert RUNS == [{"kim": 7}]
    call_command("dispatch_outbox")
    assert RUNS == [{"kim": 7}]


def test_a_rolled_back_write_schedules_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            outbox_enqueue_task("core-test.record_run", kwargs={"kim": 7})
            raise RuntimeError("rolled back")
    assert callbacks == [] and not OutboxMessage.objects.exists() and RUNS == []


def test_a_broker_down_at_commit_publishes_later(
    django_capture_on_commit_callbacks,
    broker_down,  # noqa: F811
):
    from kimportal.celery import app
    from kimportal.core import outbox

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            message = outbox_enqueue_task("core-test.record_run", kwargs={"n": 1})
    message.refresh_from_db()
    assert (message.state, RUNS) == (OutboxState.PENDING, [])

    app.conf.task_always_eager = True  # the broker is back
    outbox.OutboxMessage.objects.filter(pk=message.pk).update(
        next_attempt_at=message.created_at
    )
    call_command("dispatch_outbox")
    call_command("dispatch_outbox")
    message.refresh_from_db()
    assert message.state == OutboxState.SENT and RUNS == [{"n": 1}]


def test_an_idempotency_key_schedules_one_task(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            first = outbox_enqueue_task(
                "core-test.record_run", kwargs={"n": 1}, idempotency_key="pull:1"
            )
            second = outbox_enqueue_task(
                "core-test.record_run", kwargs={"n": 1}, idempotency_key="pull:1"
            )
    assert first.pk == second.pk and RUNS == [{"n": 1}]


def test_an_unknown_task_fails_in_the_deciding_code():
    with pytest.raises(LookupError):
        outbox_enqueue_task("core-test.no_such_task", kwargs={})

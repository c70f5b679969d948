"""The one notification pipeline: a transactional outbox (kimportal.core.outbox)."""

import datetime
import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from kimportal.celery import app
from kimportal.core import outbox
from kimportal.core.models import OutboxMessage, OutboxState
from kimportal.core.outbox import (
    MAX_ATTEMPTS,
    outbox_deliver,
    outbox_dispatch_due,
    outbox_enqueue,
    suppressed,
)

from .conftest import FAILURE
from .factories import TEST_KIND, OutboxMessageFactory

pytestmark = pytest.mark.django_db

GREETING = {"to": "ani@desa.id", "name": "Ani"}


def test_a_committed_decision_sends_exactly_one_email(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            message = outbox_enqueue(kind=TEST_KIND, context=GREETING)

    message.refresh_from_db()
    assert message.state == OutboxState.SENT and message.sent_at is not None
    assert [(m.subject, m.to) for m in mailoutbox] == [("Halo Ani", ["ani@desa.id"])]
    # Handing the same message out again (a redelivered task, the dispatcher) sends
    # nothing more.
    assert outbox_deliver(message_id=message.pk) is False
    assert outbox_dispatch_due() == 0
    assert len(mailoutbox) == 1


def test_nothing_is_recorded_or_sent_for_a_rolled_back_transaction(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            outbox_enqueue(kind=TEST_KIND, context=GREETING)
            raise RuntimeError("the decision failed")

    assert callbacks == []
    assert not OutboxMessage.objects.exists()
    assert outbox_dispatch_due() == 0
    assert mailoutbox == []


def test_the_message_is_written_before_the_commit_and_sent_only_after(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with transaction.atomic():
            outbox_enqueue(kind=TEST_KIND, context=GREETING)
            assert OutboxMessage.objects.get().state == OutboxState.PENDING
    assert mailoutbox == [] and len(callbacks) == 1

    callbacks[0]()

    assert len(mailoutbox) == 1


@pytest.fixture
def broker_down():
    """Celery publishing to a closed port, as when Redis is down at commit time."""
    conf = app.conf
    saved = (conf.task_always_eager, conf.broker_url, app._pool)
    saved_producers = app.amqp._producer_pool
    conf.task_always_eager = False
    conf.broker_url = "redis://127.0.0.1:1/0"
    # Both pools: a producer pool made earlier keeps its connection to the live broker.
    app._pool = app.amqp._producer_pool = None
    try:
        yield
    finally:
        conf.task_always_eager, conf.broker_url = saved[0], saved[1]
        app._pool, app.amqp._producer_pool = saved[2], saved_producers
        outbox._broker_down_until = 0.0


def test_a_broker_that_is_down_at_commit_loses_nothing(
    mailoutbox, django_capture_on_commit_callbacks, broker_down
):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            message = outbox_enqueue(kind=TEST_KIND, context=GREETING)
    elapsed = time.monotonic() - started

    # The request went on (no exception), without hanging on the broker.
    assert elapsed < 15
    message.refresh_from_db()
    assert message.state == OutboxState.PENDING and mailoutbox == []

    app.conf.task_always_eager = True  # the broker (or the dispatcher) is back
    call_command("dispatch_outbox")
    call_command("dispatch_outbox")

    message.refresh_from_db()
    assert message.state == OutboxState.SENT
    assert len(mailoutbox) == 1


def test_failures_are_retried_with_exponential_backoff_then_given_up(mailoutbox):
    message = OutboxMessageFactory()
    FAILURE["error"] = ConnectionError("SMTP tidak menjawab")
    delays = []
    for attempt in range(1, MAX_ATTEMPTS + 1):
        before = timezone.now()
        assert outbox_deliver(message_id=message.pk) is False
        message.refresh_from_db()
        assert message.attempts == attempt
        assert "SMTP tidak menjawab" in message.last_error
        if attempt < MAX_ATTEMPTS:
            assert message.state == OutboxState.PENDING
            delays.append(round((message.next_attempt_at - before).total_seconds()))
            # Not due yet: the dispatcher leaves it alone.
            assert outbox_dispatch_due() == 0
            OutboxMessage.objects.filter(pk=message.pk).update(
                next_attempt_at=timezone.now()
            )
    assert delays == [60, 120, 240, 480, 960]
    assert message.state == OutboxState.FAILED
    FAILURE.clear()
    assert outbox_dispatch_due() == 0 and mailoutbox == []


def test_a_retried_message_is_sent_once_it_succeeds(mailoutbox):
    message = OutboxMessageFactory()
    FAILURE["error"] = TimeoutError("lambat")
    outbox_deliver(message_id=message.pk)
    FAILURE.clear()
    OutboxMessage.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    assert outbox_dispatch_due() == 1
    message.refresh_from_db()
    assert message.state == OutboxState.SENT and message.attempts == 2
    assert message.last_error == "" and len(mailoutbox) == 1


def test_an_idempotency_key_records_one_message(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        first = outbox_enqueue(kind=TEST_KIND, context=GREETING, idempotency_key="k1")
        second = outbox_enqueue(kind=TEST_KIND, context=GREETING, idempotency_key="k1")
    assert first.pk == second.pk
    assert OutboxMessage.objects.count() == 1


def test_unknown_kinds_fail_in_the_deciding_code():
    with pytest.raises(LookupError):
        outbox_enqueue(kind="tidak.ada", context={})


def test_suppressed_blocks_record_nothing():
    with suppressed():
        assert outbox_enqueue(kind=TEST_KIND, context=GREETING) is None
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_message_being_sent_by_one_consumer_is_skipped_by_another(mailoutbox):
    message = OutboxMessageFactory()
    result = {}

    def other_consumer():
        try:
            result["sent"] = outbox_deliver(message_id=message.pk)
        finally:
            connection.close()

    with transaction.atomic():
        # This consumer holds the row (as while its email is leaving).
        OutboxMessage.objects.select_for_update().get(pk=message.pk)
        thread = threading.Thread(target=other_consumer)
        thread.start()
        thread.join(timeout=10)

    assert result == {"sent": False} and mailoutbox == []
    assert outbox_deliver(message_id=message.pk) is True
    assert len(mailoutbox) == 1

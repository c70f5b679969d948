"""One notification pipeline for every email the portal sends: a transactional outbox.

A service decides, and in the same transaction writes an `OutboxMessage` row
(`outbox_enqueue`). Only after the commit is Celery asked to deliver it; if the broker is
down the request still succeeds and the row waits. A beat task and the `dispatch_outbox`
command hand out due rows and retry failures with exponential backoff. Delivery is
idempotent: the row is locked (`SKIP LOCKED`) while its email leaves and marked sent in
the same transaction, so two consumers of one message send one email.

Apps register their kinds (`kimportal.core.contributions.register_notification_kind`):
either templates rendered with the stored context and sent to the stored recipients, or a
`compose(context)` function that reads the committed rows and returns the emails.

Background work decided by a write (a metric pull, a link check, an import) goes the same
way (`outbox_enqueue_task`): a row of kind `TASK_KIND` names a Celery task and its
keyword arguments; "delivering" it means publishing that task to the broker (task id
`outbox-<row id>`), retried with the same backoff while the broker is down. The broker
then keeps it across worker crashes (late acks); the task itself must be idempotent,
since a crash between publish and marking the row sent publishes it twice.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import time
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kimportal.core.contributions import notification_kind
from kimportal.core.models import OutboxMessage, OutboxState

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
FIRST_RETRY_AFTER = timedelta(minutes=1)
DISPATCH_BATCH = 200
TASK_KIND = "core.task"
# After a failed hand-off, requests skip the broker for this long (the rows wait for the
# dispatcher): with a hung Redis each attempt costs a socket timeout, and a page that
# records several messages must not pay it several times.
BROKER_BACKOFF_SECONDS = 30.0
_broker_down_until = 0.0

_suppressed = contextvars.ContextVar("outbox_suppressed", default=False)


@contextlib.contextmanager
def suppressed():
    """Record nothing inside this block (demo data must not mail made-up addresses)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def outbox_enqueue(
    *,
    kind: str,
    context: dict | None = None,
    recipients: list[str] | tuple[str, ...] = (),
    idempotency_key: str | None = None,
) -> OutboxMessage | None:
    """Record message `kind` in the caller's transaction; Celery is asked to deliver it
    once that transaction commits. An `idempotency_key` already recorded returns the
    existing row instead of a second message."""
    notification_kind(kind)  # an unknown kind fails here, in the deciding request
    if _suppressed.get():
        return None
    values = {"kind": kind, "context": context or {}, "recipients": list(recipients)}
    with transaction.atomic():
        if idempotency_key:
            message, created = OutboxMessage.objects.get_or_create(
                idempotency_key=idempotency_key, defaults=values
            )
            if not created:
                return message
        else:
            message = OutboxMessage.objects.create(**values)
        transaction.on_commit(partial(_hand_to_worker, message.pk))
    return message


def outbox_enqueue_task(
    task_name: str,
    *,
    kwargs: dict | None = None,
    idempotency_key: str | None = None,
) -> OutboxMessage:
    """Record in the caller's transaction that Celery task `task_name` must run with
    `kwargs` (JSON values); it is published once the transaction commits, or by the
    dispatcher if the broker is down then. Nothing runs for a rolled-back transaction.
    An `idempotency_key` already recorded returns the existing row."""
    from kimportal.celery import app

    if task_name not in app.tasks:  # a typo fails here, in the deciding request
        raise LookupError(f"Unknown Celery task {task_name!r}.")
    context = {"task": task_name, "kwargs": kwargs or {}}
    with transaction.atomic():
        if idempotency_key:
            message, created = OutboxMessage.objects.get_or_create(
                idempotency_key=idempotency_key,
                defaults={"kind": TASK_KIND, "context": context},
            )
            if not created:
                return message
        else:
            message = OutboxMessage.objects.create(kind=TASK_KIND, context=context)
        transaction.on_commit(partial(_hand_to_worker, message.pk, task=True))
    return message


def _hand_to_worker(message_id: int, *, task: bool = False) -> None:
    """Ask Celery to deliver now. A broker failure must not reach the user who just
    decided: the row stays pending for the dispatcher."""
    global _broker_down_until
    from kimportal.core.tasks import deliver_outbox_message

    if time.monotonic() < _broker_down_until:
        logger.warning("Broker marked down; outbox message %s waits", message_id)
        return
    try:
        if task:  # publish the task itself; the row is marked sent here
            if not outbox_deliver(message_id=message_id):
                raise ConnectionError("task not published")
        else:
            deliver_outbox_message.apply_async(args=[message_id], retry=False)
    except Exception:  # noqa: BLE001 (any broker error; the row is safe)
        _broker_down_until = time.monotonic() + BROKER_BACKOFF_SECONDS
        logger.warning("Outbox message %s left pending for dispatch", message_id)


def _publish_task(message: OutboxMessage) -> None:
    from kimportal.celery import app

    # apply_async rather than send_task: it honours CELERY_TASK_ALWAYS_EAGER (dev, tests).
    app.tasks[message.context["task"]].apply_async(
        kwargs=message.context.get("kwargs") or {},
        task_id=f"outbox-{message.pk}",
        retry=False,
    )


def outbox_deliver(*, message_id: int) -> bool:
    """Send one pending message (idempotent); True when it was sent by this call."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, state=OutboxState.PENDING)
            .first()
        )
        if message is None:  # sent, given up, or being sent by another consumer
            return False
        message.attempts += 1
        try:
            if message.kind == TASK_KIND:
                _publish_task(message)
                emails = []
            else:
                emails = _compose(message)
            if emails:
                with get_connection() as connection:
                    connection.send_messages(emails)
        except Exception as exc:  # noqa: BLE001 (any failure is retried, then kept)
            _record_failure(message, exc)
            return False
        message.state = OutboxState.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["state", "sent_at", "attempts", "last_error"])
    return True


def _record_failure(message: OutboxMessage, exc: Exception) -> None:
    message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    if message.attempts >= MAX_ATTEMPTS:
        message.state = OutboxState.FAILED
        logger.error("Outbox message %s failed for good: %s", message.pk, exc)
    else:
        delay = FIRST_RETRY_AFTER * 2 ** (message.attempts - 1)
        message.next_attempt_at = timezone.now() + delay
        logger.warning("Outbox message %s failed, retry in %s", message.pk, delay)
    message.save(update_fields=["state", "attempts", "last_error", "next_attempt_at"])


def compose_plain_email(context: dict) -> list[EmailMessage]:
    """The `core.plain_email` kind: a subject and body decided by the caller."""
    return [EmailMessage(context["subject"], context["body"], to=context["to"])]


def _compose(message: OutboxMessage) -> list[EmailMessage]:
    kind = notification_kind(message.kind)
    with translation.override(settings.LANGUAGE_CODE):
        if kind.compose is not None:
            return list(kind.compose(message.context))
        if not message.recipients:
            return []
        context = {"site_url": settings.SITE_URL.rstrip("/"), **message.context}
        subject = render_to_string(kind.subject_template, context)
        body = render_to_string(kind.body_template, context)
        return [EmailMessage(" ".join(subject.split()), body, to=message.recipients)]


def outbox_dispatch_due(*, limit: int = DISPATCH_BATCH) -> int:
    """Deliver the pending messages whose time has come; returns how many were sent."""
    due = (
        OutboxMessage.objects.filter(
            state=OutboxState.PENDING, next_attempt_at__lte=timezone.now()
        )
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(outbox_deliver(message_id=pk) for pk in list(due))

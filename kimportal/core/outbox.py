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
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
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


def _hand_to_worker(message_id: int) -> None:
    """Ask Celery to deliver now. A broker failure must not reach the user who just
    decided: the row stays pending for the dispatcher."""
    from kimportal.core.tasks import deliver_outbox_message

    try:
        deliver_outbox_message.apply_async(args=[message_id], retry=False)
    except Exception:  # noqa: BLE001 (any broker error; the row is safe)
        logger.warning("Outbox message %s left pending for dispatch", message_id)


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

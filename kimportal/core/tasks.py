"""Background jobs of the portal's shared parts."""

import logging

from celery import shared_task

from .files import private_files_sweep

logger = logging.getLogger(__name__)


@shared_task
def sweep_orphan_private_files() -> int:
    """Daily: remove uploads whose recording transaction rolled back (see core.files)."""
    result = private_files_sweep()
    if result.removed:
        logger.info(
            "Removed %d orphan private files: %s", len(result.removed), result.removed
        )
    return len(result.removed)


@shared_task
def deliver_outbox_message(message_id: int) -> bool:
    """Send one outbox message (idempotent; see kimportal.core.outbox)."""
    from .outbox import outbox_deliver

    return outbox_deliver(message_id=message_id)


@shared_task
def dispatch_outbox() -> int:
    """Every minute: send pending outbox messages that are due (first tries whose
    broker hand-off failed, and retries after backoff)."""
    from .outbox import outbox_dispatch_due

    return outbox_dispatch_due()

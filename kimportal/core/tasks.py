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

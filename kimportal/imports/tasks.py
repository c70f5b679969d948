"""Background runs of an import (take ids; idempotent: a finished phase is skipped)."""

from celery import shared_task

from .services import import_job_check, import_job_commit


@shared_task
def import_check(job_id: int) -> str:
    return import_job_check(job_id=job_id).state


@shared_task
def import_commit(job_id: int) -> str:
    return import_job_commit(job_id=job_id).state

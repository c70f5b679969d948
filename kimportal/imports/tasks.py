"""Background runs of an import (take ids; idempotent: a finished phase is skipped)."""

from celery import shared_task

from .services import import_job_check, import_job_commit


@shared_task
def import_check(job_id: int) -> str:
    return import_job_check(job_id=job_id).state


@shared_task
def import_commit(job_id: int) -> str:
    return import_job_commit(job_id=job_id).state


@shared_task
def export_run(job_id: int) -> str:
    from .exportjobs import export_job_run

    return export_job_run(job_id=job_id).state


@shared_task
def export_jobs_expire() -> int:
    """Daily: remove the files of background exports past their expiry."""
    from .exportjobs import export_jobs_expire as expire

    return expire()

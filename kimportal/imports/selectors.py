"""Reads of import jobs, through the scoping rule."""

from django.db.models import QuerySet

from kimportal.core.scoping import get_scoped_or_404, scoped

from .models import ImportJob


def may_use_imports(user) -> bool:
    """Staff of the Dinas and the ministry; KIM and agencies have no import pages."""
    return bool(
        user.is_authenticated
        and (user.is_ministry or user.is_province or user.is_regency)
    )


def import_job_list(*, user) -> QuerySet[ImportJob]:
    return scoped(ImportJob.objects.select_related("created_by"), user)


def import_job_get(*, user, pk: int) -> ImportJob:
    return get_scoped_or_404(
        ImportJob.objects.select_related("created_by"), user, pk=pk
    )

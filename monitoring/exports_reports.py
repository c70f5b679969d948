"""Dissemination reports (the list and the validation queue) as CSV and XLSX, through
the core's streaming export helper: the same filters and scope as the list page. A list
above the core's background threshold (a province's or the nation's reports) is written
by a background job instead (kimportal.imports.exportjobs)."""

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from kimportal.core.exports import Column, choice_label, export_response

from .choices import ActionKind, Medium, ReportFormat, ReportState
from .models import DisseminationReport

EXPORT_FORMATS = ("csv", "xlsx")


def report_export_columns() -> list[Column]:
    return [
        Column(_("Tanggal kegiatan"), "activity_date"),
        Column(_("KIM"), "kim__name"),
        Column(_("NIK"), "kim__nik"),
        Column(_("Kode desa/kelurahan"), "village_id"),
        Column(_("Desa/Kelurahan"), "village__name"),
        Column(_("Aksi diseminasi"), choice_label("action_kind", ActionKind)),
        Column(_("Format"), choice_label("format", ReportFormat)),
        Column(_("Media"), choice_label("medium", Medium)),
        Column(_("Uraian kegiatan"), "activity"),
        Column(_("Jumlah kegiatan"), "activity_count"),
        Column(_("Bahan informasi"), "material__title"),
        Column(_("Status"), choice_label("state", ReportState)),
    ]


def report_export_response(
    queryset: QuerySet[DisseminationReport], fmt: str
) -> StreamingHttpResponse:
    """The scoped, filtered reports as a streamed CSV or XLSX attachment."""
    return export_response(
        fmt,
        filename=f"laporan-diseminasi-{timezone.localdate().isoformat()}",
        queryset=queryset.order_by("-activity_date", "-id"),
        columns=report_export_columns(),
        title="Laporan",
    )


REPORT_FILTERS = ("kim", "month", "state", "material")


def report_export_filters(query) -> dict[str, str]:
    """The list page's filters the export keeps, from a request's GET or a job's."""
    return {key: query.get(key, "") for key in REPORT_FILTERS}


def _background_build(user, filters):
    """The report list as a background job writes it: the list as `user` sees it with
    the list page's `filters` (the job re-applies the requester's scope)."""
    from .selectors import report_list

    queryset = report_list(user=user, filters=report_export_filters(filters))
    name = f"laporan-diseminasi-{timezone.localdate().isoformat()}"
    return (
        queryset.prefetch_related(None).order_by("-activity_date", "-id"),
        report_export_columns(),
        "Laporan",
        name,
    )


def register_background() -> None:
    from kimportal.imports.exportjobs import (
        BackgroundExport,
        register_background_export,
    )

    register_background_export(
        BackgroundExport(
            key="reports",
            label=_("Laporan diseminasi"),
            name="reports",
            may_export=lambda user: user.has_perm("monitoring.view_reports"),
            build=_background_build,
        )
    )

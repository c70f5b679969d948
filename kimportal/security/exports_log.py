"""The security log as CSV / XLSX, through the core's streaming export: the rows the
reader may see (`security_event_list`), with the list page's filters."""

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from kimportal.core.exports import Column, choice_label, export_response

from .models import SecurityEvent, SecurityEventKind


def security_event_columns() -> list[Column]:
    return [
        Column(_("Waktu"), "created_at"),
        Column(_("Jenis"), choice_label("kind", SecurityEventKind)),
        Column(_("Nama pengguna"), "username"),
        Column(_("Kode wilayah"), "region_code"),
        Column(_("Alamat klien"), "client_address"),
        Column(_("Metode"), "method"),
        Column(_("Alamat halaman"), "path"),
        Column(_("Rincian"), "detail"),
    ]


def security_event_export_response(
    events: QuerySet[SecurityEvent], fmt: str
) -> StreamingHttpResponse:
    return export_response(
        fmt,
        filename=f"log-keamanan-{timezone.localdate().isoformat()}",
        queryset=events.select_related(None),
        columns=security_event_columns(),
        title=_("Log keamanan"),
    )

"""The event's PDFs, rendered by WeasyPrint from templates (as mapping's report):
the certificate, the daftar hadir and the laporan kegiatan."""

from __future__ import annotations

import base64

from django.template.loader import render_to_string

from kimportal.core.dates import today_in_jakarta
from kimportal.core.uploads import detect_format

from .charts_events import evaluation_rows
from .models import Certificate, Event
from .qr import qr_png_data_uri, verification_url
from .selectors_events import (
    attendance_rows,
    evaluation_summary,
    event_counts,
    event_invitations,
)

# Photos embedded in the report; more are listed, not printed.
MAX_PHOTOS = 12


def _pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_to_string(template, context)).write_pdf()


def certificate_pdf(certificate: Certificate) -> bytes:
    """One certificate (A4 landscape) with the QR of its verification URL."""
    url = verification_url(certificate.code)
    return _pdf(
        "collaboration/certificates/certificate_pdf.html",
        {"certificate": certificate, "url": url, "qr": qr_png_data_uri(url)},
    )


def attendance_pdf(event: Event, day=None) -> bytes:
    """The daftar hadir: name, KIM, role and time, per day."""
    rows = list(attendance_rows(event=event, day=day))
    days = [d for d in event.days if day is None or d == day]
    return _pdf(
        "collaboration/events/attendance_pdf.html",
        {
            "event": event,
            "days": [(d, [r for r in rows if r.day == d]) for d in days],
            "date": today_in_jakarta(),
        },
    )


def _photo_uri(stored) -> str | None:
    with stored.open("rb") as handle:
        fmt = detect_format(handle)
        if fmt not in ("jpg", "png"):
            return None
        data = handle.read()
    mime = "image/jpeg" if fmt == "jpg" else "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def event_report_pdf(event: Event) -> bytes:
    """The laporan kegiatan: theme and sessions, speakers, attendance, materials,
    photos, evaluation summary and publications."""
    files = list(event.files.order_by("kind", "id"))
    photos = [f for f in files if f.kind == "photo"]
    summary = evaluation_summary(event=event)
    return _pdf(
        "collaboration/events/report_pdf.html",
        {
            "event": event,
            "counts": event_counts(event=event),
            "speakers": list(event.speakers.all()),
            "invitations": list(event_invitations(event=event)),
            "attendance": list(attendance_rows(event=event)),
            "materials": [f for f in files if f.kind == "material"],
            "photos": [
                (p, uri)
                for p in photos[:MAX_PHOTOS]
                if (uri := _photo_uri(p.file)) is not None
            ],
            "evaluation": summary,
            "evaluation_rows": evaluation_rows(summary),
            "publications": list(event.publications.select_related("kim")),
            "date": today_in_jakarta(),
        },
    )

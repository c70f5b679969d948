"""The award certificate (piagam) PDF, rendered like the event certificates (WeasyPrint,
with the QR of the shared verification page)."""

from __future__ import annotations

from django.template.loader import render_to_string

from .models import AwardCertificate
from .qr import qr_png_data_uri, verification_url


def award_certificate_pdf(certificate: AwardCertificate) -> bytes:
    from weasyprint import HTML

    url = verification_url(certificate.code)
    html = render_to_string(
        "collaboration/awards/certificate_pdf.html",
        {"certificate": certificate, "url": url, "qr": qr_png_data_uri(url)},
    )
    return HTML(string=html).write_pdf()

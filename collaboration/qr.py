"""QR codes (segno) for the attendance code and the certificate's verification URL."""

from __future__ import annotations

import base64
import io

import segno
from django.conf import settings
from django.urls import reverse


def verification_url(code: str) -> str:
    """The public page that answers whether a certificate is valid."""
    base = settings.SITE_URL.rstrip("/")
    return base + reverse("certificate-verify", kwargs={"code": code})


def qr_svg(data: str, *, scale: int = 6) -> str:
    """An inline SVG (no XML declaration) to put in a page."""
    out = io.BytesIO()
    segno.make(data, error="m").save(
        out, kind="svg", scale=scale, xmldecl=False, svgns=True, title=None
    )
    return out.getvalue().decode()


def qr_png_data_uri(data: str, *, scale: int = 8) -> str:
    """A PNG as a data URI: WeasyPrint embeds it as an image in the PDF, which a reader
    (or a test) can extract and decode."""
    out = io.BytesIO()
    segno.make(data, error="m").save(out, kind="png", scale=scale, border=4)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()

"""Certificates: issue for an event, download (the office, or the holder's KIM), revoke,
and the public verification page `/sertifikat/<code>/`."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from kimportal.core import throttle
from kimportal.core.exports import pdf_response

from ..pdf import certificate_pdf
from ..selectors_events import certificate_get, certificate_public, event_get
from ..services.certificates import certificate_revoke, certificates_issue
from .event_common import post_action, staff_events_view

# The public page answers people scanning printed certificates; the limit is for
# someone walking the code space, not for a hall of participants behind one address.
VERIFY_PER_ADDRESS_PER_HOUR = 120


@staff_events_view
@post_action
def certificates_issue_view(request, pk: int):
    event = event_get(user=request.user, pk=pk)
    return (
        lambda: certificates_issue(actor=request.user, event=event),
        _("Sertifikat diterbitkan untuk peserta yang hadir dan narasumber."),
        reverse("collaboration:event-detail", args=[event.pk]) + "#sertifikat",
    )


@login_required
def certificate_pdf_view(request, pk: int):
    """The PDF, for the office (scope) or the holder's own KIM (scope: kim)."""
    certificate = certificate_get(user=request.user, pk=pk)
    return pdf_response(
        certificate_pdf(certificate), filename=f"sertifikat-{certificate.pk}"
    )


@staff_events_view
@post_action
def certificate_revoke_view(request, pk: int):
    certificate = certificate_get(user=request.user, pk=pk)
    reason = request.POST.get("reason", "")
    return (
        lambda: certificate_revoke(
            actor=request.user, certificate=certificate, reason=reason
        ),
        _("Sertifikat dicabut."),
        reverse("collaboration:event-detail", args=[certificate.event_id])
        + "#sertifikat",
    )


@never_cache
def certificate_verify_view(request, code: str):
    """Name, event, date, issuing office and whether it is valid — nothing else."""
    if not throttle.allow(
        request,
        action="certificate-verify",
        limit=VERIFY_PER_ADDRESS_PER_HOUR,
        window_seconds=3600,
    ):
        return render(request, "collaboration/certificates/throttled.html", status=429)
    certificate = certificate_public(code=code)
    if certificate is None:
        raise Http404
    return render(
        request,
        "collaboration/certificates/verify.html",
        {"certificate": certificate},
    )

"""The portal's CSP middleware writes django-csp's headers, kept per process only
while nothing about the response or the settings asks for another policy."""

import pytest
from csp.constants import NONCE
from csp.exceptions import CSPNonceError
from csp.utils import build_policy
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from kimportal.security.csp import PortalCSPMiddleware


def _headers(prepare=None):
    request = RequestFactory().get("/")

    def view(request):
        response = HttpResponse("ok")
        if prepare:
            prepare(request, response)
        return response

    response = PortalCSPMiddleware(view)(request)
    return response.get("Content-Security-Policy"), response.get(
        "Content-Security-Policy-Report-Only"
    )


def test_every_plain_response_carries_the_configured_policy():
    enforced, report_only = _headers()
    assert enforced == build_policy()
    assert "default-src 'self'" in enforced and "frame-ancestors 'none'" in enforced
    assert report_only is None


def test_a_changed_policy_setting_is_written_at_once():
    _headers()  # kept
    changed = {"DIRECTIVES": {"default-src": ["'none'"]}}
    with override_settings(
        CONTENT_SECURITY_POLICY=changed, CONTENT_SECURITY_POLICY_REPORT_ONLY=changed
    ):
        assert _headers() == ("default-src 'none'", "default-src 'none'")
    assert _headers()[0] == build_policy()


def test_a_view_that_updates_the_policy_or_asks_for_a_nonce_gets_django_csps_own():
    def update(request, response):
        response._csp_update = {"img-src": ["https://tiles.example"]}

    enforced, _ = _headers(update)
    assert "img-src 'self' data: https://tiles.example" in enforced

    nonces = []

    def use_nonce(request, response):
        nonces.append(str(request.csp_nonce))

    with_nonce = {"DIRECTIVES": {"script-src": ["'self'", NONCE]}}
    with override_settings(CONTENT_SECURITY_POLICY=with_nonce):
        enforced, _ = _headers(use_nonce)
    assert f"script-src 'self' 'nonce-{nonces[0]}'" in enforced


def test_a_nonce_asked_for_after_the_header_is_written_is_refused():
    request = RequestFactory().get("/")
    PortalCSPMiddleware(lambda request: HttpResponse("ok"))(request)
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)

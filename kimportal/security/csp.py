"""django-csp's middleware, with the policy headers built once per process.

The portal's policy (settings.CONTENT_SECURITY_POLICY) takes no nonce and no view
changes it, so its header is the same on every response; django-csp built it anew,
twice (enforced and report-only), for each one (perf, issue #6 item 12). A response
that needs more (a nonce was asked for, a django-csp decorator set its own policy or an
exemption, excluded URL prefixes are configured, or Django's debug page) goes through
django-csp's own code, as before.
"""

from functools import cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

# What django-csp's decorators leave on a response.
_RESPONSE_OVERRIDES = tuple(
    f"_csp_{what}{suffix}"
    for what in ("config", "update", "replace", "exempt")
    for suffix in ("", "_ro")
)
_POLICY_SETTINGS = ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY")


class PortalCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if not _same_for_every_response(request, response):
            return super().process_response(request, response)
        enforced, report_only = _policies()
        if enforced and HEADER not in response:
            response[HEADER] = enforced
        if report_only and HEADER_REPORT_ONLY not in response:
            response[HEADER_REPORT_ONLY] = report_only
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


def _same_for_every_response(request, response) -> bool:
    return (
        getattr(request, "_csp_nonce", None) is None
        and not any(hasattr(response, name) for name in _RESPONSE_OVERRIDES)
        and not settings.DEBUG
        and not any(
            (getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES")
            for name in _POLICY_SETTINGS
        )
    )


@cache
def _policies() -> tuple[str, str]:
    """The enforced and the report-only header, as django-csp builds them."""
    return build_policy(), build_policy(report_only=True)


@receiver(setting_changed)
def _forget_policies(*, setting, **kwargs) -> None:
    if setting in _POLICY_SETTINGS:
        _policies.cache_clear()

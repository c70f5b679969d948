"""`reverse()` of argument-free URL names, kept per process.

The menu, the page shell and list pages reverse the same dozen names on every request;
a URL of a name does not change while the URL configuration stays the same, so each is
reversed once per URL configuration, script prefix and language (perf, issue #6 item 12).
"""

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

_urls: dict[tuple, str] = {}


def reverse_cached(name: str) -> str:
    """`reverse(name)` for a name that takes no arguments (NoReverseMatch as reverse)."""
    key = (get_urlconf(), get_script_prefix(), get_language(), name)
    url = _urls.get(key)
    if url is None:
        url = reverse(name)
        _urls[key] = url
    return url

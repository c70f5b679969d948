"""`reverse()` of argument-free URL names, kept per process.

The menu, the page shell and list pages reverse the same dozen names on every request;
a URL of a name does not change while the URL configuration stays the same, so each is
reversed once per URL configuration, script prefix and language (perf, issue #6 item 12).
"""

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

_urls: dict[tuple, str] = {}


def markup_key() -> tuple:
    """What markup built of URLs, static paths and translations depends on: the URL
    configuration, the script prefix, the language and the static URL. Markup kept per
    process (the page shell, the menu, `{% fixed %}`, reversed URLs) is kept under it."""
    return (get_urlconf(), get_script_prefix(), get_language(), settings.STATIC_URL)


def reverse_cached(name: str) -> str:
    """`reverse(name)` for a name that takes no arguments (NoReverseMatch as reverse)."""
    key = (*markup_key(), name)
    url = _urls.get(key)
    if url is None:
        url = reverse(name)
        _urls[key] = url
    return url

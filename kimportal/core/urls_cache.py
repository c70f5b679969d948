"""`reverse()` of URL names with fixed arguments, kept per process.

The menu, the page shell and list pages reverse the same dozen URLs on every request;
the URL of a name and arguments does not change while the URL configuration stays the
same, so each is reversed once per URL configuration, script prefix and language (perf,
issue #6 item 12).
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


def reverse_cached(name: str, **kwargs: str) -> str:
    """`reverse(name, kwargs=kwargs)` (NoReverseMatch as reverse), for arguments that
    come from the code, never from a request: each is kept for the process's life."""
    key = (*markup_key(), name, *kwargs.items())
    url = _urls.get(key)
    if url is None:
        url = reverse(name, kwargs=kwargs or None)
        _urls[key] = url
    return url

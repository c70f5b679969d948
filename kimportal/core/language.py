"""The portal's one language, made the active one for every request.

The portal speaks Bahasa Indonesia only (settings.LANGUAGES). Django's LocaleMiddleware
would read every request's preferences (path, cookie, Accept-Language) to choose among
one, and mark every page "Vary: Accept-Language". Without any middleware no language is
active, and each translation and `get_language()` then takes a slower path in Django
(about 2 µs more each, dozens per page). So each request activates the one language,
and its pages say which it is (Content-Language), as before (perf, issue #6 item 12).
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation


class OneLanguageMiddleware:
    def __init__(self, get_response):
        if len(settings.LANGUAGES) != 1:
            raise ImproperlyConfigured(
                "OneLanguageMiddleware serves one language; with more in LANGUAGES, "
                "use django.middleware.locale.LocaleMiddleware."
            )
        self.get_response = get_response
        self.language = settings.LANGUAGES[0][0]

    def __call__(self, request):
        translation.activate(self.language)
        request.LANGUAGE_CODE = self.language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", self.language)
        return response

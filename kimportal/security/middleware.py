"""Records what only the response tells: refusals (403), out-of-scope objects (404 on a
URL that names an object) and private file downloads.

Recording here, after the view returned, also means the row is written outside the
view's transaction (requests are not atomic), so a refusal that rolled a service back
is still logged.
"""

from django.http import FileResponse

from .events import record_security_event
from .models import SecurityEventKind

# Set by `record_export` so that an export streamed as a file is not logged twice.
EXPORT_RECORDED = "_security_export_recorded"


class SecurityLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is None:
            return response
        status = response.status_code
        if status == 403:
            record_security_event(
                SecurityEventKind.DENIED, request=request, url_name=match.view_name
            )
        elif status == 404 and _names_object(match):
            record_security_event(
                SecurityEventKind.NOT_FOUND,
                request=request,
                url_name=match.view_name,
                object=dict(match.kwargs),
            )
        elif (
            status == 200
            and isinstance(response, FileResponse)
            and not getattr(request, EXPORT_RECORDED, False)
        ):
            # Every FileResponse a view returns is a private file (public and static
            # files are served by WhiteNoise before this middleware).
            record_security_event(
                SecurityEventKind.DOWNLOAD,
                request=request,
                url_name=match.view_name,
                object=dict(match.kwargs),
            )
        return response


# URL parameters that pick a format or a platform, not an object.
_NOT_OBJECTS = {"fmt", "format", "platform"}


def _names_object(match) -> bool:
    return any(key not in _NOT_OBJECTS for key in match.kwargs)

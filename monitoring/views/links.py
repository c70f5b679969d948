"""The tracked short link `/l/<code>`: public, fast, and no open redirect."""

from django.http import Http404, HttpResponseRedirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ..selectors import tracked_link_target
from ..services import link_click_count

CODE_MAX_LENGTH = 24


@never_cache
@require_safe
def tracked_link_redirect(request, code: str):
    """Count one click for the link's KIM, medium and day, and send the visitor to the
    material's own URL. The target comes only from the stored material: nothing in the
    request can choose where the visitor goes. Nothing about the visitor is stored."""
    if len(code) > CODE_MAX_LENGTH:
        raise Http404
    target = tracked_link_target(code=code)
    if target is None:
        raise Http404
    if request.method == "GET":
        link_click_count(
            link_id=target["link_id"],
            material_id=target["material_id"],
            kim_id=target["kim_id"],
            medium=target["medium"],
        )
    response = HttpResponseRedirect(target["url"])
    response["Referrer-Policy"] = "no-referrer"
    return response

"""Pieces every staff page of the registry uses: who may open them, how a refused action
is answered, and list paging."""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from ..models import Kim

PAGE_SIZE = 25


def staff_only(view):
    """Logged-in Dinas officers and the ministry; anyone else gets a 404, as if the
    registry's staff pages did not exist."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm("registry.view_kim"):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def deny(request, kim: Kim | None = None):
    """A refused action on an object the officer can see. A kab/kota officer is told
    why (the KIM's state changed under them) and sent back; others get 403."""
    if request.user.is_regency and kim is not None:
        messages.error(
            request,
            _("Tindakan ini tidak dapat dilakukan pada KIM berstatus %(status)s.")
            % {"status": kim.get_status_display()},
        )
        return redirect(kim)
    raise PermissionDenied


def show_messages(request, error) -> None:
    """Every message of a service's error, above the page."""
    for message in getattr(error, "messages", None) or [error.message]:
        messages.error(request, message)


class CountedPaginator(Paginator):
    """A paginator told its count, so the page does not COUNT the same rows twice."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def querystring_without(query: QueryDict, *keys: str) -> str:
    """`query` encoded as `QueryDict.urlencode` encodes it, less `keys`. Read, not
    copied: a QueryDict's copy is a deep copy, three per list page (perf, issue #6)."""
    return urlencode(
        [
            (key, value)
            for key, values in query.lists()
            if key not in keys
            for value in values
        ]
    )


def attach_download_urls(documents, url_name: str) -> list:
    documents = list(documents)
    for document in documents:
        document.download_url = reverse(url_name, args=[document.pk])
    return documents

"""Shared pieces of the event pages: who may open them, and running one service from
a POST with its refusal shown as a message."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from kimportal.core.errors import TransitionError
from kimportal.core.service_errors import service_error_items


def staff_events_view(view):
    """Logged in Dinas staff; anyone else gets 404 (the page does not exist for them)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm("collaboration.manage_events"):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def kim_events_view(view):
    """Logged in KIM members only."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_kim:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def post_action(view):
    """A POST that runs one service and goes back to `next_url`: the view returns
    (callable, success message, next url)."""

    @require_POST
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        action, success, next_url = view(request, *args, **kwargs)
        try:
            action()
        except (ValidationError, TransitionError) as exc:
            for message in error_messages(exc):
                messages.error(request, message)
        else:
            messages.success(request, success)
        return redirect(next_url)

    return wrapper


def error_messages(exc) -> list[str]:
    if isinstance(exc, TransitionError):
        return [exc.message]
    return [m for _field, ms in service_error_items(exc) for m in ms]

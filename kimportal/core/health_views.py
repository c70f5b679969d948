"""Health endpoints for the load balancer, the operators' page, and the page a user sees
when a dependency is down."""

from __future__ import annotations

import sys

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .cache import CacheUnavailable
from .health import readiness

UNAVAILABLE_ERRORS = (OperationalError, InterfaceError, CacheUnavailable)


@never_cache
@require_GET
def healthz(request):
    """The process is up and answers; nothing else is asked."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    """200 when PostgreSQL, Redis and storage answer, migrations are applied and the
    outbox is moving; 503 naming what is broken otherwise. Within 2 s either way."""
    checks = readiness()
    broken = [c.name for c in checks if not c.ok]
    return JsonResponse(
        {
            "status": "unavailable" if broken else "ok",
            "broken": broken,
            "checks": {
                c.name: {"ok": c.ok, "detail": c.detail, "ms": c.ms, **c.data}
                for c in checks
            },
        },
        status=503 if broken else 200,
    )


@never_cache
@login_required
def system_health(request):
    """Ministry (and site admins): the same checks plus the last run of every
    scheduled task (django-celery-beat's table)."""
    if not request.user.is_ministry:
        raise Http404
    from django_celery_beat.models import PeriodicTask

    tasks = PeriodicTask.objects.order_by("name").only(
        "name", "task", "enabled", "last_run_at", "total_run_count"
    )
    return render(
        request,
        "core/system_health.html",
        {"checks": readiness(), "tasks": tasks},
    )


def server_error(request, *args, **kwargs):
    """handler500: a dependency that is down (PostgreSQL, the counters' Redis) gets a
    clear 503 "coba lagi" page, rendered without the database; anything else the plain
    500 page."""
    exc = sys.exc_info()[1]
    if isinstance(exc, UNAVAILABLE_ERRORS) or (
        isinstance(exc, DatabaseError) and "statement timeout" in str(exc)
    ):
        body = loader.get_template("core/unavailable.html").render()
        response = HttpResponse(body, status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)

"""Pages of the metrics feature: pull-run history (site admins, with a retry), the OAuth
"Hubungkan" round trip for a KIM's Facebook/TikTok channel, and manual numbers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kimportal.core.access import actor_may
from kimportal.core.contributions import kim_id_of
from kimportal.core.outbox import outbox_enqueue_task
from kimportal.core.scoping import get_scoped_or_404, scoped

from ..models import ContentItem
from ..models_metrics import ContentSnapshot, MetricCredential, PullRun
from .base import ProviderError
from .forms import CredentialForm, ManualMetricsForm
from .registry import PROVIDERS
from .services import (
    OAUTH_PLATFORMS,
    channel_connect_finish,
    channel_connect_start,
    metric_credential_set,
    metric_manual_enter,
)


def _callback_uri(request, platform: str) -> str:
    return request.build_absolute_uri(
        reverse("metrics:oauth-callback", args=[platform])
    )


@login_required
@require_GET
def pull_run_list(request):
    if not actor_may(request.user, "monitoring.retry_pull"):
        raise Http404
    runs = scoped(PullRun.objects.all(), request.user)[:100]
    return render(
        request,
        "metrics/pull_run_list.html",
        {"runs": runs, "providers": PROVIDERS.values()},
    )


@login_required
@require_POST
def pull_run_retry(request, pk):
    if not actor_may(request.user, "monitoring.retry_pull"):
        raise Http404
    run = get_scoped_or_404(PullRun.objects.all(), request.user, pk=pk)
    # Through the outbox: a broker that is down now cannot lose the retry.
    with transaction.atomic():
        outbox_enqueue_task(
            "monitoring.providers.tasks.pull_metrics_task",
            kwargs={"scope": "all", "platform": run.platform},
        )
    messages.success(request, _("Penarikan ulang %s dijadwalkan.") % run.platform)
    return redirect("metrics:pull-runs")


@login_required
@require_GET
def channel_connect(request, pk):
    """ "Hubungkan": send the KIM to the platform's consent page."""
    from registry.models import KimChannel

    channel = get_scoped_or_404(
        KimChannel.objects.filter(platform__in=OAUTH_PLATFORMS), request.user, pk=pk
    )
    try:
        url = channel_connect_start(
            actor=request.user,
            channel=channel,
            session=request.session,
            redirect_uri=_callback_uri(request, channel.platform),
        )
    except PermissionDenied:
        raise
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("home")
    return redirect(url)


@login_required
@require_GET
def oauth_callback(request, platform):
    from registry.models import KimChannel

    if platform not in OAUTH_PLATFORMS or kim_id_of(request.user) is None:
        raise Http404
    pending = request.session.get("metrics_oauth") or {}
    channel = (
        scoped(KimChannel.objects.all(), request.user)
        .filter(pk=pending.get("channel") or 0, platform=platform)
        .first()
    )
    if channel is None:
        request.session.pop("metrics_oauth", None)
        messages.error(
            request, _("Permintaan izin tidak sah atau kedaluwarsa. Ulangi.")
        )
        return redirect("home")
    try:
        channel_connect_finish(
            actor=request.user,
            channel=channel,
            session=request.session,
            state=request.GET.get("state", ""),
            code=request.GET.get("code", ""),
            redirect_uri=_callback_uri(request, platform),
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    except ProviderError:
        messages.error(request, _("Platform menolak izin. Coba hubungkan lagi."))
    else:
        messages.success(request, _("Kanal terhubung; angkanya akan ditarik otomatis."))
    return redirect("home")


@login_required
def manual_entry(request, pk):
    item = get_scoped_or_404(ContentItem.objects.all(), request.user, pk=pk)
    if not actor_may(request.user, "monitoring.enter_metrics", item):
        raise PermissionDenied
    form = ManualMetricsForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            metric_manual_enter(
                actor=request.user, content_item=item, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Angka tersimpan (manual)."))
            return redirect("metrics:manual-entry", pk=item.pk)
    history = scoped(
        ContentSnapshot.objects.filter(content_item=item), request.user
    ).order_by("-day")[:30]
    return render(
        request,
        "metrics/manual_entry.html",
        {"item": item, "form": form, "history": history},
    )


@login_required
def credential_list(request):
    """The office's credentials (the ministry: all, and the national ones). Secrets are
    write-only: the list shows platform, owner and state, never the key."""
    office = None if request.user.effective_role == "ministry" else request.user.office
    if not actor_may(request.user, "monitoring.set_metric_credential", office):
        raise Http404
    form = CredentialForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            metric_credential_set(
                actor=request.user,
                platform=data["platform"],
                secret=data,
                office=office,
                label=data["label"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Kredensial tersimpan."))
            return redirect("metrics:credentials")
    credentials = scoped(
        MetricCredential.objects.filter(active=True).select_related("office"),
        request.user,
    )
    if office is None:
        credentials = credentials | MetricCredential.objects.filter(
            active=True, office__isnull=True
        )
    return render(
        request,
        "metrics/credential_list.html",
        {"form": form, "credentials": credentials.order_by("platform", "id")},
    )

"""Background jobs of monitoring. They take ids and call services; safe to run twice."""

from celery import shared_task

from kimportal.core.outbound import BlockedURL, OutboundError, guarded_request

from .choices import CheckStatus
from .models import EvidenceLink
from .services import evidence_check_record

CHECK_TIMEOUT = 15.0
CHECK_MAX_BYTES = 64 * 1024
# Some sites refuse HEAD; ask again with a small GET before calling a link unreachable.
HEAD_REFUSED = {403, 405, 501}


def evidence_link_status(url: str) -> str:
    """ok, unreachable or blocked, for one URL, through the core's guarded client: a
    URL that resolves to a non-public address is never connected to."""
    try:
        response = guarded_request(
            "HEAD", url, max_bytes=CHECK_MAX_BYTES, timeout=CHECK_TIMEOUT
        )
        if response.status_code in HEAD_REFUSED:
            response = guarded_request(
                "GET", url, max_bytes=CHECK_MAX_BYTES, timeout=CHECK_TIMEOUT
            )
    except BlockedURL:
        return CheckStatus.BLOCKED
    except OutboundError:
        return CheckStatus.UNREACHABLE
    return CheckStatus.OK if response.status_code < 400 else CheckStatus.UNREACHABLE


@shared_task
def evidence_links_check(link_ids: list[int]) -> dict[str, int]:
    """Check evidence links that are still pending; returns counts per result."""
    results: dict[str, int] = {}
    links = EvidenceLink.objects.filter(
        pk__in=link_ids, check_status=CheckStatus.PENDING
    ).values_list("pk", "url")
    for link_id, url in links:
        status = evidence_link_status(url)
        evidence_check_record(link_id=link_id, status=status)
        results[status] = results.get(status, 0) + 1
    return results


# --- effectiveness rollups --------------------------------------------------------------


@shared_task
def rollup_rebuild_month(month: str) -> None:
    """Recompute every rollup row of a month (`2026-11` or `2026-11-01`) from the
    counted reports, clicks and survey answers. Idempotent: run it after a repair or
    to check the rollups."""
    import datetime

    from .services.rollups import rollup_rebuild_month as rebuild

    rebuild(month=datetime.date.fromisoformat(f"{month[:7]}-01"))


@shared_task
def rollups_refresh_clicks(months_back: int = 0) -> int:
    """Bring the clicks of the current month (and `months_back` before it) into the
    rollups; clicks have no validation to hook into. Scheduled every 15 minutes."""
    from kimportal.core.dates import today_in_jakarta

    from .periods_effectiveness import add_months
    from .services.rollups import rollups_refresh_clicks as refresh

    this_month = today_in_jakarta().replace(day=1)
    return sum(
        refresh(month=add_months(this_month, -back)) for back in range(months_back + 1)
    )

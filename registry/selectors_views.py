"""Reads the registry's pages need about one KIM or case that the views already fetched
through the scoping rule (`selectors.kim_get`, `review_case_get`, …). Kept apart from
`selectors.py` so that the page-only reads do not crowd the shared ones; views read
relations only through these, never through a model's managers."""

from django.db.models import QuerySet

from kimportal.regions.models import Region

from .models import (
    ChangeRequest,
    Kim,
    KimChannel,
    KimOfficer,
    Partnership,
    ReviewCase,
    ReviewComment,
    ReviewEvidence,
    Verification,
    VerificationItem,
)


def kim_active_officers(*, kim: Kim) -> QuerySet[KimOfficer]:
    """The KIM's current board, in the order it was entered."""
    return kim.officers.filter(active=True).order_by("id")


def kim_active_channels(*, kim: Kim) -> QuerySet[KimChannel]:
    """The KIM's current online channels."""
    return kim.channels.filter(active=True).order_by("id")


def kim_coverage_codes(*, kim: Kim) -> list[str]:
    return list(kim.coverage_villages.values_list("code", flat=True))


def kim_verifications(*, kim: Kim) -> QuerySet[Verification]:
    """The KIM's verification decisions with their checklists."""
    return kim.verifications.select_related("verified_by").prefetch_related("items")


def kim_last_verification_items(*, kim: Kim) -> list[VerificationItem]:
    """The checklist of the KIM's latest decision (to start the next one from)."""
    last = kim.verifications.order_by("-decided_at", "-id").first()
    return list(last.items.all()) if last else []


def kim_partnerships(*, kim: Kim) -> QuerySet[Partnership]:
    return kim.partnerships.select_related("created_by")


def kim_review_cases(*, kim: Kim) -> QuerySet[ReviewCase]:
    return kim.review_cases.all()


def review_case_evidence(*, case: ReviewCase) -> list[ReviewEvidence]:
    return list(case.evidence.select_related("uploaded_by"))


def review_case_comments(*, case: ReviewCase) -> QuerySet[ReviewComment]:
    return case.comments.select_related("author")


def change_request_current_values(*, change_request: ChangeRequest) -> dict:
    """The KIM's current values of the fields the change request touches."""
    kim = change_request.kim
    changes = change_request.changes if isinstance(change_request.changes, dict) else {}
    current: dict = {}
    for key in changes:
        if key in ("village", "village_code", "village_id"):
            current[key] = kim.village_id
        elif key == "officers":
            current[key] = [
                {"name": o.name, "position": o.position, "phone": o.phone}
                for o in kim_active_officers(kim=kim)
            ]
        else:
            current[key] = getattr(kim, key, None)
    return current


def regions_by_code(codes) -> dict[str, Region]:
    """The regions with these codes, by code, in one query."""
    codes = {c for c in codes if c}
    if not codes:
        return {}
    return {r.code: r for r in Region.objects.filter(code__in=codes)}

"""Emails about registry decisions, in Indonesian, plain text with a simple HTML part.

Services call `queue()` inside their transaction; the email is handed to Celery only after
the commit, so a rolled-back decision never mails anyone. Each sender reads the rows again
by id, so it shows what was committed.
"""

import contextlib
import contextvars
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kimportal.accounts.models import Office, OfficeKind, Role, User
from kimportal.accounts.services import password_setup_url

from .choices import DocumentKind, Requirement, ReviewGround
from .models import ChangeRequest, Kim, ReviewCase, Verification

logger = logging.getLogger(__name__)

_suppressed = contextvars.ContextVar("registry_notifications_suppressed", default=False)


@contextlib.contextmanager
def suppressed():
    """Send nothing inside this block (demo data must not mail its made-up addresses)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def queue(kind: str, **ids) -> None:
    """Send notification `kind` (a key of SENDERS) once the current transaction commits."""
    if kind not in SENDERS:
        raise ValueError(f"Unknown notification: {kind}")
    if _suppressed.get():
        return
    from .tasks import send_notification

    transaction.on_commit(lambda: send_notification.delay(kind, ids), robust=True)


def send(kind: str, ids: dict) -> int:
    """Send notification `kind` now; returns the number of messages sent."""
    with translation.override(settings.LANGUAGE_CODE):
        return SENDERS[kind](**ids)


def kim_recipients(kim: Kim) -> list[str]:
    """The KIM's own email and the emails of its active KIM accounts, without repeats."""
    addresses = [kim.email] + list(
        User.objects.filter(
            kim_memberships__kim=kim,
            kim_memberships__active=True,
            role=Role.KIM,
            is_active=True,
        )
        .exclude(email="")
        .order_by("id")
        .values_list("email", flat=True)
    )
    return _unique(addresses)


def regency_office_recipients(kim: Kim) -> list[str]:
    emails = Office.objects.filter(
        kind=OfficeKind.REGENCY, region_id=kim.regency_code
    ).values_list("email", flat=True)
    return _unique(emails)


def _unique(addresses) -> list[str]:
    seen, result = set(), []
    for address in addresses:
        address = (address or "").strip()
        if address and address.casefold() not in seen:
            seen.add(address.casefold())
            result.append(address)
    return result


def _absolute(url_name: str, *args) -> str:
    try:
        path = reverse(url_name, args=args)
    except NoReverseMatch:
        path = "/"
    return settings.SITE_URL.rstrip("/") + path


def _send(*, template: str, subject: str, to: list[str], context: dict) -> int:
    if not to:
        return 0
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    text = render_to_string(f"registry/email/{template}.txt", context)
    html = render_to_string(f"registry/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=to)
    message.attach_alternative(html, "text/html")
    return message.send()


def _kim_verified(*, verification_id: int) -> int:
    verification = Verification.objects.select_related("kim__village").get(
        pk=verification_id
    )
    kim = verification.kim
    return _send(
        template="kim_verified",
        subject=_("%(name)s terverifikasi — NIK %(nik)s")
        % {"name": kim.name, "nik": verification.nik_issued},
        to=kim_recipients(kim),
        context={
            "kim": kim,
            "verification": verification,
            "portal_url": _absolute("home"),
        },
    )


def _kim_rejected(*, verification_id: int) -> int:
    verification = Verification.objects.select_related("kim").get(pk=verification_id)
    kim = verification.kim
    failed = [
        {"label": Requirement(item.requirement).label, "note": item.note}
        for item in verification.items.filter(passed=False).order_by("id")
    ]
    return _send(
        template="kim_rejected",
        subject=_("Pendaftaran %(name)s perlu diperbaiki") % {"name": kim.name},
        to=kim_recipients(kim),
        context={"kim": kim, "verification": verification, "failed": failed},
    )


def _review_opened(*, case_id: int) -> int:
    case = ReviewCase.objects.select_related("kim__village", "partnership").get(
        pk=case_id
    )
    context = {
        "kim": case.kim,
        "case": case,
        "grounds": ground_labels(case),
        "kim_url": _absolute("registry:kim-detail", case.kim_id),
    }
    sent = _send(
        template="review_opened",
        subject=_("Peninjauan kemitraan %(name)s") % {"name": case.kim.name},
        to=kim_recipients(case.kim),
        context={**context, "for_office": False},
    )
    return sent + _send(
        template="review_opened",
        subject=_("Kasus peninjauan baru: %(name)s") % {"name": case.kim.name},
        to=regency_office_recipients(case.kim),
        context={**context, "for_office": True},
    )


def _review_continued(*, case_id: int) -> int:
    case = ReviewCase.objects.select_related("kim", "partnership").get(pk=case_id)
    return _send(
        template="review_continued",
        subject=_("Peninjauan %(name)s selesai: kemitraan dilanjutkan")
        % {"name": case.kim.name},
        to=kim_recipients(case.kim),
        context={"kim": case.kim, "case": case},
    )


def _review_terminated(*, case_id: int) -> int:
    case = ReviewCase.objects.select_related("kim", "partnership").get(pk=case_id)
    return _send(
        template="review_terminated",
        subject=_("Kemitraan %(name)s diputus") % {"name": case.kim.name},
        to=kim_recipients(case.kim),
        context={
            "kim": case.kim,
            "case": case,
            "grounds": ground_labels(case),
        },
    )


def _change_request_decided(*, change_request_id: int) -> int:
    change = ChangeRequest.objects.select_related("kim", "document").get(
        pk=change_request_id
    )
    requester = User.objects.filter(pk=change.requested_by_id, is_active=True).first()
    to = _unique(kim_recipients(change.kim) + ([requester.email] if requester else []))
    return _send(
        template="change_request_decided",
        subject=_("Permohonan perubahan data %(name)s: %(status)s")
        % {"name": change.kim.name, "status": change.get_status_display().lower()},
        to=to,
        context={
            "kim": change.kim,
            "change": change,
            "summary": change_summary(change),
            "approved": change.status == "approved",
        },
    )


def _kim_user_invited(*, user_id: int) -> int:
    user = User.objects.get(pk=user_id)
    kim = Kim.objects.get(members__user_id=user_id, members__active=True)
    # Made at sending time, so the link stays valid until the user sets a password.
    link = password_setup_url(user)
    return _send(
        template="kim_user_invited",
        subject=_("Undangan akun BerMiTRA untuk %(name)s") % {"name": kim.name},
        to=[user.email],
        context={"user": user, "kim": kim, "link": link},
    )


def ground_labels(case: ReviewCase) -> list[str]:
    return [ReviewGround(g).label for g in case.grounds if g in ReviewGround.values]


def change_summary(change: ChangeRequest) -> list[str]:
    """The requested changes as short Indonesian lines, for emails and pages."""
    from kimportal.regions.models import Region

    lines = []
    changes = change.changes or {}
    if "name" in changes:
        lines.append(_("Nama: %(old)s → %(new)s") % changes["name"])
    if "kim_type" in changes:
        lines.append(_("Tipe: %(old)s → %(new)s") % changes["kim_type"])
    if "village" in changes:
        names = dict(
            Region.objects.filter(
                code__in=[changes["village"]["old"], changes["village"]["new"]]
            ).values_list("code", "name")
        )
        lines.append(
            _("Desa/kelurahan: %(old)s → %(new)s")
            % {
                "old": names.get(changes["village"]["old"], changes["village"]["old"]),
                "new": names.get(changes["village"]["new"], changes["village"]["new"]),
            }
        )
    if "officers" in changes:
        board = ", ".join(
            f"{o['name']} ({o['position']})" for o in changes["officers"]["new"]
        )
        lines.append(_("Susunan pengurus: %(board)s") % {"board": board})
    if "document" in changes:
        kind = changes["document"].get("kind", "")
        label = DocumentKind(kind).label if kind in DocumentKind.values else kind
        lines.append(_("Dokumen baru: %(kind)s") % {"kind": label})
    return lines


SENDERS = {
    "kim_verified": _kim_verified,
    "kim_rejected": _kim_rejected,
    "review_opened": _review_opened,
    "review_continued": _review_continued,
    "review_terminated": _review_terminated,
    "change_request_decided": _change_request_decided,
    "kim_user_invited": _kim_user_invited,
}

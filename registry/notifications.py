"""Emails about registry decisions, in Indonesian, plain text with a simple HTML part.

Services call `queue()` inside their transaction: it writes a row of the core outbox
(kimportal.core.outbox) in that transaction, so a rolled-back decision never mails anyone
and a broker that is down loses nothing. Each kind is registered with the core as
`registry.<kind>`; its composer reads the rows again by id, so it shows what was
committed.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kimportal.accounts.models import Office, OfficeKind, Role, User
from kimportal.accounts.services import password_setup_url
from kimportal.core.contributions import register_notification_kind
from kimportal.core.outbox import outbox_enqueue
from kimportal.core.outbox import suppressed as suppressed

from .choices import DocumentKind, Requirement, ReviewGround
from .models import ChangeRequest, Kim, ReviewCase, Verification

logger = logging.getLogger(__name__)


def queue(kind: str, **ids) -> None:
    """Record notification `kind` (a key of SENDERS) in the current transaction's outbox;
    it is sent after the commit."""
    if kind not in SENDERS:
        raise ValueError(f"Unknown notification: {kind}")
    outbox_enqueue(kind=f"registry.{kind}", context=ids)


def send(kind: str, ids: dict) -> list[EmailMultiAlternatives]:
    """Send notification `kind` now, outside the outbox; returns the number sent."""
    with translation.override(settings.LANGUAGE_CODE):
        emails = SENDERS[kind](**ids)
    if not emails:
        return 0
    return get_connection().send_messages(emails) or 0


def register() -> None:
    """Register every kind with the core's notification pipeline."""
    for kind, composer in SENDERS.items():
        register_notification_kind(
            f"registry.{kind}", compose=lambda ids, c=composer: c(**ids)
        )


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


def _send(
    *, template: str, subject: str, to: list[str], context: dict
) -> list[EmailMultiAlternatives]:
    """The email (not sent yet: the outbox sends it), or none without recipients."""
    if not to:
        return []
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    text = render_to_string(f"registry/email/{template}.txt", context)
    html = render_to_string(f"registry/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=to)
    message.attach_alternative(html, "text/html")
    return [message]


def _kim_verified(*, verification_id: int) -> list[EmailMultiAlternatives]:
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


def _kim_rejected(*, verification_id: int) -> list[EmailMultiAlternatives]:
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


def _review_opened(*, case_id: int) -> list[EmailMultiAlternatives]:
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


def _review_continued(*, case_id: int) -> list[EmailMultiAlternatives]:
    case = ReviewCase.objects.select_related("kim", "partnership").get(pk=case_id)
    return _send(
        template="review_continued",
        subject=_("Peninjauan %(name)s selesai: kemitraan dilanjutkan")
        % {"name": case.kim.name},
        to=kim_recipients(case.kim),
        context={"kim": case.kim, "case": case},
    )


def _review_terminated(*, case_id: int) -> list[EmailMultiAlternatives]:
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


def _change_request_decided(*, change_request_id: int) -> list[EmailMultiAlternatives]:
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


def _kim_user_invited(*, user_id: int) -> list[EmailMultiAlternatives]:
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

"""Emails about site-admin applications, sent through the core outbox. Each kind reads
the committed application again by id, so the email shows what was decided."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from kimportal.core.contributions import register_notification_kind

from .models import Role, SiteAdminApplication, User


def _email(*, template: str, context: dict, to: str) -> EmailMessage:
    context = {**context, "site_url": settings.SITE_URL.rstrip("/")}
    subject = render_to_string(f"accounts/email/{template}_subject.txt", context)
    body = render_to_string(f"accounts/email/{template}.txt", context)
    return EmailMessage(" ".join(subject.split()), body, to=[to])


def _submitted(context: dict) -> list[EmailMessage]:
    application = SiteAdminApplication.objects.select_related("region").get(
        pk=context["application_id"]
    )
    base = {"application": application}
    emails = [
        _email(template="application_received", context=base, to=application.email)
    ]
    review_url = settings.SITE_URL.rstrip("/") + application.get_absolute_url()
    ministry = User.objects.filter(role=Role.MINISTRY, is_active=True).exclude(email="")
    for address in ministry.order_by("id").values_list("email", flat=True):
        emails.append(
            _email(
                template="application_new",
                context={**base, "review_url": review_url},
                to=address,
            )
        )
    return emails


def _approved(context: dict) -> list[EmailMessage]:
    from .services import password_setup_url

    application = SiteAdminApplication.objects.select_related("region", "user").get(
        pk=context["application_id"]
    )
    user = application.user
    if user is None:  # approval always records its user (a database check)
        return []
    # The link is made at sending time, so it is valid for its full lifetime.
    return [
        _email(
            template="application_approved",
            context={
                "application": application,
                "user": user,
                "setup_url": password_setup_url(user),
                "valid_days": settings.PASSWORD_RESET_TIMEOUT // 86400,
                "login_url": settings.SITE_URL.rstrip("/") + reverse("login"),
            },
            to=application.email,
        )
    ]


def _rejected(context: dict) -> list[EmailMessage]:
    application = SiteAdminApplication.objects.select_related("region").get(
        pk=context["application_id"]
    )
    return [
        _email(
            template="application_rejected",
            context={
                "application": application,
                "apply_url": settings.SITE_URL.rstrip("/") + reverse("accounts:apply"),
            },
            to=application.email,
        )
    ]


def _officer_invited(context: dict) -> list[EmailMessage]:
    from .services import password_setup_url

    user = User.objects.select_related("office").filter(pk=context["user_id"]).first()
    if user is None or not user.is_active or not user.email:
        return []
    return [
        _email(
            template="officer_invited",
            context={
                "user": user,
                "setup_url": password_setup_url(user),
                "valid_days": settings.PASSWORD_RESET_TIMEOUT // 86400,
                "login_url": settings.SITE_URL.rstrip("/") + reverse("login"),
            },
            to=user.email,
        )
    ]


def _juror_invited(context: dict) -> list[EmailMessage]:
    from .services import password_setup_url

    user = User.objects.filter(pk=context["user_id"]).first()
    if user is None or not user.is_active or not user.email:
        return []
    return [
        _email(
            template="juror_invited",
            context={
                "user": user,
                "setup_url": password_setup_url(user),
                "valid_days": settings.PASSWORD_RESET_TIMEOUT // 86400,
                "login_url": settings.SITE_URL.rstrip("/") + reverse("login"),
            },
            to=user.email,
        )
    ]


KINDS = {
    "accounts.officer_invited": _officer_invited,
    "accounts.juror_invited": _juror_invited,
    "accounts.application_submitted": _submitted,
    "accounts.application_approved": _approved,
    "accounts.application_rejected": _rejected,
}


def register() -> None:
    for key, compose in KINDS.items():
        register_notification_kind(key, compose=compose)

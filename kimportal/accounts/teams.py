"""Office teams and rotation (issue 7): records belong to offices, not people.

A site admin of an office invites colleagues (an officer of the same office and role, so
the same scope), deactivates them and hands the site-admin role over; the ministry may do
all of it for any office. Deactivation ends the person's sessions and API tokens at once
(User.save -> kimportal.accounts.credentials); what they recorded stays with the office,
since every list reads by scope (the office's region), never by who created a row. An
office never loses its last active site admin: name a successor first.
"""

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kimportal.core.access import guard
from kimportal.core.locking import lock_row
from kimportal.core.outbox import outbox_enqueue

from .events import security_event
from .models import Office, User
from .services import set_unknown_password


def active_site_admins(office_id: int):
    return User.objects.filter(office_id=office_id, is_active=True, is_site_admin=True)


def officer_invite(
    *, invited_by: User, office: Office, email: str, full_name: str, position: str = ""
) -> User:
    """A new active officer of `office` with the inviter's role there; they set their
    password from the emailed link and enrol their authenticator at first login."""
    with transaction.atomic(), pghistory.context(user=invited_by.pk):
        office = lock_row(Office, office)
        guard(invited_by, "accounts.manage_team", office)
        email = User.objects.normalize_email((email or "").strip())
        full_name = (full_name or "").strip()
        errors: dict[str, list] = {}
        if not full_name:
            errors["full_name"] = [_("Nama lengkap wajib diisi.")]
        if not email:
            errors["email"] = [_("Email wajib diisi.")]
        elif User.objects.filter(email__iexact=email).exists():
            errors["email"] = [_("Sudah ada akun dengan email ini.")]
        role = _office_role(office)
        if role is None:
            errors["office"] = [_("Kantor ini belum punya petugas untuk dicontoh.")]
        if errors:
            raise ValidationError(errors)
        first, _sep, last = full_name.partition(" ")
        user = User(
            username=_free_username(email),
            email=email,
            first_name=first[:150],
            last_name=last[:150],
            position=(position or "").strip()[:120],
            role=role,
            office=office,
            is_active=True,
        )
        set_unknown_password(user)
        user.save()
        outbox_enqueue(kind="accounts.officer_invited", context={"user_id": user.pk})
    security_event(
        "account_invited",
        user=invited_by,
        target=user.username,
        office=office.pk,
    )
    return user


def officer_deactivate(*, user: User, by: User) -> User:
    """End `user`'s access now (sessions and tokens included); refused for the office's
    last active site admin."""
    with transaction.atomic(), pghistory.context(user=by.pk):
        office = lock_row(Office, user.office_id)  # serialises the last-admin check
        target = lock_row(User, user)
        guard(by, "accounts.manage_team", office)
        guard(by, "accounts.deactivate_officer", target)
        target.is_active = False
        target.save(update_fields=["is_active"])
    security_event(
        "account_deactivated", user=by, target=target.username, office=office.pk
    )
    return target


def site_admin_grant(*, user: User, by: User) -> User:
    """Make an active officer a site admin of their office (the hand-over's first step;
    the former admin can then be deactivated or step down)."""
    return _set_site_admin(user=user, by=by, value=True)


def site_admin_step_down(*, user: User, by: User) -> User:
    return _set_site_admin(user=user, by=by, value=False)


def _set_site_admin(*, user: User, by: User, value: bool) -> User:
    with transaction.atomic(), pghistory.context(user=by.pk):
        office = lock_row(Office, user.office_id)
        target = lock_row(User, user)
        guard(by, "accounts.manage_team", office)
        permission = (
            "accounts.grant_site_admin" if value else "accounts.drop_site_admin"
        )
        guard(by, permission, target)
        target.is_site_admin = value
        target.save(update_fields=["is_site_admin"])
    security_event(
        "site_admin_changed",
        user=by,
        target=target.username,
        office=office.pk,
        site_admin=value,
    )
    return target


def _office_role(office: Office) -> str | None:
    from .models import OfficeKind, Role

    return {
        OfficeKind.MINISTRY: Role.MINISTRY,
        OfficeKind.PROVINCE: Role.PROVINCE,
        OfficeKind.REGENCY: Role.REGENCY,
        OfficeKind.AGENCY: Role.AGENCY,
    }.get(office.kind)


def _free_username(email: str) -> str:
    from .services import _username_base

    base = _username_base(email)
    taken = {
        name.lower()
        for name in User.objects.filter(username__istartswith=base).values_list(
            "username", flat=True
        )
    }
    username, suffix = base, 1
    while username.lower() in taken:
        suffix += 1
        username = f"{base}{suffix}"
    return username


def juror_account_invite(*, invited_by: User, email: str, full_name: str) -> User:
    """A new external juror account (role juror, no office): the scoping rule gives it
    nothing, so it reads only the competition entries assigned to it. The person sets
    their password from the emailed link. Any Dinas officer may invite one; seating it
    on a jury is the competition's own service."""
    from .models import Role

    with transaction.atomic(), pghistory.context(user=invited_by.pk):
        guard(invited_by, "accounts.invite_juror")
        email = User.objects.normalize_email((email or "").strip())
        full_name = (full_name or "").strip()
        errors: dict[str, list] = {}
        if not full_name:
            errors["full_name"] = [_("Nama lengkap wajib diisi.")]
        if not email:
            errors["email"] = [_("Email wajib diisi.")]
        elif User.objects.filter(email__iexact=email).exists():
            errors["email"] = [_("Sudah ada akun dengan email ini.")]
        if errors:
            raise ValidationError(errors)
        first, _sep, last = full_name.partition(" ")
        user = User(
            username=_free_username(email),
            email=email,
            first_name=first[:150],
            last_name=last[:150],
            role=Role.JUROR,
            is_active=True,
        )
        set_unknown_password(user)
        user.save()
        outbox_enqueue(kind="accounts.juror_invited", context={"user_id": user.pk})
    security_event("account_invited", user=invited_by, target=user.username)
    return user

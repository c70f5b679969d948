"""Accounts of a KIM: the kab/kota Dinas invites them (SPEC §1: "KIM accounts are
invited by their regency")."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from kimportal.accounts.models import Role, User
from kimportal.accounts.services import set_unknown_password
from kimportal.core.contributions import kim_id_of

from .. import notifications
from ..membership import member_add
from ..models import Kim
from .access import kim_guard, lock_kim


def kim_invite_user(*, kim: Kim, invited_by, email: str, name: str = "") -> User:
    """Create (or invite again) the KIM account for `email` and mail it a link to set its
    password. Only a verified KIM gets accounts."""
    with transaction.atomic():
        kim = lock_kim(kim)
        kim_guard(invited_by, "registry.invite_kim_user", kim=kim)
        email = (email or "").strip().lower()
        try:
            validate_email(email)
        except ValidationError as exc:
            raise ValidationError(
                {"email": [_("Masukkan alamat email yang valid.")]}
            ) from exc
        name = (name or "").strip()
        user = (
            User.objects.select_for_update()
            .filter(email__iexact=email)
            .order_by("id")
            .first()
        )
        if user is None:
            if User.objects.filter(username__iexact=email).exists():
                raise ValidationError(
                    {
                        "email": [
                            _(
                                "Email ini sudah dipakai sebagai nama pengguna akun lain."
                            )
                        ]
                    }
                )
            user = User(username=email, email=email, role=Role.KIM)
            set_unknown_password(user)
        elif user.role != Role.KIM or kim_id_of(user) != kim.pk:
            raise ValidationError(
                {"email": [_("Email ini sudah dipakai oleh akun lain.")]}
            )
        user.is_active = True
        if name:
            user.first_name, user.last_name = name[:150], ""
        user.save()
        member_add(user=user, kim=kim)
        notifications.queue("kim_user_invited", user_id=user.pk)
    return user

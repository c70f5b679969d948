"""Ending a user's credentials at once: every session and every API token.

Sessions carry a hash of the password and of `User.security_stamp`
(`User.get_session_auth_hash`); a new stamp makes Django drop every session of that user
on its next request. API tokens are django-rest-knox rows (hashed, expiring); they are
deleted. Both happen when the password changes and when the account is deactivated,
whoever does it (form, admin, service, shell): the model's `save` asks `before_user_save`.
"""

import secrets

from knox.models import AuthToken


def new_security_stamp() -> str:
    return secrets.token_hex(16)


def before_user_save(user) -> bool:
    """Called by `User.save`: True when the user's tokens must go after the save (a new
    password, or an active account being deactivated; the latter also gets a new stamp,
    so a later reactivation does not bring old sessions back)."""
    if user.pk is None or user._state.adding:
        return False
    if user._password is not None:  # set_password() ran: the stamp is already new
        return True
    if user.is_active:
        return False
    was_active = (
        type(user).objects.filter(pk=user.pk, is_active=True).values("pk").exists()
    )
    if was_active:
        user.security_stamp = new_security_stamp()
        return True
    return False


def tokens_delete_all(user) -> int:
    deleted, _by_model = AuthToken.objects.filter(user=user).delete()
    return deleted

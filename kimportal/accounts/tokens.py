"""API tokens (issue 7, finding 4): django-rest-knox keeps only a hash of each token,
with an expiry (REST_KNOX TOKEN_TTL, API_TOKEN_DAYS). Issued by the API's token endpoint
after the password and, for accounts with a second factor, a current code."""

from django.db import transaction
from django.utils import timezone
from knox.models import AuthToken

from .events import security_event


def token_issue(*, user, request=None) -> tuple[AuthToken, str]:
    """A new token for `user`; the clear value is returned once and never stored."""
    with transaction.atomic():
        instance, token = AuthToken.objects.create(user=user)
    security_event("token_issued", request=request, user=user, token=instance.token_key)
    return instance, token


def token_list(*, user):
    """The account's unexpired tokens, newest first."""
    return AuthToken.objects.filter(user=user, expiry__gt=timezone.now()).order_by(
        "-created"
    )


def token_revoke(*, user, key: str, request=None) -> bool:
    """Revoke one of `user`'s own tokens by its public prefix (token_key)."""
    deleted, _by_model = AuthToken.objects.filter(user=user, token_key=key).delete()
    if deleted:
        security_event("token_revoked", request=request, user=user, token=key)
    return bool(deleted)


def token_revoke_instance(*, token: AuthToken, request=None) -> None:
    key, user = token.token_key, token.user
    token.delete()
    security_event("token_revoked", request=request, user=user, token=key)

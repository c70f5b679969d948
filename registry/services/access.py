"""How a registry service checks its caller: lock the row, then ask the rules.

`kim_guard` is the registry's form of `kimportal.core.access.guard`: it refuses a user
outside the KIM's region first (PermissionDenied; views already answered 404), then asks
the named permission of `registry/rules.py` — the same name the view checks — which
refuses the wrong role (PermissionDenied) or the wrong state (TransitionError).
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from kimportal.core.access import guard
from kimportal.core.contributions import kim_id_of
from kimportal.core.errors import TransitionError
from kimportal.core.locking import lock_row
from kimportal.core.scoping import code_in_scope

from ..models import Kim
from ..rules import kim_is_under_review


def lock_kim(kim: Kim | int) -> Kim:
    """The KIM row, locked until the transaction ends, read fresh after any wait."""
    return lock_row(Kim, kim)


def kim_guard(user, permission: str, *, kim: Kim | None, obj=None) -> None:
    """Refuse `user` unless `permission` is theirs on `obj` (default: the KIM itself),
    which must lie in their region. Call it after locking the rows it depends on."""
    if user is None or not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Anda harus masuk untuk melakukan ini."))
    if (
        kim is not None
        and kim_id_of(user) != kim.pk
        and not code_in_scope(user, kim.village_id)
    ):
        raise PermissionDenied(_("KIM ini di luar wilayah kerja Anda."))
    guard(user, permission, kim if obj is None else obj)


def refuse_while_under_review(kim: Kim, message: str) -> None:
    """An open review case blocks other transitions of its KIM until it is decided."""
    if kim_is_under_review(None, kim):
        raise TransitionError(message)

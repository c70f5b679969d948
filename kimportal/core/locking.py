"""Row locks for services: decide on a row only after locking it and reading it fresh."""

from typing import TypeVar

from django.db.models import Model

M = TypeVar("M", bound=Model)


def lock_row(model: type[M], obj: M | int) -> M:
    """The row of `model` with this object's pk (or this pk), locked until the
    transaction ends, read fresh after any wait."""
    pk = obj.pk if isinstance(obj, Model) else obj
    return model._default_manager.select_for_update().get(pk=pk)

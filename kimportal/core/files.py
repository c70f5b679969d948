"""Housekeeping of private uploads.

A file is stored before the transaction that records it commits; if that transaction rolls
back (a later step of a registration failed, say), the file stays on disk with no row
pointing at it. The daily sweep removes such files once they are old enough that no
transaction can still be writing their row.
"""

import datetime
import os
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.utils import timezone

from .uploads import private_storage

MIN_AGE = datetime.timedelta(hours=24)


@dataclass(frozen=True)
class SweepResult:
    kept: int
    removed: list[str]


def private_file_fields() -> list[tuple[type[models.Model], str]]:
    """Every (model, field name) whose files live in private storage."""
    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
        and getattr(field, "_storage_callable", None) is private_storage
    ]


def referenced_private_files() -> set[str]:
    names: set[str] = set()
    for model, field in private_file_fields():
        names.update(
            model._base_manager.exclude(**{field: ""})
            .values_list(field, flat=True)
            .iterator(chunk_size=5000)
        )
    return names


def private_files_sweep(*, now: datetime.datetime | None = None) -> SweepResult:
    """Delete private files that no row refers to and that are older than MIN_AGE."""
    storage = private_storage()
    root = storage.location
    cutoff = (now or timezone.now()) - MIN_AGE
    referenced = referenced_private_files()
    kept, removed = 0, []
    for directory, _subdirs, files in os.walk(root):
        for file_name in files:
            path = os.path.join(directory, file_name)
            name = os.path.relpath(path, root).replace(os.sep, "/")
            modified = datetime.datetime.fromtimestamp(
                os.path.getmtime(path), tz=datetime.UTC
            )
            if name in referenced or modified > cutoff:
                kept += 1
                continue
            storage.delete(name)
            removed.append(name)
    return SweepResult(kept=kept, removed=removed)

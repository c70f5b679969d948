"""The kinds of import apps contribute (the core names no domain app).

An app registers a kind in its `AppConfig.ready()`:

    register_import_kind(ImportKind(key="kim", label=..., columns=[...],
        may_import=..., check=..., commit=..., record_url=...))

`check(rows, *, user, state)` receives every data row (a dict header -> text, with `row` its
Excel row number) in batches (`state` is one dict kept across the batches of
a run) and returns a `CheckResult`; `commit(plan, *, user)`
writes the plan (the `CheckResult.plan`) inside the import's one transaction and
returns the ids it created. Collaboration's capacity needs plug in the same way.

The dry run keeps the rows it read (privately) and the commit checks those again, so
the file is read once. A kind may note in a row, under a key starting with "_", what
follows from the row's text alone (its parsed values, JSON-serialisable): the note is
kept with the row and the commit's check may use it instead of parsing again. What
depends on the database (regions, existing records, scope) must be checked again at
commit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class TemplateColumn:
    """One column of a kind's template: header, example value, a choice dropdown
    (labels), whether it is required, and whether it holds region codes."""

    header: str
    example: str = ""
    choices: Sequence[str] = ()
    required: bool = False
    region: bool = False
    several: bool = False


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


class CommitError(Exception):
    """A kind's commit found rows it cannot write: the import rolls back."""

    def __init__(self, errors: list[RowError]):
        super().__init__(errors)
        self.errors = errors


def commit_each(plan: Sequence, file_row: Callable[[Any], Any]) -> list[int]:
    """The ids of the records `file_row` saves, one planned row at a time, for a kind
    whose rows go through a service that guards itself. A row the service refuses
    (ValidationError) becomes a RowError at its row number (each plan entry starts
    with it) and, once every row was tried, CommitError rolls the whole import back."""
    from django.core.exceptions import ValidationError

    created, errors = [], []
    for entry in plan:
        try:
            record = file_row(entry)
        except ValidationError as exc:
            errors.append(RowError(entry[0], "", " ".join(exc.messages)))
            continue
        created.append(record.pk)
    if errors:
        raise CommitError(errors)
    return created


@dataclass
class CheckResult:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    plan: list[Any] = field(default_factory=list)

    def add(self, other: CheckResult) -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.errors += other.errors
        self.plan += other.plan


@dataclass(frozen=True)
class ImportKind:
    key: str
    label: Any
    columns: Sequence[TemplateColumn]
    may_import: Callable[[Any], bool]
    check: Callable[..., CheckResult]
    commit: Callable[..., list[int]]
    # The page of one created record, for the import's links (`record_url(pk)`).
    record_url: Callable[[int], str] | None = None
    batch_size: int = 5000


_kinds: dict[str, ImportKind] = {}


def kab_kota_officers(user) -> bool:
    """`may_import` of the kinds a kab/kota officer brings in for its own KIM (reports,
    capacity needs): rows land in that office's region only."""
    return bool(user.is_authenticated and user.is_regency)


def register_import_kind(kind: ImportKind) -> None:
    _kinds[kind.key] = kind


def import_kind(key: str) -> ImportKind:
    try:
        return _kinds[key]
    except KeyError:
        raise LookupError(key) from None


def import_kinds_for(user) -> list[ImportKind]:
    return [k for k in _kinds.values() if k.may_import(user)]


def all_import_kinds() -> list[ImportKind]:
    return list(_kinds.values())

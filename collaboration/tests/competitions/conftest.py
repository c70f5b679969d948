import pytest

from collaboration.models import Assignment
from collaboration.services.competitions import (
    competition_start_judging,
    entries_assign,
    juror_seat,
)
from collaboration.services.entries import (
    entry_check,
)
from collaboration.services.judging import conflict_declare
from registry.tests.factories import UserFactory

from .factories import enter, juror_account, published


@pytest.fixture
def kim_users(kims):
    return {
        key: UserFactory(username=f"kim-{key}", role="kim", kim=kims[key])
        for key in ("a", "b", "c")
    }


@pytest.fixture
def blind(kab, kim_users):
    """A blind competition in judging: entries of KIM a, b, c; juror `juri-satu` has a
    and b (with a conflict declared on b), juror `juri-dua` has c."""
    competition = published(kab, blind_judging=True, scores_visible_after_submit=True)
    entries = {
        key: enter(kim_users[key], competition, title=f"Karya {key}")
        for key in ("a", "b", "c")
    }
    for entry in entries.values():
        entry_check(actor=kab, entry=entry, eligible=True)
    competition_start_judging(actor=kab, competition=competition)
    one, two = juror_account("juri-satu"), juror_account("juri-dua")
    seat_one = juror_seat(actor=kab, competition=competition, user=one)
    seat_two = juror_seat(actor=kab, competition=competition, user=two)
    entries_assign(actor=kab, juror=seat_one, entries=[entries["a"], entries["b"]])
    entries_assign(actor=kab, juror=seat_two, entries=[entries["c"]])
    conflict_declare(
        actor=one,
        assignment=Assignment.objects.get(juror=seat_one, entry=entries["b"]),
        kind="same_area",
    )
    competition.refresh_from_db()
    return {
        "competition": competition,
        "entries": entries,
        "one": one,
        "two": two,
        "assignments": {
            key: Assignment.objects.get(entry=entries[key]) for key in ("a", "b", "c")
        },
    }

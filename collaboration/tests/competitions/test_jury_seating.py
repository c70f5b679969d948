"""Seating a juror by its username (the office's page and the API share one service):
an unknown name is an error on that field; "assign all" gives what the rules allow
now and nothing else."""

import pytest
from django.core.exceptions import ValidationError

from collaboration.models import Assignment
from collaboration.services.competitions import juror_seat_by_username
from collaboration.services.entries import entry_check

from .factories import enter, juror_account, make_competition, published

pytestmark = pytest.mark.django_db


def test_an_unknown_username_is_an_error_on_that_field(kab):
    competition = published(kab)
    with pytest.raises(ValidationError) as caught:
        juror_seat_by_username(actor=kab, competition=competition, username="tak-ada")
    assert "username" in caught.value.message_dict
    assert not competition.jurors.exists()


def test_assign_all_gives_the_eligible_entries_of_the_round(kab, kim_users):
    competition = published(kab)
    eligible, rejected = (enter(kim_users[k], competition) for k in ("a", "b"))
    entry_check(actor=kab, entry=eligible, eligible=True)
    entry_check(actor=kab, entry=rejected, eligible=False, note="Di luar tema")
    juror_account("juri-baru")

    juror = juror_seat_by_username(
        actor=kab, competition=competition, username=" juri-baru ", assign_all=True
    )

    assert juror.user.username == "juri-baru"
    assert set(
        Assignment.objects.filter(juror=juror).values_list("entry_id", flat=True)
    ) == {eligible.pk}


def test_assign_all_in_planning_only_seats(kab):
    """Entries are given while entries come in and during judging (the rules table);
    a jury formed during planning is seated, not refused."""
    competition = make_competition(kab)
    juror_account("juri-lain")

    juror = juror_seat_by_username(
        actor=kab, competition=competition, username="juri-lain", assign_all=True
    )

    assert juror.active and not Assignment.objects.filter(juror=juror).exists()

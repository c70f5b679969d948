"""Builders for competition tests: a competition run by Kab. Malang with one category
(two required criteria and an optional one), KIM entries, and a seated jury."""

import datetime

from kimportal.accounts.models import Role
from registry.tests.factories import UserFactory

from ...choices_competitions import TieBreak
from ...models import Criterion
from ...services.competitions import (
    competition_create,
    competition_publish,
    competition_start_judging,
    entries_assign,
    juror_seat,
)
from ...services.entries import (
    entry_check,
    entry_submit,
)

OPENS = datetime.date(2026, 11, 1)
TODAY = datetime.date(2026, 11, 10)


def plan_data(**overrides) -> dict:
    data = {
        "title": "Lomba Video ILM Kab. Malang",
        "theme": "Desa sehat",
        "mechanism": "Unggah video ke YouTube, kirim tautannya.",
        "rules_text": "Karya asli, durasi paling lama 3 menit.",
        "budget_line": "5.2.2.01 Belanja hadiah",
        "budget_amount": 15000000,
        "registration_opens_on": OPENS,
        "registration_closes_on": datetime.date(2026, 11, 30),
        "announce_on": datetime.date(2026, 12, 15),
        "timeline": [{"date": "2026-11-01", "activity": "Pendaftaran dibuka"}],
        "tie_break": TieBreak.FIRST_CRITERION,
    }
    data.update(overrides)
    return data


CATEGORIES = [
    {
        "kind": "video",
        "name": "Video ILM",
        "criteria": [
            {"name": "Pesan", "weight": 3, "required": True, "comment_required": True},
            {"name": "Teknik", "weight": 1, "required": True},
            {"name": "Kreativitas", "weight": 1, "required": False},
        ],
    }
]


def make_competition(officer, **overrides):
    return competition_create(
        actor=officer, data=plan_data(**overrides), categories=CATEGORIES
    )


def published(officer, **overrides):
    competition = make_competition(officer, **overrides)
    return competition_publish(actor=officer, competition=competition)


def enter(kim_user, competition, title="Karya", **extra):
    data = {
        "category": competition.categories.get().pk,
        "title": title,
        "description": "Uraian karya",
        "link": "https://youtu.be/abc",
        "team": [{"name": "Budi", "role": "Sutradara"}],
        "consent_property": True,
    }
    data.update(extra)
    return entry_submit(actor=kim_user, competition=competition, data=data, today=TODAY)


def juror_account(username):
    return UserFactory(username=username, role=Role.JUROR, office=None)


def judging(officer, entries, jurors):
    """Check every entry eligible, start judging, seat `jurors` and give each all
    entries; returns {username: Juror}."""
    competition = entries[0].competition
    for entry in entries:
        entry_check(actor=officer, entry=entry, eligible=True)
    competition_start_judging(actor=officer, competition=competition)
    seats = {}
    for user in jurors:
        seat = juror_seat(actor=officer, competition=competition, user=user)
        entries_assign(actor=officer, juror=seat, entries=entries)
        seats[user.username] = seat
    return seats


def full_scores(entry, pesan, teknik, kreativitas=None):
    criteria = {c.name: c.pk for c in Criterion.objects.filter(category=entry.category)}
    scores = [
        {"criterion": criteria["Pesan"], "value": pesan, "comment": "Jelas"},
        {"criterion": criteria["Teknik"], "value": teknik},
    ]
    if kreativitas is not None:
        scores.append({"criterion": criteria["Kreativitas"], "value": kreativitas})
    return scores

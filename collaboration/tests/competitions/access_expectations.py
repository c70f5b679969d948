"""Competitions' rows for the role × URL access test (tests/test_access.py).

The world's competition is organised by Kabupaten Malang and is in judging: the
world's KIM (kim-demo's) entered a work with a PDF; an external juror account
(`juri-akses`, role juror) sits on the jury with that entry assigned. A second
competition is open for entries. `kota-malang` gets 404 wherever an object is named.

`JUROR_EXPECTED` is the juror's column: the pages it may reach. Every other URL must
not answer it with 200 (tests/test_access.py checks both)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from kimportal.accounts.models import Role
from kimportal.core.dates import today_in_jakarta
from registry.tests.factories import PDF_BYTES, UserFactory

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

STAFF_POST = "L 405 405 405 405 404 404"
OFFICE_OBJECT = "L 200 200 200 404 404 404"
STAFF_PAGE = "L 200 200 200 200 404 404"
KIM_PAGE = "L 404 404 404 404 404 200"
NOBODY = "L 404 404 404 404 404 404"

EXPECTED = {
    #   anonymous kementerian prov-jatim kab-malang kota-malang kl-demo kim-demo
    "collaboration:competition-list": STAFF_PAGE,
    "collaboration:competition-create": STAFF_PAGE,
    "collaboration:competition-detail": OFFICE_OBJECT,
    "collaboration:competition-update": "L 403 403 200 404 404 404",
    "collaboration:competition-publish": STAFF_POST,
    "collaboration:competition-start-judging": STAFF_POST,
    "collaboration:competition-compute": STAFF_POST,
    "collaboration:competition-publish-results": STAFF_POST,
    "collaboration:competition-cancel": STAFF_POST,
    "collaboration:competition-advance": STAFF_POST,
    "collaboration:competition-entry-check": STAFF_POST,
    "collaboration:competition-juror-seat": STAFF_POST,
    "collaboration:competition-juror-assign": STAFF_POST,
    "collaboration:competition-result-override": STAFF_POST,
    "collaboration:competition-report": OFFICE_OBJECT,
    "collaboration:competition-export": OFFICE_OBJECT,
    # Staff may sit on a jury: their judging page opens (empty without a seat).
    "collaboration:judging-home": STAFF_PAGE,
    "collaboration:judging-export": STAFF_PAGE,
    "collaboration:judging-assignment": NOBODY,
    "collaboration:judging-file": NOBODY,
    "collaboration:judging-score": STAFF_POST,
    "collaboration:judging-conflict": STAFF_POST,
    "collaboration:my-competitions": KIM_PAGE,
    "collaboration:my-competition": KIM_PAGE,
    "collaboration:my-entry-create": KIM_PAGE,
    "collaboration:entry-file": "L 200 200 200 404 404 200",
}
for _name, _row in (
    ("api-competition-list", "401 200 200 200 200 403 200"),
    ("api-competition-detail", "401 200 200 200 404 403 200"),
    ("api-competition-entries", "401 200 200 200 404 403 200"),
    ("api-competition-jurors", "401 200 200 200 404 403 403"),
    ("api-competition-conflicts", "401 200 200 200 404 403 403"),
    ("api-competition-scores", "401 200 200 200 404 403 403"),
    ("api-competition-results", "401 200 200 200 404 403 200"),
    ("api-competition-compute", "401 405 405 405 405 403 405"),
    ("api-competition-publish", "401 405 405 405 405 403 405"),
):
    EXPECTED[_name] = _row
    EXPECTED[f"{_name} (format)"] = _row

# The juror account's outcomes (the rest must not be 200 for it).
JUROR_EXPECTED = {
    "collaboration:judging-home": "200",
    "collaboration:judging-export": "200",
    "collaboration:judging-assignment": "200",
    "collaboration:judging-file": "200",
    "collaboration:judging-score": "405",
    "collaboration:judging-conflict": "405",
    "collaboration:competition-list": "404",
    "collaboration:competition-detail": "404",
    "collaboration:competition-report": "404",
    "collaboration:competition-export": "404",
    "collaboration:entry-file": "404",
    "collaboration:my-competitions": "404",
    "api-competition-list": "200",
    "api-competition-detail": "200",
    "api-competition-entries": "200",
    "api-competition-conflicts": "200",
    "api-competition-scores": "200",
    "api-competition-results": "200",
    "api-competition-jurors": "403",
}
for _name in list(JUROR_EXPECTED):
    if _name.startswith("api-"):
        JUROR_EXPECTED[f"{_name} (format)"] = JUROR_EXPECTED[_name]


def _competition(w):
    return {"pk": w["competition"].pk}


PARAMETERS_BY_NAME = {
    name: _competition
    for name in EXPECTED
    if name.startswith("collaboration:competition-")
    and name
    not in ("collaboration:competition-list", "collaboration:competition-create")
}
PARAMETERS_BY_NAME.update(
    {
        "collaboration:competition-export": lambda w: {
            "pk": w["competition"].pk,
            "fmt": "xlsx",
        },
        "collaboration:competition-entry-check": lambda w: {
            "pk": w["competition"].pk,
            "entry_pk": w["competition_entry"].pk,
        },
        "collaboration:competition-juror-assign": lambda w: {
            "pk": w["competition"].pk,
            "juror_pk": w["competition_juror"].pk,
        },
        "collaboration:competition-result-override": lambda w: {
            "pk": w["competition"].pk,
            "result_pk": 1,
        },
        "collaboration:my-competition": _competition,
        "collaboration:my-entry-create": lambda w: {"pk": w["open_competition"].pk},
        "collaboration:entry-file": lambda w: {"pk": w["competition_entry"].pk},
    }
)
for _name in (
    "collaboration:judging-assignment",
    "collaboration:judging-file",
    "collaboration:judging-score",
    "collaboration:judging-conflict",
):
    PARAMETERS_BY_NAME[_name] = lambda w: {"pk": w["competition_assignment"].pk}
for _name in EXPECTED:
    if _name.startswith("api-competition-") and not _name.startswith(
        "api-competition-list"
    ):
        if _name.endswith("(format)"):
            PARAMETERS_BY_NAME[_name] = lambda w: {
                "pk": w["competition"].pk,
                "format": "json",
            }
        else:
            PARAMETERS_BY_NAME[_name] = _competition


def _plan(title, opens):
    return {
        "title": title,
        "registration_opens_on": opens,
        "registration_closes_on": opens + datetime.timedelta(days=30),
        "announce_on": opens + datetime.timedelta(days=40),
        "tie_break": "first_criterion",
        "blind_judging": True,
    }


CATEGORIES = [
    {"kind": "video", "name": "Video", "criteria": [{"name": "Pesan", "weight": 1}]}
]


def build_competitions_world(world: dict) -> dict:
    officer = world["user"]
    kim_user = world["kim"].members.get(active=True).user
    today = today_in_jakarta()
    competition = competition_create(
        actor=officer, data=_plan("Lomba uji akses", today), categories=CATEGORIES
    )
    competition_publish(actor=officer, competition=competition)
    entry = entry_submit(
        actor=kim_user,
        competition=competition,
        data={"category": competition.categories.get().pk, "title": "Karya uji"},
        uploaded=SimpleUploadedFile("karya.pdf", PDF_BYTES, "application/pdf"),
    )
    entry_check(actor=officer, entry=entry, eligible=True)
    competition_start_judging(actor=officer, competition=competition)
    juror_user = UserFactory(username="juri-akses", role=Role.JUROR, office=None)
    juror = juror_seat(actor=officer, competition=competition, user=juror_user)
    (assignment,) = entries_assign(actor=officer, juror=juror, entries=[entry])
    open_competition = competition_create(
        actor=officer, data=_plan("Lomba uji terbuka", today), categories=CATEGORIES
    )
    competition_publish(actor=officer, competition=open_competition)
    return {
        "competition": competition,
        "competition_entry": entry,
        "competition_juror": juror,
        "competition_assignment": assignment,
        "competition_juror_user": juror_user,
        "open_competition": open_competition,
    }

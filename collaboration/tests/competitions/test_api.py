"""The competitions API: a juror reads and scores only what is assigned to it (404),
never an entry it declared a conflict on (409), and never the KIM under blind judging;
results stay hidden until published; lists cost the same number of queries whatever
their length."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from collaboration.models import Criterion
from collaboration.services.judging import (
    results_compute,
    scores_save,
)

from .factories import enter, full_scores, published

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _url(competition, tail=""):
    return f"/api/v1/competitions/{competition.pk}/{tail}"


def _scores(entry):
    ids = {c.name: c.pk for c in Criterion.objects.filter(category=entry.category)}
    return [
        {"criterion": ids["Pesan"], "value": "80", "comment": "Baik"},
        {"criterion": ids["Teknik"], "value": "70"},
    ]


def test_juror_sees_only_its_entries_without_the_kim(blind, kims):
    competition = blind["competition"]
    answer = api(blind["one"]).get(_url(competition, "entries/"))
    assert answer.status_code == 200
    rows = answer.json()
    assert {r["id"] for r in rows} == {blind["entries"][k].pk for k in ("a", "b")}
    assert all(r["kim"] is None and r["kim_name"] is None for r in rows)
    assert all(r["team"] == [] for r in rows)
    conflicted = next(r for r in rows if r["id"] == blind["entries"]["b"].pk)
    assert conflicted["conflict"] is True


def test_juror_scoring_an_unassigned_entry_is_404_and_a_conflict_409(blind):
    competition, entries = blind["competition"], blind["entries"]
    client = api(blind["one"])
    body = {"entry": entries["c"].pk, "scores": _scores(entries["c"])}
    assert (
        client.post(_url(competition, "scores/"), body, format="json").status_code
        == 404
    )
    body = {"entry": entries["b"].pk, "scores": _scores(entries["b"])}
    answer = client.post(_url(competition, "scores/"), body, format="json")
    assert answer.status_code == 409, answer.content
    body = {"entry": entries["a"].pk, "scores": _scores(entries["a"]), "submit": True}
    answer = client.post(_url(competition, "scores/"), body, format="json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["submitted_at"] is not None
    # A conflict on an unassigned entry is a 404 too.
    answer = client.post(
        _url(competition, "conflicts/"),
        {"entry": entries["c"].pk, "kind": "family"},
        format="json",
    )
    assert answer.status_code == 404


def test_juror_does_not_reach_another_competition(blind, kab, kim_users):
    other = published(kab, title="Lomba lain")
    client = api(blind["one"])
    assert client.get(_url(other)).status_code == 404
    assert client.get(_url(other, "entries/")).status_code == 404
    listed = client.get("/api/v1/competitions/").json()["results"]
    assert [c["id"] for c in listed] == [blind["competition"].pk]
    assert client.get(_url(blind["competition"], "jurors/")).status_code == 403


def test_blind_judging_hides_the_kim_in_every_api_answer_a_juror_reaches(
    blind, kims, kab
):
    competition, entries = blind["competition"], blind["entries"]
    scores_save(
        actor=blind["two"],
        assignment=blind["assignments"]["c"],
        scores=full_scores(entries["c"], 80, 80),
        submit=True,
    )
    names = [kims[k].name for k in ("a", "b", "c")] + ["Budi"]
    for juror in (blind["one"], blind["two"]):
        client = api(juror)
        for tail in ("", "entries/", "conflicts/", "scores/", "results/"):
            answer = client.get(_url(competition, tail))
            assert answer.status_code == 200, tail
            text = json.dumps(answer.json())
            assert not any(name in text for name in names), (juror, tail)
        listing = json.dumps(client.get("/api/v1/competitions/").json())
        assert not any(name in listing for name in names)
    # The office does see them.
    staff = json.dumps(api(kab).get(_url(competition, "entries/")).json())
    assert kims["a"].name in staff


def test_results_stay_hidden_until_published(kab, kim_users):
    competition = published(kab)
    entry = enter(kim_users["a"], competition)
    from .factories import judging, juror_account

    juror = juror_account("juri-hasil")
    seats = judging(kab, [entry], [juror])
    assignment = seats["juri-hasil"].assignments.get()
    scores_save(
        actor=juror,
        assignment=assignment,
        scores=full_scores(entry, 90, 90),
        submit=True,
    )
    results_compute(actor=kab, competition=competition)
    kim = api(kim_users["a"])
    assert kim.get(_url(competition, "results/")).json() == []
    assert len(api(kab).get(_url(competition, "results/")).json()) == 1
    # A KIM cannot publish: 403; the office can.
    assert kim.post(_url(competition, "publish/")).status_code == 403
    assert api(kab).post(_url(competition, "publish/")).status_code == 200
    rows = kim.get(_url(competition, "results/")).json()
    assert [r["status"] for r in rows] == ["published"]
    # Publishing twice is a wrong state: 409.
    assert api(kab).post(_url(competition, "publish/")).status_code == 409


def test_kim_enters_by_api_and_agency_is_refused(kab, kim_users, demo_users):
    competition = published(
        kab,
        registration_closes_on=datetime.date(2099, 12, 1),
        announce_on=datetime.date(2099, 12, 31),
    )
    client = api(kim_users["a"])
    body = {
        "category": competition.categories.get().pk,
        "title": "Karya API",
        "link": "https://youtu.be/x",
        "consent_property": True,
    }
    answer = client.post(_url(competition, "entries/"), body, format="json")
    assert answer.status_code == 201, answer.content
    assert answer.json()["title"] == "Karya API"
    assert api(demo_users["kl-demo"]).get("/api/v1/competitions/").status_code == 403
    assert (
        api(kab).post(_url(competition, "entries/"), body, format="json").status_code
        == 403
    )


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_queries_do_not_grow_with_rows(kab, kim_users):
    competition = published(kab)
    enter(kim_users["a"], competition)
    client = api(kab)
    few = [
        _count(client, "/api/v1/competitions/"),
        _count(client, _url(competition, "entries/")),
    ]
    for key in ("b", "c"):
        enter(kim_users[key], competition)
    published(kab, title="Lomba kedua")
    many = [
        _count(client, "/api/v1/competitions/"),
        _count(client, _url(competition, "entries/")),
    ]
    assert few == many

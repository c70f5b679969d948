"""Competition pages: the juror reaches only its assignments (404 otherwise) and, under
blind judging, no page or export it reaches names the KIM; results stay off the KIM's
page until published; the office runs the flow from its pages; lists cost the same
number of queries whatever their length."""

import io
import zipfile

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collaboration.choices_competitions import CompetitionStatus
from collaboration.models import Competition, Criterion
from collaboration.services.judging import results_compute, scores_save

from .factories import enter, full_scores, judging, juror_account, published

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def _body(response) -> str:
    if response.streaming:
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "".join(archive.read(name).decode() for name in archive.namelist())
    return content.decode()


def test_juror_reaches_only_its_assignments(blind):
    one = client_for(blind["one"])
    own = blind["assignments"]["a"]
    other = blind["assignments"]["c"]
    assert (
        one.get(reverse("collaboration:judging-assignment", args=[own.pk])).status_code
        == 200
    )
    assert (
        one.get(
            reverse("collaboration:judging-assignment", args=[other.pk])
        ).status_code
        == 404
    )
    url = reverse("collaboration:judging-score", args=[other.pk])
    assert one.post(url, {"submit": "1"}).status_code == 404
    url = reverse("collaboration:competition-detail", args=[blind["competition"].pk])
    assert one.get(url).status_code == 404
    entry = blind["entries"]["a"]
    assert (
        one.get(reverse("collaboration:entry-file", args=[entry.pk])).status_code == 404
    )


def test_juror_cannot_score_an_entry_it_declared_a_conflict_on(blind):
    one = client_for(blind["one"])
    conflicted = blind["assignments"]["b"]
    criteria = Criterion.objects.filter(category=conflicted.entry.category)
    data = {f"value-{c.pk}": "90" for c in criteria} | {"submit": "1"}
    data |= {f"comment-{c.pk}": "Bagus" for c in criteria}
    url = reverse("collaboration:judging-score", args=[conflicted.pk])
    page = one.post(url, data, follow=True)
    assert "tidak dapat dinilai" in page.content.decode()
    assert not conflicted.scores.exists()
    conflicted.refresh_from_db()
    assert conflicted.submitted_at is None


def test_blind_judging_hides_the_kim_on_every_juror_page_and_export(blind, kims):
    entries = blind["entries"]
    scores_save(
        actor=blind["two"],
        assignment=blind["assignments"]["c"],
        scores=full_scores(entries["c"], 80, 80),
        submit=True,
    )
    names = [kims[k].name for k in ("a", "b", "c")] + ["Budi"]
    for juror, keys in ((blind["one"], ("a", "b")), (blind["two"], ("c",))):
        client = client_for(juror)
        urls = [
            reverse("collaboration:judging-home"),
            reverse("collaboration:judging-export"),
            reverse("home"),
        ] + [
            reverse(
                "collaboration:judging-assignment", args=[blind["assignments"][k].pk]
            )
            for k in keys
        ]
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            text = _body(response)
            assert not any(name in text for name in names), url
    # The office sees the KIM on its own pages.
    page = client_for(blind["competition"].created_by).get(
        reverse("collaboration:competition-detail", args=[blind["competition"].pk])
    )
    assert kims["a"].name in page.content.decode()


def test_juror_sees_others_scores_only_after_submitting(kab, kim_users):
    competition = published(kab, scores_visible_after_submit=True)
    entry = enter(kim_users["a"], competition)
    one, two = juror_account("juri-p"), juror_account("juri-q")
    seats = judging(kab, [entry], [one, two])
    first = seats["juri-p"].assignments.get()
    second = seats["juri-q"].assignments.get()
    scores_save(
        actor=two, assignment=second, scores=full_scores(entry, 77, 66), submit=True
    )
    url = reverse("collaboration:judging-assignment", args=[first.pk])
    assert "Nilai juri lain" not in client_for(one).get(url).content.decode()
    scores_save(
        actor=one, assignment=first, scores=full_scores(entry, 90, 90), submit=True
    )
    page = client_for(one).get(url).content.decode()
    assert "Nilai juri lain" in page and "77" in page


def test_results_stay_off_the_kim_page_until_published(kab, kim_users):
    competition = published(kab)
    entry = enter(kim_users["a"], competition, title="Karya Juara")
    juror = juror_account("juri-r")
    seats = judging(kab, [entry], [juror])
    scores_save(
        actor=juror,
        assignment=seats["juri-r"].assignments.get(),
        scores=full_scores(entry, 90, 90),
        submit=True,
    )
    results_compute(actor=kab, competition=competition)
    kim = client_for(kim_users["a"])
    url = reverse("collaboration:my-competition", args=[competition.pk])
    assert "Pemenang" not in kim.get(url).content.decode()
    office = client_for(kab)
    response = office.post(
        reverse("collaboration:competition-publish-results", args=[competition.pk])
    )
    assert response.status_code == 302
    competition.refresh_from_db()
    assert competition.status == CompetitionStatus.ANNOUNCED
    page = kim.get(url).content.decode()
    assert "Pemenang" in page and "Karya Juara" in page


def test_office_plans_and_publishes_from_its_pages(kab):
    office = client_for(kab)
    data = {
        "title": "Lomba Blog Desa",
        "registration_opens_on": "2026-12-01",
        "registration_closes_on": "2026-12-20",
        "announce_on": "2026-12-28",
        "tie_break": "median",
        "categories": "[blog] Blog desa\nIsi; 3; wajib; komentar\nGaya; 1; opsional",
    }
    response = office.post(reverse("collaboration:competition-create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    competition = Competition.objects.get(title="Lomba Blog Desa")
    criteria = list(Criterion.objects.filter(category__competition=competition))
    assert [(c.name, c.weight, c.required, c.comment_required) for c in criteria] == [
        ("Isi", 3, True, True),
        ("Gaya", 1, False, False),
    ]
    office.post(reverse("collaboration:competition-publish", args=[competition.pk]))
    competition.refresh_from_db()
    assert competition.status == CompetitionStatus.OPEN


def test_report_page_xlsx_and_pdf(kab, kim_users, kims):
    competition = published(kab)
    enter(kim_users["a"], competition, title="Karya Laporan")
    office = client_for(kab)
    page = office.get(
        reverse("collaboration:competition-report", args=[competition.pk])
    )
    assert "Karya Laporan" in page.content.decode()
    xlsx = office.get(
        reverse("collaboration:competition-export", args=[competition.pk, "xlsx"])
    )
    assert kims["a"].name in _body(xlsx)
    pdf = office.get(
        reverse("collaboration:competition-export", args=[competition.pk, "pdf"])
    )
    assert pdf.content.startswith(b"%PDF")


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_pages_cost_the_same_whatever_their_length(kab, kim_users):
    juror = juror_account("juri-n")
    office, kim = client_for(kab), client_for(kim_users["a"])
    juror_client = client_for(juror)

    def counts(competition):
        return [
            _count(office, reverse("collaboration:competition-list")),
            _count(
                office,
                reverse("collaboration:competition-detail", args=[competition.pk]),
            ),
            _count(kim, reverse("collaboration:my-competitions")),
            _count(juror_client, reverse("collaboration:judging-home")),
        ]

    small = published(kab, title="Lomba kecil")
    judging(kab, [enter(kim_users["a"], small)], [juror])
    few = counts(small)
    large = published(kab, title="Lomba besar")
    entries = [enter(kim_users[k], large, title=f"Karya {k}") for k in "abc"]
    judging(kab, entries, [juror, juror_account("juri-m")])
    published(kab, title="Lomba lain")
    assert counts(large) == few


def test_the_kim_enters_only_while_entries_are_taken(kab, kim_users):
    competition = published(kab)
    kim = kim_users["a"]
    form_url = reverse("collaboration:my-entry-create", args=[competition.pk])
    assert client_for(kim).get(form_url).status_code == 200

    entry = enter(kim, competition)
    judging(kab, [entry], [juror_account("juri-tutup")])

    assert client_for(kim).get(form_url).status_code == 404
    page = client_for(kim).get(
        reverse("collaboration:my-competition", args=[competition.pk])
    )
    assert page.status_code == 200 and form_url not in page.content.decode()

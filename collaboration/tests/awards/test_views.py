"""Award pages, export and API: scope (out of scope → 404), what each role may do,
and query counts that do not grow with the rows."""

import csv
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from collaboration.models import AwardEntry
from collaboration.services.awards import (
    award_grant,
    award_period_publish,
    award_ranking_compute,
)
from kimportal.accounts.models import Role
from registry.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def ranked(dataset, period):
    award_ranking_compute(actor=dataset["officer"], period=period)
    return period


@pytest.fixture
def kim_user(dataset):
    return UserFactory(username="kim-anggrek", role=Role.KIM, kim=dataset["a"])


def _entry(period, name):
    return AwardEntry.objects.get(period=period, kim__name=name)


def test_detail_shows_formula_components_and_is_404_out_of_scope(
    ranked, demo_users, kim_user
):
    url = reverse("collaboration:award-detail", args=[ranked.pk])
    page = _client(demo_users["kab-malang"]).get(url).content.decode()
    assert "Nilai akhir = (30 × skor laporan" in page
    assert "KIM Anggrek" in page and "70,00" in page  # Indonesian decimal comma
    assert "KIM Kota" not in page
    assert _client(demo_users["prov-jatim"]).get(url).status_code == 200
    for user in (demo_users["kota-malang"], demo_users["kab-semarang"], kim_user):
        assert _client(user).get(url).status_code == 404
        export = reverse("collaboration:award-export", args=[ranked.pk, "csv"])
        assert _client(user).get(export).status_code == 404


def test_export_lists_every_component_and_is_recorded(ranked, demo_users):
    from kimportal.security.models import SecurityEvent

    url = reverse("collaboration:award-export", args=[ranked.pk, "csv"])
    response = _client(demo_users["kab-malang"]).get(url)
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:3] == ["Peringkat akhir", "Peringkat hitungan", "KIM"]
    assert [r[2] for r in rows[1:]] == ["KIM Anggrek", "KIM Bougenvil", "KIM Cempaka"]
    assert rows[1][-4:-1] == ["70.00", "", "70.00"]
    assert SecurityEvent.objects.filter(kind="export").exists()


def test_adjust_page_needs_a_reason_and_only_the_office(ranked, demo_users):
    entry = _entry(ranked, "KIM Cempaka")
    url = reverse("collaboration:award-entry", args=[entry.pk])
    kab = _client(demo_users["kab-malang"])
    page = kab.post(url, {"score": "90", "reason": ""})
    assert page.status_code == 200 and "errorlist" in page.content.decode()
    province = _client(demo_users["prov-jatim"])
    assert province.post(url, {"score": "90", "reason": "x" * 20}).status_code == 403
    entry.refresh_from_db()
    assert entry.adjusted_score is None
    kab.post(url, {"score": "90", "reason": "Verifikasi lapangan tatap muka."})
    entry.refresh_from_db()
    assert str(entry.adjusted_score) == "90.00" and str(entry.computed_score) == "40.00"


def test_kim_sees_its_award_and_breakdown_only_once_published(
    ranked, dataset, demo_users, kim_user
):
    officer = dataset["officer"]
    mine = reverse("collaboration:my-awards")
    award_grant(
        actor=officer,
        entry=_entry(ranked, "KIM Anggrek"),
        data={"kind": "plakat", "title": "KIM Terbaik I"},
    )
    award_grant(
        actor=officer,
        entry=_entry(ranked, "KIM Bougenvil"),
        data={"kind": "jejaring", "title": "KIM Terbaik II"},
    )
    kim = _client(kim_user)
    assert "KIM Terbaik I" not in kim.get(mine).content.decode()
    public = reverse("award-public-detail", args=[ranked.pk])
    assert Client().get(public).status_code == 404
    award_period_publish(actor=officer, period=ranked)
    page = kim.get(mine).content.decode()
    assert "KIM Terbaik I" in page and "KIM Terbaik II" not in page
    assert "Unduh piagam" in page
    # The public page: the awards, the rule, no contact data.
    page = Client().get(public).content.decode()
    assert "KIM Terbaik II" in page and "Nilai akhir = (30" in page
    assert dataset["a"].email not in page if dataset["a"].email else True
    # API: the KIM's own award only; another kab/kota sees none.
    api = kim.get("/api/v1/awards/").json()
    assert [a["title"] for a in api["results"]] == ["KIM Terbaik I"]
    other = _client(demo_users["kota-malang"]).get("/api/v1/awards/").json()
    assert other["results"] == []


def test_api_ranking_and_adjust(ranked, demo_users):
    entry = _entry(ranked, "KIM Bougenvil")
    kab = _client(demo_users["kab-malang"])
    ranking = kab.get(f"/api/v1/award-periods/{ranked.pk}/ranking/").json()
    assert [r["kim_name"] for r in ranking["results"]][0] == "KIM Anggrek"
    assert ranking["results"][0]["figures"]["validated_reports"] == 3
    url = f"/api/v1/award-periods/{ranked.pk}/ranking/{entry.pk}/adjust/"
    assert kab.post(url, {"score": "99", "reason": "pendek"}).status_code == 400
    province = _client(demo_users["prov-jatim"])
    assert province.post(url, {"score": "99", "reason": "x" * 20}).status_code == 403
    kota = _client(demo_users["kota-malang"])
    assert kota.post(url, {"score": "99", "reason": "x" * 20}).status_code == 404
    answer = kab.post(
        url, {"score": "99", "reason": "Kegiatan luring terverifikasi."}
    ).json()
    assert (answer["computed_score"], answer["final_score"]) == ("50.00", "99.00")
    assert answer["final_rank"] == 1


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_queries_do_not_grow_with_rows(dataset, period, demo_users):
    from monitoring.services.rollups import rollups_refresh_for_reports
    from monitoring.tests.effectiveness_factories import make_kim, make_report

    officer = dataset["officer"]
    kab = _client(officer)
    award_ranking_compute(actor=officer, period=period)
    urls = [
        reverse("collaboration:award-list"),
        reverse("collaboration:award-detail", args=[period.pk]),
        "/api/v1/award-periods/",
        f"/api/v1/award-periods/{period.pk}/ranking/",
        "/api/v1/awards/",
    ]
    for entry in period.entries.all()[:2]:
        award_grant(actor=officer, entry=entry, data={"kind": "plakat", "title": "A"})
    before = [_queries(kab, url) for url in urls]
    for n in range(4):
        kim = make_kim(name=f"KIM Tambahan {n}")
        rollups_refresh_for_reports(reports=[make_report(kim=kim, user=officer)])
    award_ranking_compute(actor=officer, period=period)
    for entry in period.entries.filter(grants__isnull=True):
        award_grant(actor=officer, entry=entry, data={"kind": "lainnya", "title": "B"})
    assert period.entries.count() == 7
    assert [_queries(kab, url) for url in urls] == before


def test_award_certificate_pdf_and_shared_verification(ranked, dataset, kim_user):
    officer = dataset["officer"]
    award_grant(
        actor=officer,
        entry=_entry(ranked, "KIM Anggrek"),
        data={"kind": "pelatihan", "title": "KIM Inspiratif"},
    )
    award_period_publish(actor=officer, period=ranked)
    from collaboration.models import AwardCertificate

    certificate = AwardCertificate.objects.get()
    pdf = _client(kim_user).get(
        reverse("collaboration:award-certificate-pdf", args=[certificate.pk])
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # The event certificate's page, with the award's own heading and line.
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "PIAGAM PENGHARGAAN" in text and "SERTIFIKAT" not in text
    assert certificate.holder_name in text and certificate.number in text
    page = Client().get(reverse("certificate-verify", args=[certificate.code]))
    text = page.content.decode()
    assert "Sertifikat sah" in text and "Penghargaan" in text
    assert "KIM Inspiratif" in text and "KIM Anggrek" in text
    api = Client().get(f"/api/v1/certificates/{certificate.code}/verify/").json()
    assert api["name"] == "KIM Anggrek" and api["valid"] is True

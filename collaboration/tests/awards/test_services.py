"""The award services on a known monitoring data set (see conftest): exact numbers,
ranks, adjustments and their guards, grants, publication and certificates."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from collaboration.models import AwardAdjustment, AwardCertificate
from collaboration.selectors_awards import award_ranking
from collaboration.selectors_events import certificate_public
from collaboration.services.awards import (
    award_certificate_revoke,
    award_entry_adjust,
    award_grant,
    award_grant_withdraw,
    award_period_publish,
    award_ranking_compute,
)
from kimportal.core.errors import TransitionError

pytestmark = pytest.mark.django_db


def _by_name(period):
    return {e.kim.name: e for e in award_ranking(period=period)}


def test_period_runs_whole_months(period):
    assert period.starts_on == datetime.date(2026, 1, 1)
    assert period.ends_on == datetime.date(2026, 6, 30)
    assert period.region_id == "35.07"


def test_ranking_from_the_known_data_set(dataset, period):
    assert award_ranking_compute(actor=dataset["officer"], period=period) == 3
    rows = _by_name(period)
    assert set(rows) == {"KIM Anggrek", "KIM Bougenvil", "KIM Cempaka"}
    a, b, c = rows["KIM Anggrek"], rows["KIM Bougenvil"], rows["KIM Cempaka"]
    # What each number was made from.
    assert a.figures["validated_reports"] == 3
    assert a.figures["content_items"] == 2
    assert (a.figures["views"], a.figures["likes"], a.figures["comments"]) == (
        200,
        20,
        10,
    )
    assert a.figures["followers"] == 100
    assert a.figures["manual"] == 1
    assert a.figures["report_ids"] == sorted(r.pk for r in dataset["reports"][:3])
    assert len(a.figures["content_snapshot_ids"]) == 2
    assert b.figures["validated_reports"] == 1
    assert c.figures["survey_answers"] == 4 and c.figures["survey_positive"] == 3
    # Components: R best 3, K best 2, E best 0.2 (B: 10/50), S best 0.75 (C).
    assert a.components["engagement"]["value"] == pytest.approx(40 / 300)
    assert a.components["reports"]["score"] == "100.00"
    assert b.components["reports"]["score"] == "33.33"
    assert c.components["reports"]["score"] == "66.67"
    assert b.components["engagement"]["score"] == "100.00"
    assert a.components["engagement"]["score"] == "66.67"
    assert c.components["survey"]["score"] == "100.00"
    assert c.components["engagement"]["measured"] is False
    # A: (30×100 + 20×100 + 30×66.67 + 0) ÷ 100 = 70.00
    # B: (30×33.33 + 20×50 + 30×100 + 0) ÷ 100 = 49.9990 → 50.00
    # C: (30×66.67 + 0 + 0 + 20×100) ÷ 100 = 40.0010 → 40.00
    assert (a.computed_score, b.computed_score, c.computed_score) == (
        Decimal("70.00"),
        Decimal("50.00"),
        Decimal("40.00"),
    )
    assert (a.computed_rank, b.computed_rank, c.computed_rank) == (1, 2, 3)
    assert (a.final_rank, b.final_rank, c.final_rank) == (1, 2, 3)
    period.refresh_from_db()
    assert period.state == "ranked"
    assert period.formula[0].startswith("Nilai akhir = (30 × skor laporan")


def test_adjustment_needs_a_reason_and_keeps_both_values(dataset, period):
    officer = dataset["officer"]
    award_ranking_compute(actor=officer, period=period)
    c = _by_name(period)["KIM Cempaka"]
    with pytest.raises(ValidationError):
        award_entry_adjust(actor=officer, entry=c, score="75", reason="")
    with pytest.raises(ValidationError):
        award_entry_adjust(actor=officer, entry=c, score="175", reason="x" * 20)
    assert not AwardAdjustment.objects.exists()

    reason = "Kegiatan tatap muka terverifikasi lapangan, tidak tercatat metrik."
    award_entry_adjust(actor=officer, entry=c, score="75", reason=reason)
    rows = _by_name(period)
    c = rows["KIM Cempaka"]
    assert c.computed_score == Decimal("40.00") and c.computed_rank == 3
    assert c.adjusted_score == Decimal("75.00") and c.final_score == Decimal("75.00")
    assert c.adjusted_by == officer and c.adjustment_reason == reason
    assert [rows[n].final_rank for n in ("KIM Cempaka", "KIM Anggrek")] == [1, 1 + 1]
    assert rows["KIM Bougenvil"].final_rank == 3
    log = AwardAdjustment.objects.get()
    assert (log.computed_score, log.previous_score, log.adjusted_score) == (
        Decimal("40.00"),
        Decimal("40.00"),
        Decimal("75.00"),
    )
    # Recomputing keeps the jury's total beside the computed one.
    award_ranking_compute(actor=officer, period=period)
    assert _by_name(period)["KIM Cempaka"].final_score == Decimal("75.00")
    # Clearing also needs a reason, and is recorded.
    award_entry_adjust(
        actor=officer, entry=c, score=None, reason="Bukti lapangan tidak memadai."
    )
    c = _by_name(period)["KIM Cempaka"]
    assert c.adjusted_score is None and c.final_score == Decimal("40.00")
    assert AwardAdjustment.objects.count() == 2


def test_only_the_running_office_adjusts(dataset, period, demo_users):
    award_ranking_compute(actor=dataset["officer"], period=period)
    entry = _by_name(period)["KIM Anggrek"]
    for name in ("prov-jatim", "kota-malang", "kementerian"):
        with pytest.raises(PermissionDenied):
            award_entry_adjust(
                actor=demo_users[name], entry=entry, score="1", reason="x" * 20
            )


def test_grants_publication_and_certificates(dataset, period):
    officer = dataset["officer"]
    award_ranking_compute(actor=officer, period=period)
    rows = _by_name(period)
    with pytest.raises(ValidationError):
        award_period_publish(actor=officer, period=period)
    first = award_grant(
        actor=officer,
        entry=rows["KIM Anggrek"],
        data={"kind": "plakat", "title": "Juara 1"},
    )
    dropped = award_grant(
        actor=officer,
        entry=rows["KIM Bougenvil"],
        data={"kind": "pelatihan", "title": "Juara 2"},
    )
    with pytest.raises(ValidationError):
        award_grant(
            actor=officer,
            entry=rows["KIM Anggrek"],
            data={"kind": "plakat", "title": "juara 1"},
        )
    award_grant_withdraw(actor=officer, grant=dropped, reason="Salah pilih KIM")
    assert award_period_publish(actor=officer, period=period) == 1
    certificate = AwardCertificate.objects.get()
    assert certificate.grant == first
    assert certificate.holder_name == "KIM Anggrek"
    assert certificate.number == f"APR/{period.pk}/001/2026"
    # The shared public verification reads award certificates too.
    assert certificate_public(code=certificate.code) == certificate
    with pytest.raises(TransitionError):
        award_grant(
            actor=officer, entry=rows["KIM Cempaka"], data={"kind": "lainnya",
                                                           "title": "X"}
        )  # fmt: skip
    award_certificate_revoke(actor=officer, certificate=certificate, reason="Keliru")
    certificate.refresh_from_db()
    assert not certificate.is_valid

"""Mapping's services: recompute, override, priority, settings, issues."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mapping import services
from mapping.choices import Approach
from mapping.models import Assessment, PublicIssue
from mapping.selectors import public_issue_list
from registry.models import Kim

from .factories import FIGURES_Q3, PERIOD, assess

pytestmark = pytest.mark.django_db


def test_recompute_stores_known_answers_and_provenance(assessed, kims):
    first, second, third, idle, empty = (assessed[k.pk] for k in kims)
    assert first.power_score == Decimal("87.50") and first.power_high
    assert second.power_score == third.power_score == Decimal("50.00")
    assert second.power_high and third.power_high  # a tie at the median is high
    assert empty.power_score is None and not empty.power_high
    assert empty.approach == Approach.MONITOR
    assert first.approach == Approach.PARTNER
    assert first.provenance == {"reports": [101, 102], "snapshots": [901]}
    assert second.provenance["reports"] == [201]
    assert first.inputs["followers"] == 600
    assert first.regency_id == "35.07"
    assert (first.period_start, first.period_end) == (
        datetime.date(2026, 7, 1),
        datetime.date(2026, 9, 30),
    )


def test_recompute_is_idempotent_and_keeps_override_and_priority(
    assessed, kims, demo_users
):
    officer = demo_users["kab-malang"]
    first = assessed[kims[0].pk]
    services.assessment_override(
        assessment=first, actor=officer, reason="Tatap muka", power=10
    )
    services.assessment_plan(
        assessment=first, actor=officer, is_prioritised=True, is_involved=False
    )
    ids = set(Assessment.objects.values_list("pk", flat=True))
    assess(kims, FIGURES_Q3)
    assess(kims, FIGURES_Q3)
    assert set(Assessment.objects.values_list("pk", flat=True)) == ids
    first.refresh_from_db()
    assert first.power_override == Decimal("10.00")
    assert first.power_score == Decimal("87.50")
    assert first.is_prioritised


def test_override_keeps_computed_value_and_records_who_and_why(
    assessed, kims, demo_users
):
    officer = demo_users["kab-malang"]
    idle = assessed[kims[3].pk]
    assert idle.approach == Approach.MONITOR
    result = services.assessment_override(
        assessment=idle,
        actor=officer,
        reason="Radio komunitas menjangkau 3 desa",
        power=90,
        interest=75,
    )
    result.refresh_from_db()
    assert result.power_score == Decimal("0.00")  # computed value kept beside it
    assert result.power_override == Decimal("90.00")
    assert result.effective_high("power") and result.effective_high("interest")
    assert result.approach == Approach.PARTNER
    assert result.overridden_by == officer and result.overridden_at is not None
    assert result.override_reason == "Radio komunitas menjangkau 3 desa"


@pytest.mark.parametrize("reason", ["", "   "])
def test_override_needs_a_reason(assessed, kims, demo_users, reason):
    with pytest.raises(ValidationError) as error:
        services.assessment_override(
            assessment=assessed[kims[0].pk],
            actor=demo_users["kab-malang"],
            reason=reason,
            power=10,
        )
    assert "reason" in error.value.message_dict
    assert Assessment.objects.get(pk=assessed[kims[0].pk].pk).power_override is None


def test_override_rejects_scores_outside_0_100(assessed, kims, demo_users):
    with pytest.raises(ValidationError):
        services.assessment_override(
            assessment=assessed[kims[0].pk],
            actor=demo_users["kab-malang"],
            reason="x",
            power=101,
        )


@pytest.mark.parametrize("username", ["kota-malang", "prov-jatim", "kementerian"])
def test_only_the_own_kab_kota_overrides_and_plans(
    assessed, kims, demo_users, username
):
    actor = demo_users[username]
    with pytest.raises(PermissionDenied):
        services.assessment_override(
            assessment=assessed[kims[0].pk], actor=actor, reason="x", power=1
        )
    with pytest.raises(PermissionDenied):
        services.assessment_plan(
            assessment=assessed[kims[0].pk],
            actor=actor,
            is_prioritised=True,
            is_involved=True,
        )


def test_plan_records_who_when_and_target(assessed, kims, demo_users):
    officer = demo_users["kab-malang"]
    result = services.assessment_plan(
        assessment=assessed[kims[2].pk],
        actor=officer,
        is_prioritised=True,
        is_involved=True,
        target_approach=Approach.PARTNER,
        note="Bina jadi mitra",
    )
    assert result.planned_by == officer and result.planned_at
    assert result.target_approach == Approach.PARTNER
    with pytest.raises(ValidationError):
        services.assessment_plan(
            assessment=result,
            actor=officer,
            is_prioritised=True,
            is_involved=True,
            target_approach="nope",
        )


def test_officer_recomputes_only_own_kab_kota(kims, demo_users):
    with pytest.raises(PermissionDenied):
        services.assessments_recompute(
            regency_code="35.07", period=PERIOD, actor=demo_users["kota-malang"]
        )
    with pytest.raises(PermissionDenied):
        services.assessments_recompute(
            regency_code="35.07", period=PERIOD, actor=demo_users["prov-jatim"]
        )
    count = services.assessments_recompute(
        regency_code="35.07", period=PERIOD, actor=demo_users["kab-malang"]
    )
    assert count == len(kims)


def test_registry_figures_follow_the_latest_assessment(assessed, kims):
    first = Kim.objects.get(pk=kims[0].pk)
    assert (first.power_reach, first.influence_response) == (1000, 100)
    # Recomputing an older period does not overwrite the newer numbers.
    assess(kims, FIGURES_Q3[::-1], period=PERIOD.previous())
    first.refresh_from_db()
    assert first.power_reach == 1000


def test_thresholds_of_the_office_are_used(kims, demo_users):
    services.mapping_setting_update(
        regency_code="35.07",
        actor=demo_users["kab-malang"],
        period_kind="semester",
        interest_threshold=50,
        power_threshold=60,
        influence_threshold=50,
    )
    assess(kims, FIGURES_Q3)
    second = Assessment.objects.get(kim=kims[1], period=PERIOD.key)
    assert second.power_score == Decimal("50.00") and not second.power_high
    assert second.thresholds["power"] == 60.0


def test_settings_only_by_own_office_and_validated(demo_users):
    with pytest.raises(PermissionDenied):
        services.mapping_setting_update(
            regency_code="35.07",
            actor=demo_users["kota-malang"],
            period_kind="year",
            interest_threshold=50,
            power_threshold=50,
            influence_threshold=50,
        )
    with pytest.raises(ValidationError):
        services.mapping_setting_update(
            regency_code="35.07",
            actor=demo_users["kab-malang"],
            period_kind="year",
            interest_threshold=150,
            power_threshold=50,
            influence_threshold=50,
        )


def test_nightly_recompute_assesses_current_period_idempotently(kims, other_kims):
    today = datetime.date(2026, 8, 15)
    assert services.assessments_recompute_current(today=today) == 7
    assert services.assessments_recompute_current(today=today) == 7
    assert Assessment.objects.filter(period="2026-Q3").count() == 7


# --- public issues ------------------------------------------------------------------


def _issue_data(**extra):
    return {
        "title": "Vaksinasi",
        "field": "kesehatan",
        "sources": [
            {"kind": "mass_media", "url": "https://berita.example.id/a"},
            {"kind": "complaint", "note": "Aduan warga"},
        ],
        **extra,
    }


def test_issue_is_owned_by_the_office_and_scoped(kims, demo_users):
    officer = demo_users["kab-malang"]
    issue = services.public_issue_create(
        actor=officer, data=_issue_data(), kim_ids=[kims[0].pk]
    )
    assert issue.owner_region_id == "35.07"
    assert list(issue.kims.all()) == [kims[0]]
    assert issue in public_issue_list(user=demo_users["prov-jatim"])
    assert issue in public_issue_list(user=demo_users["kementerian"])
    assert issue not in public_issue_list(user=demo_users["kota-malang"])
    assert issue not in public_issue_list(user=demo_users["prov-jateng"])
    with pytest.raises(PermissionDenied):
        services.public_issue_update(
            issue=issue, actor=demo_users["prov-jatim"], data={"title": "x"}
        )


def test_issue_rejects_out_of_scope_kim_and_bad_sources(kims, other_kims, demo_users):
    officer = demo_users["kab-malang"]
    with pytest.raises(ValidationError) as error:
        services.public_issue_create(
            actor=officer, data=_issue_data(), kim_ids=[other_kims[0].pk]
        )
    assert "kims" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.public_issue_create(
            actor=officer,
            data=_issue_data(sources=[{"kind": "mass_media", "url": "javascript:x"}]),
        )
    assert "sources" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.public_issue_create(
            actor=officer,
            data=_issue_data(
                emerged_on=datetime.date(2026, 5, 1),
                expected_fade_on=datetime.date(2026, 4, 1),
            ),
        )
    assert not PublicIssue.objects.exists()


def test_ministry_marks_national_and_every_office_sees_it(kims, demo_users):
    issue = services.public_issue_create(
        actor=demo_users["kab-malang"], data=_issue_data()
    )
    with pytest.raises(PermissionDenied):
        services.public_issue_mark_national(issue=issue, actor=demo_users["prov-jatim"])
    services.public_issue_mark_national(issue=issue, actor=demo_users["kementerian"])
    assert issue in public_issue_list(user=demo_users["kota-malang"])
    assert issue not in public_issue_list(user=demo_users["kl-demo"])


def test_issue_links_only_material_the_office_may_see(kims, demo_users):
    from monitoring.tests.effectiveness_factories import make_material

    officer = demo_users["kab-malang"]
    own = make_material(user=officer)
    other = make_material(user=demo_users["kota-malang"], region_code="35.73")
    issue = services.public_issue_create(
        actor=officer, data=_issue_data(), material_ids=[own.pk]
    )
    assert list(issue.materials.all()) == [own]
    with pytest.raises(ValidationError) as error:
        services.public_issue_update(
            issue=issue, actor=officer, data={}, material_ids=[other.pk]
        )
    assert "materials" in error.value.message_dict

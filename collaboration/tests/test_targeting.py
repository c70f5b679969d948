import pytest

from collaboration.choices import Skill, SkillLevel
from collaboration.targeting import target_kims
from mapping.choices import Approach
from registry.tests.factories import UserFactory

from .factories import PREVIOUS, assessed, file_need, malang_kim

pytestmark = pytest.mark.django_db


def names(queryset):
    return [kim.name for kim in queryset]


def test_only_verified_kim_in_the_actors_scope(kab, kims, demo_users):
    assert names(target_kims(actor=kab)) == [
        "KIM Anggrek",
        "KIM Bougenvil",
        "KIM Cempaka",
    ]
    assert names(target_kims(actor=demo_users["kota-malang"])) == ["KIM Kota"]
    assert len(target_kims(actor=demo_users["kementerian"])) == 4


def test_kim_member_and_agency_reach_nothing_outside_their_rights(
    kims, kim_user, demo_users
):
    # A KIM account sees only its own KIM; it is never a targeting actor in the app,
    # but the selector must not widen its scope.
    assert names(target_kims(actor=kim_user)) == ["KIM Anggrek"]
    assert names(target_kims(actor=UserFactory(role="regency", is_active=False))) == []


def test_filter_by_region_prefixes(kab, kims):
    assert names(target_kims(actor=kab, region_codes=["35.07.02"])) == ["KIM Cempaka"]
    assert names(
        target_kims(actor=kab, region_codes=["35.07.02", "35.07.01.2001"])
    ) == ["KIM Anggrek", "KIM Bougenvil", "KIM Cempaka"]
    # A region outside the scope does not widen it.
    assert names(target_kims(actor=kab, region_codes=["35.73"])) == []


def test_filter_by_type_and_field(kab, kims):
    assert names(target_kims(actor=kab, kim_types=["B"])) == ["KIM Bougenvil"]
    assert names(target_kims(actor=kab, fields=["kesehatan", "pendidikan"])) == [
        "KIM Anggrek",
        "KIM Cempaka",
    ]


def test_filter_by_quadrant_uses_the_newest_assessment(kab, kims):
    assessed(kims["a"], Approach.DEVELOP, period=PREVIOUS)
    assessed(kims["a"], Approach.PARTNER)
    assessed(kims["b"], Approach.DEVELOP)
    develop = target_kims(actor=kab, quadrants=[Approach.DEVELOP])
    assert names(develop) == ["KIM Bougenvil"]
    assert develop[0].quadrant == Approach.DEVELOP
    assert names(target_kims(actor=kab, quadrants=[Approach.PARTNER])) == [
        "KIM Anggrek"
    ]


def test_pembinaan_first_then_other_quadrants_then_unassessed(kab, kims):
    assessed(kims["a"], Approach.MONITOR)
    assessed(kims["c"], Approach.DEVELOP)
    zeta = malang_kim("KIM Zeta")
    assessed(zeta, Approach.DEVELOP)
    assert names(target_kims(actor=kab)) == [
        "KIM Cempaka",
        "KIM Zeta",
        "KIM Anggrek",
        "KIM Bougenvil",
    ]


def test_filter_by_needed_skills_of_the_latest_filing(kab, kims):
    file_need(kab, kims["a"], {Skill.VIDEO: SkillLevel.NONE})
    file_need(kab, kims["b"], {Skill.VIDEO: SkillLevel.NONE})
    # KIM B learnt video since: its latest filing rates it advanced.
    file_need(kab, kims["b"], {Skill.VIDEO: SkillLevel.ADVANCED})
    file_need(kab, kims["c"], {Skill.WRITING: SkillLevel.BASIC})
    assert names(target_kims(actor=kab, need_skills=[Skill.VIDEO])) == ["KIM Anggrek"]
    assert names(target_kims(actor=kab, need_skills=[Skill.VIDEO, Skill.WRITING])) == [
        "KIM Anggrek",
        "KIM Cempaka",
    ]


def test_filters_combine(kab, kims):
    assessed(kims["a"], Approach.DEVELOP)
    assessed(kims["c"], Approach.DEVELOP)
    assert names(
        target_kims(
            actor=kab, kim_types=["A"], region_codes=["35.07.01"], quadrants=["develop"]
        )
    ) == ["KIM Anggrek"]


def test_one_query_whatever_the_number_of_kim(kab, kims, django_assert_num_queries):
    for i in range(6):
        kim = malang_kim(f"KIM Tambahan {i}")
        assessed(kim, Approach.DEVELOP)
        file_need(kab, kim, {Skill.VIDEO: SkillLevel.NONE})
    with django_assert_num_queries(1):
        rows = list(
            target_kims(actor=kab, need_skills=[Skill.VIDEO], quadrants=["develop"])
        )
        assert [kim.village.parent.name for kim in rows]
    assert len(rows) == 6

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from collaboration.choices import Skill, SkillLevel
from collaboration.models import CapacityNeed, CapacitySkill
from collaboration.services import capacity_need_file
from kimportal.core.errors import TransitionError

from .factories import file_need, need_data

pytestmark = pytest.mark.django_db


def test_kim_member_files_its_needs_and_skills_are_marked_needed(kims, kim_user):
    need = file_need(kim_user, kims["a"])
    assert need.village_id == kims["a"].village_id
    assert need.is_latest and need.created_by == kim_user
    skills = {s.skill: s for s in need.skills.all()}
    assert skills[Skill.WRITING].is_needed  # basic → a need
    assert not skills[Skill.PHOTOGRAPHY].is_needed  # advanced


def test_each_filing_is_a_new_record_and_only_the_newest_is_latest(kab, kims):
    first = file_need(kab, kims["a"])
    second = file_need(kab, kims["a"], {Skill.VIDEO: SkillLevel.NONE})
    first.refresh_from_db()
    assert not first.is_latest and second.is_latest
    assert CapacityNeed.objects.filter(kim=kims["a"]).count() == 2
    assert CapacitySkill.objects.filter(need=first).count() == 2


def test_staff_of_another_regency_or_another_kim_cannot_file(
    kims, kim_user, demo_users
):
    with pytest.raises(PermissionDenied):
        file_need(demo_users["kota-malang"], kims["a"])
    with pytest.raises(PermissionDenied):
        file_need(kim_user, kims["b"])
    with pytest.raises(PermissionDenied):
        file_need(demo_users["prov-jatim"], kims["a"])


def test_a_draft_kim_cannot_file(kab, kims):
    with pytest.raises(TransitionError):
        file_need(kab, kims["draft"])


def test_invalid_input_is_refused_by_field(kab, kims):
    data = need_data()
    data["skills"] = [{"skill": "juggling", "level": 2}]
    data["production_management"] = "?"
    data["media_readiness"] = {"social": "maybe"}
    with pytest.raises(ValidationError) as error:
        capacity_need_file(actor=kab, kim=kims["a"], data=data)
    assert set(error.value.message_dict) == {
        "skills",
        "production_management",
        "media_readiness",
    }
    assert not CapacityNeed.objects.exists()


def test_a_filing_cannot_be_deleted(kab, kims):
    from django.db import ProgrammingError, connection, transaction

    need = file_need(kab, kims["a"])
    for table, pk in (
        ("collaboration_capacityskill", need.skills.first().pk),
        ("collaboration_capacityneed", need.pk),
    ):
        with pytest.raises(ProgrammingError), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {table} WHERE id = %s", [pk])  # noqa: S608

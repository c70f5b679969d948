"""Builders for collaboration's tests."""

from mapping.models import Assessment
from mapping.periods import period_parse
from registry.tests.factories import KAB_MALANG_VILLAGE, VerifiedKimFactory

from ..choices import ProductionManagement, Readiness, Skill, SkillLevel
from ..services import capacity_need_file

PERIOD = period_parse("2026-Q3")
PREVIOUS = period_parse("2026-Q2")


def need_data(skills: dict | None = None) -> dict:
    """A valid filing; `skills` maps a Skill value to a level (default: writing basic,
    photography advanced)."""
    skills = skills or {Skill.WRITING: SkillLevel.BASIC, Skill.PHOTOGRAPHY: 4}
    return {
        "media_readiness": {"social": Readiness.READY, "print": Readiness.NOT_READY},
        "content_types": ["photo", "video"],
        "published_on": ["social"],
        "production_members": 4,
        "production_management": ProductionManagement.PARTIAL,
        "skills": [
            {"skill": skill, "level": level, "members": 2}
            for skill, level in skills.items()
        ],
    }


def file_need(actor, kim, skills: dict | None = None):
    return capacity_need_file(actor=actor, kim=kim, data=need_data(skills))


def assessed(kim, approach, period=PERIOD):
    """An assessment of `kim` in `period` with `approach` as its quadrant."""
    return Assessment.objects.create(
        kim=kim,
        regency_id=kim.village_id[:5],
        period=period.key,
        period_kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        approach=approach,
    )


def malang_kim(name, **kwargs):
    kwargs.setdefault("village_id", KAB_MALANG_VILLAGE)
    return VerifiedKimFactory(name=name, **kwargs)

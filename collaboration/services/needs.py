"""Capacity needs (Tabel 4.1): a KIM, or its kab/kota on its behalf, files what it
manages, produces and can do; each filing is a new dated record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kimportal.core.access import guard
from kimportal.core.dates import today_in_jakarta
from kimportal.core.locking import lock_row
from registry.choices import ContentType, MediaType

from ..choices import (
    NEEDED_AT_OR_BELOW,
    ProductionManagement,
    Readiness,
    Skill,
    SkillLevel,
)
from ..models import CapacityNeed, CapacitySkill

if TYPE_CHECKING:
    from registry.models import Kim

MAX_MEMBERS = 10_000


def _choices(values, allowed, field, errors) -> list[str]:
    values = list(dict.fromkeys(v for v in (values or []) if v))
    if any(v not in allowed for v in values):
        errors[field] = [_("Pilih salah satu pilihan yang tersedia.")]
    return values


def _count(value, field, errors) -> int:
    try:
        number = int(value or 0)
    except (TypeError, ValueError):
        number = -1
    if not 0 <= number <= MAX_MEMBERS:
        errors[field] = [_("Isi dengan angka 0–%(n)s.") % {"n": MAX_MEMBERS}]
    return max(number, 0)


def _clean(data: dict) -> tuple[dict, list[dict]]:
    """The filing's fields and its skill rows, or ValidationError by field."""
    errors: dict = {}
    media = data.get("media_readiness") or {}
    if not isinstance(media, dict) or any(
        key not in MediaType.values or value not in Readiness.values
        for key, value in media.items()
    ):
        errors["media_readiness"] = [_("Pilih media dan kesiapannya dari daftar.")]
        media = {}
    cleaned = {
        "media_readiness": dict(media),
        "content_types": _choices(
            data.get("content_types"), ContentType.values, "content_types", errors
        ),
        "published_on": _choices(
            data.get("published_on"), MediaType.values, "published_on", errors
        ),
        "content_note": (data.get("content_note") or "").strip()[:2000],
        "production_members": _count(
            data.get("production_members"), "production_members", errors
        ),
        "management_note": (data.get("management_note") or "").strip()[:2000],
        "note": (data.get("note") or "").strip()[:2000],
    }
    if data.get("production_management") in ProductionManagement.values:
        cleaned["production_management"] = data["production_management"]
    else:
        errors["production_management"] = [_("Pilih salah satu pilihan yang tersedia.")]
    skills = []
    seen = set()
    for row in data.get("skills") or []:
        skill = row.get("skill")
        try:
            level = int(row.get("level"))
        except (TypeError, ValueError):
            level = 0
        if skill not in Skill.values or level not in SkillLevel.values or skill in seen:
            errors["skills"] = [_("Setiap keahlian diisi sekali dengan tingkatnya.")]
            continue
        seen.add(skill)
        other_label = (row.get("other_label") or "").strip()[:80]
        if skill == Skill.OTHER and not other_label:
            errors["skills"] = [_("Sebutkan keahlian lainnya.")]
        wants = bool(row.get("wants_training"))
        skills.append(
            {
                "skill": skill,
                "level": level,
                "other_label": other_label if skill == Skill.OTHER else "",
                "members": _count(row.get("members"), "skills", errors),
                "wants_training": wants,
                "is_needed": wants or level <= NEEDED_AT_OR_BELOW,
            }
        )
    if not skills and "skills" not in errors:
        errors["skills"] = [_("Isi tingkat keahlian anggota paling sedikit satu.")]
    if errors:
        raise ValidationError(errors)
    return cleaned, skills


@transaction.atomic
def capacity_need_file(*, actor, kim: Kim, data: dict) -> CapacityNeed:
    """A new dated filing of Tabel 4.1 for `kim` by its member or its kab/kota; it
    becomes the KIM's latest (earlier filings are kept as history)."""
    # The KIM row is the lock: two filings at once cannot both stay the latest.
    kim = lock_row(type(kim), kim)
    guard(actor, "collaboration.file_capacity_need", kim)
    cleaned, skills = _clean(data)
    CapacityNeed.objects.filter(kim=kim, is_latest=True).update(is_latest=False)
    need = CapacityNeed.objects.create(
        kim=kim,
        village_id=kim.village_id,
        filed_on=today_in_jakarta(),
        created_by=actor,
        is_latest=True,
        **cleaned,
    )
    CapacitySkill.objects.bulk_create(CapacitySkill(need=need, **row) for row in skills)
    return need

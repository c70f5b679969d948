"""Demo collaboration data for `seed_demo` (after mapping): capacity needs of the demo
KIM of Kabupaten Malang and one campaign in its trial period, made through the
services. Running it again changes nothing."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction

from registry.demo import KIM_DEMO_USERNAME
from registry.selectors import kim_list

from .choices import (
    CampaignKind,
    ProductionManagement,
    Readiness,
    Skill,
)
from .models import Campaign
from .services import (
    campaign_create,
    campaign_design,
    campaign_feedback_add,
    campaign_launch,
    campaign_open,
    campaign_start_collaboration,
    capacity_need_file,
)

DEMO_CAMPAIGN_TITLE = "Gerakan 3M Plus cegah DBD di desa"

# Skill levels per demo KIM (by position), so that the aggregate shows clear needs.
LEVELS = [
    {Skill.WRITING: 2, Skill.PHOTOGRAPHY: 3, Skill.VIDEO: 1, Skill.GRAPHIC_DESIGN: 1},
    {Skill.WRITING: 3, Skill.PHOTOGRAPHY: 2, Skill.VIDEO: 1, Skill.GRAPHIC_DESIGN: 2},
    {Skill.WRITING: 4, Skill.PHOTOGRAPHY: 4, Skill.VIDEO: 2, Skill.GRAPHIC_DESIGN: 3},
    {Skill.WRITING: 1, Skill.PHOTOGRAPHY: 2, Skill.VIDEO: 2, Skill.GRAPHIC_DESIGN: 1},
]


def _need_data(levels: dict) -> dict:
    return {
        "media_readiness": {
            "social": Readiness.READY,
            "messaging": Readiness.READY,
            "online": Readiness.PARTLY,
            "print": Readiness.NOT_READY,
        },
        "content_types": ["photo", "text", "video"],
        "published_on": ["social", "messaging"],
        "production_members": 3,
        "production_management": ProductionManagement.PARTIAL,
        "skills": [
            {"skill": skill, "level": level, "members": 1, "wants_training": level < 3}
            for skill, level in levels.items()
        ],
    }


def _seed_needs_and_campaign(users: dict) -> str:
    officer = users.get("kab-malang")
    if officer is None:
        return "Kolaborasi: akun kab-malang tidak ada."
    kims = list(
        kim_list(user=officer, filters={"status": "verified"}).order_by("id")[:12]
    )
    if not kims:
        return "Kolaborasi: belum ada KIM terverifikasi di Kab. Malang."
    for position, kim in enumerate(kims):
        capacity_need_file(
            actor=officer,
            kim=kim,
            data=_need_data(LEVELS[position % len(LEVELS)]),
        )
    campaign = campaign_create(
        actor=officer,
        data={
            "title": DEMO_CAMPAIGN_TITLE,
            "message": "Ajak warga menguras, menutup dan mendaur ulang wadah air setiap "
            "pekan selama musim hujan.",
            "kind": CampaignKind.PROACTIVE,
            "target_kim_types": ["A", "B"],
            "trial_months": 2,
            "fixed_months": 6,
        },
    )
    reached = campaign_open(actor=officer, campaign=campaign)
    kim_user = users.get(KIM_DEMO_USERNAME) or (
        get_user_model().objects.filter(username=KIM_DEMO_USERNAME).first()
    )
    if kim_user is not None and kim_user.is_kim:
        try:
            campaign_feedback_add(
                actor=kim_user,
                campaign=campaign,
                data={"body": "Kami usul materi disebar lewat grup WhatsApp RT."},
            )
        except PermissionDenied:  # the demo KIM may not be among the targets
            pass
    campaign_start_collaboration(actor=officer, campaign=campaign)
    campaign_design(
        actor=officer,
        campaign=campaign,
        data={
            "angle": "Cerita kader jumantik desa: 10 menit tiap Jumat.",
            "material_format": "infographic",
        },
    )
    campaign_launch(
        actor=officer,
        campaign=campaign,
        data={"url": "https://ayosehat.kemkes.go.id/", "theme": "Kesehatan"},
    )
    return (
        f"Kolaborasi: kebutuhan kapasitas {len(kims)} KIM, satu kampanye uji coba "
        f"dengan {reached} KIM."
    )


@transaction.atomic
def seed_demo_collaboration(*, users: dict, password: str = "") -> str:
    if Campaign.objects.filter(title=DEMO_CAMPAIGN_TITLE).exists():
        return "Kolaborasi: data demo sudah ada."
    return _seed_needs_and_campaign(users)

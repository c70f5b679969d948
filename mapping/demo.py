"""Demo mapping data for `seed_demo`: three periods of assessments for the demo KIM of
every kab/kota (with visible movement), two public issues and one override, all made
through the services. Running it again changes nothing."""

from __future__ import annotations

import datetime

from django.db import transaction

from kimportal.core.dates import today_in_jakarta
from registry.selectors import verified_kim_ids_by_regency

from . import services
from .computation import KimFigures
from .models import Assessment, PublicIssue
from .periods import PeriodKind, period_containing

DEMO_ISSUE_TITLE = "Penegakan protokol kesehatan di pasar dan pusat perbelanjaan"


def _figures(kim_id: int, step: int) -> KimFigures:
    """Deterministic numbers per KIM that change from period to period, so that some
    KIM move between quadrants."""
    seed = (kim_id * 37) % 11
    trend = step if seed % 2 else 2 - step
    return KimFigures(
        validated_reports=2 + seed + trend,
        reports_on_office_material=max(seed - 3 + 2 * trend, 0),
        content_items=3 + seed,
        followers=150 * (seed + 1) + 80 * trend,
        views=400 * ((seed * 3) % 7 + 1),
        likes=20 * ((seed + trend * 3) % 9 + 1),
        comments=3 * (seed % 4 + trend),
        shares=2 * ((seed + 1) % 5),
        survey_answers=10 if seed % 3 == 0 else 0,
        survey_positive_share=0.5 + 0.1 * (seed % 5),
    )


@transaction.atomic
def seed_demo_mapping(*, users: dict, password: str = "") -> str:
    if PublicIssue.objects.filter(title=DEMO_ISSUE_TITLE).exists():
        return "Pemetaan: data demo sudah ada."
    officer = users.get("kab-malang")
    ministry = users.get("kementerian")
    today = today_in_jakarta()
    current = period_containing(today, PeriodKind.QUARTER)
    periods = [current.previous().previous(), current.previous(), current]
    assessed = 0
    kims_by_regency = verified_kim_ids_by_regency()
    for regency_code, kim_ids in sorted(kims_by_regency.items()):
        for step, period in enumerate(periods):
            assessed += services.assessments_recompute(
                regency_code=regency_code,
                period=period,
                figures={kim_id: _figures(kim_id, step) for kim_id in kim_ids},
            )
    malang = kims_by_regency.get("35.07", [])
    if officer is not None and malang:
        latest = Assessment.objects.filter(kim_id__in=malang, period=current.key)
        for assessment in latest.order_by("kim_id")[:3]:
            services.assessment_plan(
                assessment=assessment,
                actor=officer,
                is_prioritised=True,
                is_involved=True,
                target_approach="partner",
                note="Sasaran kemitraan tahun ini.",
            )
        first = latest.order_by("kim_id").first()
        services.assessment_override(
            assessment=first,
            actor=officer,
            reason="Pertemuan tatap muka rutin 200 warga tidak terukur di media sosial.",
            power=80,
        )
    if officer is not None:
        services.public_issue_create(
            actor=officer,
            data={
                "title": DEMO_ISSUE_TITLE,
                "field": "kesehatan",
                "background": "Keluhan warga tentang kerumunan di pasar tradisional.",
                "involved": "Dinas Kesehatan, pengelola pasar, paguyuban pedagang.",
                "scope": "Pasar tradisional dan pusat perbelanjaan di Kabupaten Malang.",
                "administration": "Koordinasi mingguan dengan Dinas Kesehatan.",
                "emerged_on": today - datetime.timedelta(days=60),
                "expected_fade_on": today + datetime.timedelta(days=30),
                "understanding_level": "medium",
                "is_priority": True,
                "sources": [
                    {"kind": "mass_media", "url": "https://berita.example.id/pasar"},
                    {"kind": "social_media", "note": "Percakapan di grup warga"},
                    {"kind": "complaint", "note": "12 aduan melalui kanal SP4N-LAPOR!"},
                ],
            },
            kim_ids=malang[:2],
        )
    if ministry is not None:
        national = services.public_issue_create(
            actor=ministry,
            data={
                "title": "Literasi digital dan penanganan hoaks menjelang pemilu",
                "field": "kominfo",
                "background": "Meningkatnya sebaran hoaks politik di media sosial.",
                "is_priority": True,
                "is_crisis": True,
                "sources": [
                    {"kind": "poll", "note": "Survei literasi digital nasional"},
                    {"kind": "opinion_leader", "note": "Tokoh agama dan pemuda"},
                ],
            },
        )
        services.public_issue_mark_national(issue=national, actor=ministry)
    return (
        f"Pemetaan: {assessed} penilaian dalam 3 periode, 2 isu publik, 1 penyesuaian."
    )

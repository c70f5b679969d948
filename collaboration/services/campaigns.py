"""Campaigns (§IV.B, §IV.D): plan → participation (KIM invited, feedback on the plan)
→ collaboration (the material designed with the KIM) → action (monitoring's material
published to exactly the campaign's KIM) → closed. A trial period, when set, comes
first; the office then fixes the KIM of the fixed period from the trial's."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from kimportal.core.access import guard
from kimportal.core.contributions import kim_id_of
from kimportal.core.dates import today_in_jakarta
from kimportal.core.errors import TransitionError
from kimportal.core.locking import lock_row
from kimportal.core.scoping import code_in_scope
from kimportal.regions.models import Region
from mapping.choices import Approach
from mapping.selectors import public_issue_get
from monitoring.choices import MaterialFormat
from monitoring.services import material_create, material_publish_to
from registry.choices import GovernmentAffair, KimType

from ..choices import (
    CampaignKind,
    CampaignPhase,
    CampaignState,
    FeedbackStage,
    Skill,
)
from ..models import Campaign, CampaignFeedback, CampaignKim
from ..targeting import target_kims

PLAN_FIELDS = frozenset(
    {
        "title",
        "message",
        "kind",
        "public_issue",
        "target_region_codes",
        "target_kim_types",
        "target_fields",
        "target_quadrants",
        "target_need_skills",
        "trial_months",
        "fixed_months",
    }
)
# Type B KIM are watched in a trial first (guideline §IV.B); two months if unsaid.
DEFAULT_TRIAL_MONTHS = 2


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _choices(data, key, allowed, errors) -> list[str]:
    values = sorted({v for v in data.get(key) or [] if v})
    if set(values) - set(allowed):
        errors[key] = [_("Pilih salah satu pilihan yang tersedia.")]
    return values


def _months(value, key, low, high, errors) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = -1
    if not low <= number <= high:
        errors[key] = [_("Isi %(low)s–%(high)s bulan.") % {"low": low, "high": high}]
    return number


def _clean_plan(actor, data: dict) -> dict:
    unknown = set(data) - PLAN_FIELDS
    if unknown:
        raise TypeError(f"Fields that cannot be set here: {', '.join(sorted(unknown))}")
    errors: dict = {}
    cleaned: dict = {
        "title": (data.get("title") or "").strip()[:200],
        "message": (data.get("message") or "").strip()[:20000],
    }
    for key in ("title", "message"):
        if not cleaned[key]:
            errors[key] = [_("Wajib diisi.")]
    kind = data.get("kind")
    if kind not in CampaignKind.values:
        errors["kind"] = [_("Pilih salah satu pilihan yang tersedia.")]
    cleaned["kind"] = kind
    issue = data.get("public_issue")
    cleaned["public_issue"] = None
    if issue:
        try:
            cleaned["public_issue"] = public_issue_get(
                user=actor, pk=getattr(issue, "pk", issue)
            )
        except Http404:
            errors["public_issue"] = [_("Isu publik tidak ditemukan.")]
    elif kind == CampaignKind.RESPONSIVE:
        errors["public_issue"] = [_("Kampanye responsif menjawab satu isu publik.")]
    codes = sorted({c.strip() for c in data.get("target_region_codes") or [] if c})
    known = set(Region.objects.filter(code__in=codes).values_list("code", flat=True))
    if set(codes) - known:
        errors["target_region_codes"] = [_("Kode wilayah tidak dikenal.")]
    elif any(not code_in_scope(actor, code) for code in codes):
        errors["target_region_codes"] = [_("Wilayah sasaran di luar wilayah Anda.")]
    cleaned["target_region_codes"] = codes
    cleaned["target_kim_types"] = _choices(
        data, "target_kim_types", KimType.values, errors
    )
    cleaned["target_fields"] = _choices(
        data, "target_fields", GovernmentAffair.values, errors
    )
    cleaned["target_quadrants"] = _choices(
        data, "target_quadrants", Approach.values, errors
    )
    cleaned["target_need_skills"] = _choices(
        data, "target_need_skills", Skill.values, errors
    )
    trial = data.get("trial_months")
    types = cleaned["target_kim_types"]
    if trial in (None, ""):
        trial = DEFAULT_TRIAL_MONTHS if KimType.B in types else 0
    cleaned["trial_months"] = _months(trial, "trial_months", 0, 12, errors)
    cleaned["fixed_months"] = _months(
        data.get("fixed_months") or 6, "fixed_months", 1, 24, errors
    )
    if types == [KimType.B] and cleaned["trial_months"] == 0:
        errors["trial_months"] = [
            _("KIM tipe B dilibatkan melalui masa uji coba lebih dulu.")
        ]
    if errors:
        raise ValidationError(errors)
    return cleaned


def _targets(campaign: Campaign) -> dict:
    return {
        "region_codes": campaign.target_region_codes,
        "kim_types": campaign.target_kim_types,
        "fields": campaign.target_fields,
        "quadrants": campaign.target_quadrants,
        "need_skills": campaign.target_need_skills,
    }


@transaction.atomic
def campaign_create(*, actor, data: dict) -> Campaign:
    """A campaign in planning, run by the actor's office."""
    guard(actor, "collaboration.create_campaign")
    office = actor.office
    if office is None:
        raise ValidationError(_("Akun Anda tidak terhubung ke kantor Dinas."))
    return Campaign.objects.create(
        office=office,
        region_id=office.region_id,
        created_by=actor,
        **_clean_plan(actor, data),
    )


@transaction.atomic
def campaign_update(*, actor, campaign: Campaign, data: dict) -> Campaign:
    """Change the plan while it is being planned."""
    campaign = lock_row(Campaign, campaign)
    guard(actor, "collaboration.change_campaign", campaign)
    current = {key: getattr(campaign, key) for key in PLAN_FIELDS}
    for key, value in _clean_plan(actor, {**current, **data}).items():
        setattr(campaign, key, value)
    campaign.save()
    return campaign


@transaction.atomic
def campaign_open(*, actor, campaign: Campaign) -> int:
    """Start participation: the KIM `target_kims` picks now are the campaign's KIM
    (of the trial when there is one). Returns their number."""
    campaign = lock_row(Campaign, campaign)
    guard(actor, "collaboration.open_campaign", campaign)
    kim_ids = list(
        target_kims(actor=actor, **_targets(campaign)).values_list("pk", flat=True)
    )
    if not kim_ids:
        raise ValidationError(_("Tidak ada KIM yang cocok dengan sasaran kampanye."))
    phase = CampaignPhase.TRIAL if campaign.trial_months else CampaignPhase.FIXED
    CampaignKim.objects.bulk_create(
        (
            CampaignKim(campaign=campaign, kim_id=pk, phase=phase, added_by=actor)
            for pk in kim_ids
        ),
        batch_size=2000,
    )
    campaign.phase = phase
    campaign.state = CampaignState.PARTICIPATION
    campaign.save(update_fields=["phase", "state", "updated_at"])
    return len(kim_ids)


@transaction.atomic
def campaign_feedback_add(*, actor, campaign: Campaign, data: dict) -> CampaignFeedback:
    """A KIM involved gives feedback on the plan, or proposes the material's angle and
    format during collaboration."""
    campaign = lock_row(Campaign, campaign)
    guard(actor, "collaboration.give_campaign_feedback", campaign)
    kim_id = kim_id_of(actor)
    assert kim_id is not None  # the guard admits only members of an involved KIM
    body = (data.get("body") or "").strip()[:5000]
    errors = {}
    if not body:
        errors["body"] = [_("Wajib diisi.")]
    material_format = data.get("material_format") or ""
    if material_format and material_format not in MaterialFormat.values:
        errors["material_format"] = [_("Pilih salah satu pilihan yang tersedia.")]
    if errors:
        raise ValidationError(errors)
    collaborating = campaign.state == CampaignState.COLLABORATION
    return CampaignFeedback.objects.create(
        campaign=campaign,
        kim_id=kim_id,
        stage=FeedbackStage.COLLABORATION
        if collaborating
        else FeedbackStage.PARTICIPATION,
        body=body,
        angle=(data.get("angle") or "").strip()[:300] if collaborating else "",
        material_format=material_format if collaborating else "",
        author=actor,
    )


@transaction.atomic
def campaign_start_collaboration(*, actor, campaign: Campaign) -> Campaign:
    campaign = lock_row(Campaign, campaign)
    guard(actor, "collaboration.start_collaboration", campaign)
    campaign.state = CampaignState.COLLABORATION
    campaign.save(update_fields=["state", "updated_at"])
    return campaign


@transaction.atomic
def campaign_design(*, actor, campaign: Campaign, data: dict) -> Campaign:
    """Record the material as designed with the KIM: its angle and format."""
    campaign = lock_row(Campaign, campaign)
    guard(actor, "collaboration.design_campaign", campaign)
    errors = {}
    angle = (data.get("angle") or "").strip()[:5000]
    material_format = data.get("material_format") or ""
    if not angle:
        errors["angle"] = [_("Wajib diisi.")]
    if material_format not in MaterialFormat.values:
        errors["material_format"] = [_("Pilih salah satu pilihan yang tersedia.")]
    if errors:
        raise ValidationError(errors)
    campaign.angle, campaign.material_format = angle, material_format
    campaign.save(update_fields=["angle", "material_format", "updated_at"])
    return campaign


def campaign_kim_ids(campaign: Campaign, phase: str | None = None) -> list[int]:
    return list(
        CampaignKim.objects.filter(
            campaign=campaign, phase=phase or campaign.phase
        ).values_list("kim_id", flat=True)
    )


@transaction.atomic
def campaign_launch(*, actor, campaign: Campaign, data: dict | None = None) -> int:
    """Start the action: monitoring's material, as designed, is created and published
    to exactly the campaign's KIM of the current phase (through monitoring's
    services). `data` may add the material's `url`, `links` and `theme`. Returns the
    number of KIM it reached."""
    campaign = lock_row(Campaign, campaign)
    guard(actor, "collaboration.launch_campaign", campaign)
    if not campaign.angle or not campaign.material_format:
        raise TransitionError(
            _("Rancang sudut pandang dan format bahan bersama KIM lebih dulu.")
        )
    data = data or {}
    today = today_in_jakarta()
    trial_end = add_months(today, campaign.trial_months)
    end = add_months(trial_end, campaign.fixed_months)
    material = material_create(
        created_by=actor,
        data={
            "title": campaign.title,
            "message": f"{campaign.message}\n\n{campaign.angle}",
            "theme": (data.get("theme") or "")[:120],
            "format": campaign.material_format,
            "url": data.get("url") or "",
            "links": data.get("links") or [],
            "period_start": today,
            "period_end": end,
            "target_region_codes": campaign.target_region_codes,
            "target_kim_types": campaign.target_kim_types,
            "target_fields": campaign.target_fields,
        },
    )
    reached = material_publish_to(
        material=material, published_by=actor, kim_ids=campaign_kim_ids(campaign)
    )
    campaign.material = material
    campaign.action_started_on = today
    campaign.trial_ends_on = trial_end if campaign.trial_months else None
    campaign.ends_on = end
    campaign.state = CampaignState.ACTION
    campaign.save(
        update_fields=[
            "material",
            "action_started_on",
            "trial_ends_on",
            "ends_on",
            "state",
            "updated_at",
        ]
    )
    return reached


@transaction.atomic
def campaign_fix_period(
    *, actor, campaign: Campaign, kim_ids: Iterable[int]
) -> Campaign:
    """After the trial, fix the KIM of the fixed period: those of the trial whose
    commitment the office saw. The fixed period runs `fixed_months` from the trial's
    end."""
    campaign = lock_row(Campaign, campaign)
    guard(actor, "collaboration.fix_campaign_period", campaign)
    if campaign.trial_ends_on and today_in_jakarta() < campaign.trial_ends_on:
        raise TransitionError(
            _("Masa uji coba berakhir %(day)s; KIM masa tetap dipilih sesudahnya.")
            % {"day": campaign.trial_ends_on.strftime("%d-%m-%Y")}
        )
    chosen = set(kim_ids)
    trial = set(campaign_kim_ids(campaign, CampaignPhase.TRIAL))
    if not chosen:
        raise ValidationError({"kim_ids": [_("Pilih paling sedikit satu KIM.")]})
    if chosen - trial:
        raise ValidationError(
            {"kim_ids": [_("KIM masa tetap dipilih dari KIM masa uji coba.")]}
        )
    CampaignKim.objects.bulk_create(
        CampaignKim(
            campaign=campaign, kim_id=pk, phase=CampaignPhase.FIXED, added_by=actor
        )
        for pk in sorted(chosen)
    )
    campaign.phase = CampaignPhase.FIXED
    start = campaign.trial_ends_on or today_in_jakarta()
    campaign.ends_on = add_months(start, campaign.fixed_months)
    campaign.save(update_fields=["phase", "ends_on", "updated_at"])
    return campaign


def _finish(actor, campaign, permission, state) -> Campaign:
    campaign = lock_row(Campaign, campaign)
    guard(actor, permission, campaign)
    campaign.state = state
    campaign.save(update_fields=["state", "updated_at"])
    return campaign


@transaction.atomic
def campaign_close(*, actor, campaign: Campaign) -> Campaign:
    return _finish(
        actor, campaign, "collaboration.close_campaign", CampaignState.CLOSED
    )


@transaction.atomic
def campaign_cancel(*, actor, campaign: Campaign) -> Campaign:
    return _finish(
        actor, campaign, "collaboration.cancel_campaign", CampaignState.CANCELLED
    )

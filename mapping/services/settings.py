"""The office's mapping settings: period kind and thresholds."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kimportal.core.access import guard

from ..models import MappingSetting
from ..periods import PeriodKind


def _threshold(value, field: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: _("Ambang harus berupa angka 0–100.")}) from exc
    if not Decimal(0) <= number <= Decimal(100):
        raise ValidationError({field: _("Ambang harus di antara 0 dan 100.")})
    return number


@transaction.atomic
def mapping_setting_update(
    *,
    regency_code: str,
    actor,
    period_kind: str,
    interest_threshold,
    power_threshold,
    influence_threshold,
) -> MappingSetting:
    """Create or change the kab/kota office's settings. Takes effect at the next
    recompute."""
    setting, _created = MappingSetting.objects.get_or_create(regency_id=regency_code)
    setting = MappingSetting.objects.select_for_update().get(pk=setting.pk)
    guard(actor, "mapping.change_settings", setting)
    if period_kind not in PeriodKind.values:
        raise ValidationError({"period_kind": _("Jenis periode tidak dikenal.")})
    setting.period_kind = period_kind
    setting.interest_threshold = _threshold(interest_threshold, "interest_threshold")
    setting.power_threshold = _threshold(power_threshold, "power_threshold")
    setting.influence_threshold = _threshold(influence_threshold, "influence_threshold")
    setting.updated_by = actor
    setting.save()
    return setting

"""The invitation picker on the event page: filters for the shared targeting selector
(`collaboration.targeting.target_kims`, pembinaan quadrant first)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mapping.choices import Approach
from registry.choices import GovernmentAffair, KimType

from ..targeting import target_kims

MAX_CANDIDATES = 200


class TargetForm(forms.Form):
    region = forms.CharField(
        label=_("Kode wilayah (mis. 35.07 atau 35.07.01)"),
        max_length=13,
        required=False,
    )
    kim_type = forms.ChoiceField(
        label=_("Tipe KIM"),
        choices=[("", "—"), *KimType.choices],
        required=False,
    )
    field = forms.ChoiceField(
        label=_("Bidang"),
        choices=[("", "—"), *GovernmentAffair.choices],
        required=False,
    )
    quadrant = forms.ChoiceField(
        label=_("Kuadran"), choices=[("", "—"), *Approach.choices], required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user


def target_candidates(user, event, form: TargetForm) -> list:
    """KIM matching the filters (at most MAX_CANDIDATES), already-invited ones marked."""
    if not form.is_valid():
        return []
    data = form.cleaned_data
    kims = target_kims(
        actor=user,
        region_codes=tuple(c for c in [data["region"].strip()] if c),
        kim_types=tuple(t for t in [data["kim_type"]] if t),
        fields=tuple(f for f in [data["field"]] if f),
        quadrants=tuple(q for q in [data["quadrant"]] if q),
    )
    rows = list(kims[:MAX_CANDIDATES])
    invited = set(
        event.invitations.filter(kim_id__in=[k.pk for k in rows]).values_list(
            "kim_id", flat=True
        )
    )
    for kim in rows:
        kim.already_invited = kim.pk in invited
    return rows

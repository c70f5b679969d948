"""The capacity-needs form (Tabel 4.1), shape only: the service decides what is valid.
Laid out for a phone: one select per medium and per skill, checkboxes for the rest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mapping.choices import Approach
from registry.choices import ContentType, GovernmentAffair, KimType, MediaType

from .choices import ProductionManagement, Readiness, Skill, SkillLevel

NOT_MANAGED = [("", _("— tidak dikelola —"))]
NOT_RATED = [("", _("— tidak diisi —"))]


class CapacityNeedForm(forms.Form):
    content_types = forms.MultipleChoiceField(
        label=_("Jenis konten yang pernah diproduksi"),
        choices=ContentType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    published_on = forms.MultipleChoiceField(
        label=_("Konten dimuat di media"),
        choices=MediaType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    content_note = forms.CharField(
        label=_("Catatan konten (mis. akun atau situs tempat dimuat)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    production_members = forms.IntegerField(
        label=_("Jumlah anggota yang terlibat produksi konten"),
        min_value=0,
        max_value=10000,
        initial=0,
    )
    other_label = forms.CharField(
        label=_("Keahlian lainnya (sebutkan)"), required=False, max_length=80
    )
    production_management = forms.ChoiceField(
        label=_("Pengelolaan produksi konten"),
        choices=ProductionManagement.choices,
        widget=forms.RadioSelect,
    )
    management_note = forms.CharField(
        label=_("Catatan pengelolaan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    note = forms.CharField(
        label=_("Kebutuhan lain"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in MediaType.choices:
            self.fields[f"media_{value}"] = forms.ChoiceField(
                label=label, choices=NOT_MANAGED + Readiness.choices, required=False
            )
        for value, label in Skill.choices:
            self.fields[f"skill_{value}"] = forms.TypedChoiceField(
                label=label,
                choices=NOT_RATED + SkillLevel.choices,
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"training_{value}"] = forms.BooleanField(
                label=_("Butuh pelatihan %(skill)s") % {"skill": label},
                required=False,
            )

    def media_fields(self):
        return [self[f"media_{value}"] for value in MediaType.values]

    def skill_rows(self):
        return [
            (self[f"skill_{value}"], self[f"training_{value}"])
            for value in Skill.values
        ]

    def service_data(self) -> dict:
        """The cleaned form as `capacity_need_file` takes it."""
        data = self.cleaned_data
        skills = []
        for value in Skill.values:
            level = data.get(f"skill_{value}")
            if level is None:
                continue
            skills.append(
                {
                    "skill": value,
                    "level": level,
                    "wants_training": data.get(f"training_{value}", False),
                    "other_label": data.get("other_label", ""),
                }
            )
        return {
            "media_readiness": {
                value: data[f"media_{value}"]
                for value in MediaType.values
                if data.get(f"media_{value}")
            },
            "content_types": data.get("content_types") or [],
            "published_on": data.get("published_on") or [],
            "content_note": data.get("content_note", ""),
            "production_members": data.get("production_members") or 0,
            "production_management": data.get("production_management"),
            "management_note": data.get("management_note", ""),
            "note": data.get("note", ""),
            "skills": skills,
        }


class TargetingForm(forms.Form):
    """The filters of `target_kims`, as a GET form (each empty = all)."""

    region = forms.CharField(
        label=_("Wilayah (kode kecamatan/desa)"), required=False, max_length=13
    )
    kim_type = forms.ChoiceField(
        label=_("Tipe KIM"),
        choices=[("", _("Semua"))] + KimType.choices,
        required=False,
    )
    field = forms.ChoiceField(
        label=_("Bidang"),
        choices=[("", _("Semua"))] + GovernmentAffair.choices,
        required=False,
    )
    quadrant = forms.ChoiceField(
        label=_("Kuadran pemetaan"),
        choices=[("", _("Semua"))] + Approach.choices,
        required=False,
    )
    need_skills = forms.MultipleChoiceField(
        label=_("Membutuhkan keahlian"),
        choices=Skill.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def selection(self) -> dict:
        """Keyword arguments of `target_kims` (empty when the form is invalid)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "region_codes": [data["region"]] if data.get("region") else [],
            "kim_types": [data["kim_type"]] if data.get("kim_type") else [],
            "fields": [data["field"]] if data.get("field") else [],
            "quadrants": [data["quadrant"]] if data.get("quadrant") else [],
            "need_skills": data.get("need_skills") or [],
        }

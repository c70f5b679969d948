"""Campaign forms, shape only: the services decide what is valid."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mapping.choices import Approach
from monitoring.choices import MaterialFormat
from registry.choices import GovernmentAffair, KimType

from .choices import CampaignKind, Skill


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("Judul kampanye"), max_length=200)
    message = forms.CharField(
        label=_("Pesan yang akan disampaikan"), widget=forms.Textarea(attrs={"rows": 4})
    )
    kind = forms.ChoiceField(
        label=_("Sifat"), choices=CampaignKind.choices, widget=forms.RadioSelect
    )
    public_issue = forms.TypedChoiceField(
        label=_("Isu publik yang dijawab (kampanye responsif)"),
        coerce=int,
        empty_value=None,
        required=False,
    )
    target_region_codes = forms.CharField(
        label=_("Sasaran wilayah (kode, pisahkan dengan koma)"),
        required=False,
        max_length=500,
    )
    target_kim_types = forms.MultipleChoiceField(
        label=_("Sasaran tipe KIM"),
        choices=KimType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    target_fields = forms.MultipleChoiceField(
        label=_("Sasaran bidang"), choices=GovernmentAffair.choices, required=False
    )
    target_quadrants = forms.MultipleChoiceField(
        label=_("Sasaran kuadran pemetaan"),
        choices=Approach.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    target_need_skills = forms.MultipleChoiceField(
        label=_("Sasaran kebutuhan keahlian"),
        choices=Skill.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    trial_months = forms.IntegerField(
        label=_("Masa uji coba (bulan; KIM tipe B)"),
        min_value=0,
        max_value=12,
        required=False,
    )
    fixed_months = forms.IntegerField(
        label=_("Masa tetap (bulan)"), min_value=1, max_value=24, initial=6
    )

    def __init__(self, *args, issues=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["public_issue"].choices = [("", "—")] + [
            (issue.pk, issue.title) for issue in issues
        ]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["target_region_codes"] = [
            c.strip() for c in (data.get("target_region_codes") or "").split(",")
        ]
        return data


class DesignForm(forms.Form):
    angle = forms.CharField(
        label=_("Sudut pandang pesan (dirancang bersama KIM)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    material_format = forms.ChoiceField(
        label=_("Format bahan"), choices=MaterialFormat.choices
    )


class LaunchForm(forms.Form):
    url = forms.URLField(
        label=_("Tautan bahan"), required=False, max_length=500, assume_scheme="https"
    )
    theme = forms.CharField(label=_("Tema"), required=False, max_length=120)


class FeedbackForm(forms.Form):
    body = forms.CharField(
        label=_("Masukan Anda"), widget=forms.Textarea(attrs={"rows": 3})
    )
    angle = forms.CharField(
        label=_("Usulan sudut pandang"), required=False, max_length=300
    )
    material_format = forms.ChoiceField(
        label=_("Usulan format"),
        choices=[("", "—")] + MaterialFormat.choices,
        required=False,
    )


class FixPeriodForm(forms.Form):
    kim_ids = forms.TypedMultipleChoiceField(
        label=_("KIM masa tetap"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kim_ids"].choices = [(p.kim_id, p.kim.name) for p in participants]

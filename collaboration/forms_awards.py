"""Forms of the award pages: shape only; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .award_ranking import DEFAULT_WEIGHTS
from .choices_awards import AwardKind
from .forms_events import DateInput


def _weight(name: str, label):
    return forms.IntegerField(
        label=label, min_value=0, max_value=100, initial=DEFAULT_WEIGHTS[name]
    )


class AwardPeriodForm(forms.Form):
    title = forms.CharField(label=_("Nama apresiasi"), max_length=200)
    starts_on = forms.DateField(label=_("Periode mulai (bulan)"), widget=DateInput)
    ends_on = forms.DateField(label=_("Periode selesai (bulan)"), widget=DateInput)
    weight_reports = _weight("reports", _("Bobot laporan tervalidasi"))
    weight_content = _weight("content", _("Bobot konten"))
    weight_engagement = _weight("engagement", _("Bobot keterlibatan"))
    weight_survey = _weight("survey", _("Bobot survei hasil"))
    jury = forms.CharField(
        label=_("Tim penilai"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    notes = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["weights"] = {name: data.pop(f"weight_{name}") for name in DEFAULT_WEIGHTS}
        return data


class AdjustForm(forms.Form):
    score = forms.DecimalField(
        label=_("Nilai akhir penyesuaian (0–100; kosong = kembali ke nilai hitungan)"),
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
    )
    reason = forms.CharField(
        label=_("Alasan penyesuaian"), widget=forms.Textarea(attrs={"rows": 3})
    )


class GrantForm(forms.Form):
    entry = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Jenis apresiasi"), choices=AwardKind.choices)
    title = forms.CharField(label=_("Nama penghargaan"), max_length=150)
    description = forms.CharField(
        label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

"""Forms of monitoring: shape and types only; the services own every rule."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from kimportal.core.dates import today_in_jakarta
from registry.choices import GovernmentAffair, KimType

from .choices import ActionKind, MaterialFormat, Medium, ReportFormat


class ReportForm(forms.Form):
    """The phone form: a pasted link first, the rest guessed from it and changeable."""

    evidence_url = forms.CharField(
        label=_("Tautan bukti (tempel di sini)"),
        required=False,
        max_length=1000,
        widget=forms.URLInput(
            attrs={
                "inputmode": "url",
                "autocomplete": "off",
                "placeholder": "https://",
                "data-guess": "1",
            }
        ),
    )
    evidence_more = forms.CharField(
        label=_("Tautan lain (satu per baris)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    action_kind = forms.ChoiceField(
        label=_("Aksi"), choices=ActionKind.choices, initial=ActionKind.SOCIAL_POST
    )
    medium = forms.ChoiceField(
        label=_("Media"), choices=Medium.choices, initial=Medium.SOCIAL
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=ReportFormat.choices, initial=ReportFormat.TEXT
    )
    activity_date = forms.DateField(
        label=_("Tanggal kegiatan"), widget=forms.DateInput(attrs={"type": "date"})
    )
    activity_count = forms.IntegerField(
        label=_("Jumlah kegiatan"), min_value=1, max_value=10000, initial=1
    )
    material = forms.TypedChoiceField(
        label=_("Bahan informasi (jika ada)"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    activity = forms.CharField(
        label=_("Uraian singkat (opsional)"), required=False, max_length=300
    )
    photo = forms.FileField(
        label=_("Foto/tangkapan layar (JPEG/PNG, maks. 5 MB, opsional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, material_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["material"].choices = [("", _("— tanpa bahan —"))] + [
            (pk, title) for pk, title in material_choices
        ]
        if not self.is_bound:
            self.fields["activity_date"].initial = today_in_jakarta()
            self.fields["idempotency_key"].initial = uuid.uuid4().hex

    def evidence_urls(self) -> list[str]:
        urls = [self.cleaned_data.get("evidence_url") or ""]
        urls += (self.cleaned_data.get("evidence_more") or "").splitlines()
        return [u.strip() for u in urls if u.strip()]

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "material": data.get("material"),
            "action_kind": data["action_kind"],
            "format": data["format"],
            "medium": data["medium"],
            "activity": data.get("activity") or "",
            "activity_count": data["activity_count"],
            "activity_date": data["activity_date"],
        }


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan pengembalian (dibaca KIM)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=200)
    message = forms.CharField(
        label=_("Pesan/narasi (disalin KIM)"), widget=forms.Textarea(attrs={"rows": 6})
    )
    theme = forms.CharField(label=_("Tema"), max_length=120, required=False)
    format = forms.ChoiceField(label=_("Format"), choices=MaterialFormat.choices)
    url = forms.URLField(
        label=_("Tautan utama (tujuan tautan terlacak)"),
        required=False,
        max_length=500,
        assume_scheme="https",
    )
    links = forms.CharField(
        label=_("Tautan lain (satu per baris)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    period_start = forms.DateField(
        label=_("Berlaku mulai"), widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("Berlaku sampai"), widget=forms.DateInput(attrs={"type": "date"})
    )
    target_region_codes = forms.CharField(
        label=_(
            "Sasaran wilayah: kode wilayah, satu per baris (kosong = seluruh "
            "wilayah Anda)"
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    target_kim_types = forms.MultipleChoiceField(
        label=_("Sasaran tipe KIM (kosong = semua)"),
        choices=KimType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_fields = forms.MultipleChoiceField(
        label=_("Sasaran bidang (kosong = semua)"),
        choices=GovernmentAffair.choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    files = forms.FileField(
        label=_("Berkas (PDF/JPEG/PNG, maks. 5 MB)"),
        required=False,
    )

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("files", None)
        data["links"] = _lines(data.get("links"))
        data["target_region_codes"] = _lines(data.get("target_region_codes"))
        return data

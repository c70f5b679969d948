from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kimportal.regions.models import Region, RegionLevel
from kimportal.regions.selectors import region_list

from .models import (
    APPLICANT_OFFICE_KINDS,
    ApplicationStatus,
    OfficeKind,
    nip_validator,
    phone_validator,
)


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ApplicationForm(forms.Form):
    """The online request of a Dinas officer to become site admin (SPEC §1)."""

    office_kind = forms.ChoiceField(
        label=_("Tingkat kantor"),
        choices=APPLICANT_OFFICE_KINDS,
        widget=forms.RadioSelect,
    )
    province = RegionChoiceField(
        label=_("Provinsi"),
        queryset=region_list(level=RegionLevel.PROVINCE),
        empty_label=_("— pilih provinsi —"),
    )
    regency = RegionChoiceField(
        label=_("Kabupaten/Kota"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("— pilih kabupaten/kota —"),
        help_text=_("Isi jika kantor Anda Dinas Kominfo Kabupaten/Kota."),
    )
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    nip = forms.CharField(
        label=_("NIP"),
        max_length=30,
        help_text=_("18 angka, tanpa spasi."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    position = forms.CharField(label=_("Jabatan"), max_length=120)
    email = forms.EmailField(
        label=_("Email resmi kantor"),
        help_text=_(
            "Diutamakan alamat email instansi (…go.id). Tautan aktivasi akun dikirim ke "
            "alamat ini."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Nomor telepon/WhatsApp"),
        max_length=30,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    letter = forms.FileField(
        label=_("Surat permohonan dari kantor (PDF)"),
        help_text=_(
            "Surat resmi bertanda tangan kepala dinas, format PDF, paling besar 5 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The kab/kota list follows the chosen province; htmx refreshes it in the browser,
        # and a re-rendered form (after an error) shows the same choices.
        self.fields["province"].widget.attrs.update(
            {
                "hx-get": reverse("regions:options"),
                "hx-target": "#id_regency",
                "hx-trigger": "change",
            }
        )
        source = self.data if self.is_bound else self.initial
        province_code = source.get("province")
        if province_code:
            self.fields["regency"].queryset = region_list(
                parent=province_code, level=RegionLevel.REGENCY
            )

    def clean_nip(self):
        nip = "".join(self.cleaned_data["nip"].split())
        nip_validator(nip)
        return nip

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("office_kind") == OfficeKind.REGENCY and not cleaned.get(
            "regency"
        ):
            self.add_error("regency", _("Pilih kabupaten/kota kantor Anda."))
        return cleaned

    def service_data(self) -> dict:
        """The cleaned values in the shape `application_submit` takes."""
        data = self.cleaned_data
        region = (
            data["regency"]
            if data["office_kind"] == OfficeKind.REGENCY
            else data["province"]
        )
        fields = ("office_kind", "full_name", "nip", "position", "email", "phone")
        return {"region": region, **{name: data[name] for name in fields}}

    def add_service_errors(self, error: ValidationError) -> None:
        """Show a service's ValidationError on the matching fields."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, messages in error.error_dict.items():
            if field == "region":
                kind = self.cleaned_data.get("office_kind")
                field = "regency" if kind == OfficeKind.REGENCY else "province"
            self.add_error(field if field in self.fields else None, messages)


class ApplicationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Semua"))] + list(ApplicationStatus.choices),
        required=False,
    )


class ApplicationRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan penolakan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Alasan ini dikirim ke pemohon melalui email."),
    )

"""Forms of a KIM's profile: registration (profile, board, channels, documents), one
added document, deactivation, invitation, and the KIM's own profile form."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from kimportal.regions.widgets import RegionPickerField

from ..choices import (
    ContentType,
    DocumentKind,
    FrequencyUnit,
    InactiveReason,
    KimType,
    MediaType,
    Platform,
    SocialGroup,
)
from ..models import KIM_PROFILE_FIELDS, Kim
from ..selectors import kim_previous_record_for
from ..services.profile_data import LEGAL_FIELDS
from .common import (
    DATE_WIDGET,
    DOCUMENT_INPUT,
    GROUPED_AFFAIRS,
    RADIOS,
    _checked_file,
    checkboxes,
    village_choices_within,
)


class KimForm(forms.ModelForm):
    """The KIM profile of the registration form (Tabel 3.1). Never saved as a model form:
    the view hands `profile_data()` to kim_create/kim_update."""

    village = RegionPickerField(label=_("Desa/kelurahan tempat KIM berkedudukan"))
    coverage = forms.MultipleChoiceField(
        label=_("Wilayah jangkauan (desa/kelurahan)"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "Sekurang-kurangnya satu desa/kelurahan. Tahan Ctrl (⌘ di Mac) untuk memilih "
            "lebih dari satu."
        ),
    )
    social_groups = checkboxes(SocialGroup.choices, _("Kelompok sosial-ekonomi"))
    media_types = checkboxes(MediaType.choices, _("Jenis media"))
    fields = checkboxes(GROUPED_AFFAIRS, _("Bidang kegiatan (urusan pemerintahan)"))
    content_types = checkboxes(ContentType.choices, _("Jenis konten"))
    from_old_list = forms.BooleanField(
        label=_("KIM lama dari daftar sebelumnya (langsung diajukan untuk verifikasi)"),
        required=False,
    )
    previous_nik = forms.CharField(
        label=_("NIK lama (jika KIM pindah dari kabupaten/kota lain)"),
        required=False,
        max_length=20,
        help_text=_(
            "Pendaftaran ini ditautkan ke catatan KIM di kabupaten/kota asalnya. KIM "
            "lama harus sudah dinyatakan pindah oleh Dinas kabupaten/kota asalnya."
        ),
        widget=forms.TextInput(attrs={"placeholder": "3507-2024-0001"}),
    )

    class Meta:
        model = Kim
        fields = KIM_PROFILE_FIELDS
        widgets = {
            "kim_type": RADIOS,
            "public_issues": forms.Textarea(attrs={"rows": 3}),
            "whatsapp": forms.TextInput(
                attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "08…"}
            ),
            "phone": forms.TextInput(attrs={"inputmode": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "rt": forms.TextInput(attrs={"inputmode": "numeric"}),
            "rw": forms.TextInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, user, within: str, creating: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        # Service errors about the board or the channels, shown beside their rows.
        self.section_errors: dict[str, list[str]] = {"officers": [], "channels": []}
        # The moved KIM's old record named by "NIK lama", found while cleaning.
        self.previous_record: Kim | None = None
        # A draft may be saved before its type is chosen; submission asks for it.
        self.fields["kim_type"].required = False
        self.fields["kim_type"].choices = KimType.choices
        self.fields["frequency_unit"].choices = [("", "—"), *FrequencyUnit.choices]
        self.fields["village"].user = user
        self.fields["village"].within = within
        self.fields["village"].widget.root_code = within
        self.fields["coverage"].choices = village_choices_within(within)
        if not creating:
            del self.fields["from_old_list"]
            del self.fields["previous_nik"]

    def clean_previous_nik(self):
        nik = "".join(self.cleaned_data.get("previous_nik", "").split())
        if nik:
            self.previous_record = kim_previous_record_for(nik=nik)
            if self.previous_record is None:
                raise ValidationError(
                    _(
                        "NIK lama tidak ditemukan atau KIM tersebut belum dinyatakan "
                        "pindah."
                    ),
                    code="previous_not_found",
                )
        return nik

    def profile_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in KIM_PROFILE_FIELDS}


class ChannelForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    platform = forms.ChoiceField(
        label=_("Platform"), choices=[("", "—"), *Platform.choices], required=False
    )
    address = forms.CharField(label=_("URL/akun"), max_length=300, required=False)
    followers = forms.IntegerField(
        label=_("Jumlah pengikut"), min_value=0, required=False
    )

    def row(self) -> dict | None:
        """The channel for the service; an empty line is no channel. Whether a row is
        complete is the service's rule (its errors show beside the rows)."""
        data = getattr(self, "cleaned_data", {})
        if not (data.get("address") or data.get("platform")):
            return None
        return {
            "id": data.get("id"),
            "platform": data.get("platform") or "",
            "address": data.get("address") or "",
            "followers": data.get("followers") or 0,
        }


class OfficerForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Nama"), max_length=120, required=False)
    position = forms.CharField(label=_("Jabatan"), max_length=80, required=False)
    phone = forms.CharField(
        label=_("Telepon"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )

    def row(self) -> dict | None:
        """The officer for the service; an empty line is no officer. Whether a row is
        complete is the service's rule (its errors show beside the rows)."""
        data = getattr(self, "cleaned_data", {})
        if not any(data.get(k) for k in ("name", "position", "phone")):
            return None
        return {
            "id": data.get("id"),
            "name": data.get("name") or "",
            "position": data.get("position") or "",
            "phone": data.get("phone") or "",
        }


ChannelFormSet = formset_factory(ChannelForm, extra=2)
OfficerFormSet = formset_factory(OfficerForm, extra=3)


def formset_rows(formset) -> list[dict]:
    return [row for form in formset.forms if (row := form.row())]


class KimDocumentsForm(forms.Form):
    """The three documents of a registration (SPEC §3.1), each optional in a draft."""

    sk_file = forms.FileField(
        label=_("Berkas SK Kepala Desa/Lurah"), required=False, widget=DOCUMENT_INPUT
    )
    sk_number = forms.CharField(label=_("Nomor SK"), max_length=100, required=False)
    sk_issued_on = forms.DateField(
        label=_("Tanggal SK"), required=False, widget=DATE_WIDGET
    )
    sk_expires_on = forms.DateField(
        label=_("SK berlaku sampai"), required=False, widget=DATE_WIDGET
    )
    officers_list_file = forms.FileField(
        label=_("Berkas susunan pengurus (diketahui Kepala Desa/Lurah)"),
        required=False,
        widget=DOCUMENT_INPUT,
    )
    declaration_file = forms.FileField(
        label=_("Surat pernyataan bertanda tangan pengurus"),
        required=False,
        widget=DOCUMENT_INPUT,
        help_text=_(
            "Menyatakan pengurus bukan ASN, tidak terlibat kasus pidana, dan tidak "
            "berafiliasi dengan partai politik atau LSM."
        ),
    )

    def clean_sk_file(self):
        return _checked_file(self.cleaned_data.get("sk_file"))

    def clean_officers_list_file(self):
        return _checked_file(self.cleaned_data.get("officers_list_file"))

    def clean_declaration_file(self):
        return _checked_file(self.cleaned_data.get("declaration_file"))

    def documents(self) -> list[dict]:
        """The uploaded documents as keyword arguments for kim_document_add."""
        data = self.cleaned_data
        documents = []
        if data.get("sk_file"):
            documents.append(
                {
                    "kind": DocumentKind.VILLAGE_HEAD_SK,
                    "uploaded_file": data["sk_file"],
                    "number": data.get("sk_number") or "",
                    "issued_on": data.get("sk_issued_on"),
                    "expires_on": data.get("sk_expires_on"),
                }
            )
        if data.get("officers_list_file"):
            documents.append(
                {
                    "kind": DocumentKind.OFFICERS_LIST,
                    "uploaded_file": data["officers_list_file"],
                }
            )
        if data.get("declaration_file"):
            documents.append(
                {
                    "kind": DocumentKind.DECLARATION,
                    "uploaded_file": data["declaration_file"],
                }
            )
        return documents


# The registration form's fields for each document kind (kim_register keys a document's
# errors `documents.<kind>.<argument>`).
DOCUMENT_FILE_FIELDS = {
    DocumentKind.VILLAGE_HEAD_SK.value: "sk_file",
    DocumentKind.OFFICERS_LIST.value: "officers_list_file",
    DocumentKind.DECLARATION.value: "declaration_file",
}
SK_ARGUMENT_FIELDS = {
    "number": "sk_number",
    "issued_on": "sk_issued_on",
    "expires_on": "sk_expires_on",
}
# kim_create/kim_update arguments named differently on KimForm.
KIM_FORM_ERROR_FIELDS = {
    "village_code": "village",
    "coverage_villages": "coverage",
    "coverage_codes": "coverage",
    "previous_record": "previous_nik",
}


def document_error_fields() -> dict[str, str]:
    """kim_register's document error keys → the registration form's fields."""
    fields = {}
    for kind, file_field in DOCUMENT_FILE_FIELDS.items():
        fields[f"documents.{kind}"] = file_field
        for argument in ("kind", "file", "uploaded_file"):
            fields[f"documents.{kind}.{argument}"] = file_field
        for argument, field in SK_ARGUMENT_FIELDS.items():
            sk = kind == DocumentKind.VILLAGE_HEAD_SK
            fields[f"documents.{kind}.{argument}"] = field if sk else file_field
    return fields


class KimDocumentForm(forms.Form):
    """One document added to an existing KIM (a renewed SK, a new officers list)."""

    kind = forms.ChoiceField(label=_("Jenis dokumen"), choices=DocumentKind.choices)
    uploaded_file = forms.FileField(
        label=_("Berkas (PDF, JPEG atau PNG, maks. 5 MB)"), widget=DOCUMENT_INPUT
    )
    number = forms.CharField(label=_("Nomor"), max_length=100, required=False)
    issued_on = forms.DateField(label=_("Tanggal"), required=False, widget=DATE_WIDGET)
    expires_on = forms.DateField(
        label=_("Berlaku sampai"), required=False, widget=DATE_WIDGET
    )

    def clean_uploaded_file(self):
        return _checked_file(self.cleaned_data.get("uploaded_file"))


class KimDeactivateForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Alasan"), choices=InactiveReason.choices, widget=RADIOS
    )


class KimInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Email ketua/narahubung KIM"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    name = forms.CharField(label=_("Nama"), max_length=150, required=False)


# The KIM's own form shows the profile (KIM_PROFILE_FIELDS) in these groups; the legal
# ones (services.profile_data.LEGAL_FIELDS, and the desa) first, since changing them asks
# the Dinas.
SELF_FORM_GROUPS = {
    "legal": (*LEGAL_FIELDS, "village"),
    "contact": ("chair_name", "whatsapp", "phone", "email"),
    "address": ("street", "house_number", "rt", "rw"),
    "activity": (
        "social_groups",
        "media_types",
        "fields",
        "frequency_count",
        "frequency_unit",
        "content_types",
        "public_issues",
    ),
}


class KimSelfForm(forms.ModelForm):
    """The profile as a KIM keeps it. Never saved as a model form: the view hands its
    values to kim_self_update."""

    village = RegionPickerField(label=_("Desa/kelurahan kedudukan"))
    social_groups = checkboxes(SocialGroup.choices, _("Kelompok sasaran"))
    media_types = checkboxes(MediaType.choices, _("Jenis media"))
    fields = checkboxes(GROUPED_AFFAIRS, _("Bidang kegiatan"))
    content_types = checkboxes(ContentType.choices, _("Jenis konten"))

    class Meta:
        model = Kim
        fields = KIM_PROFILE_FIELDS
        widgets = {
            "kim_type": forms.RadioSelect,
            "public_issues": forms.Textarea(attrs={"rows": 3}),
            "whatsapp": forms.TextInput(
                attrs={"inputmode": "tel", "autocomplete": "tel"}
            ),
            "phone": forms.TextInput(attrs={"inputmode": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "rt": forms.TextInput(attrs={"inputmode": "numeric"}),
            "rw": forms.TextInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, kim: Kim, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kim_type"].choices = KimType.choices
        self.fields["frequency_unit"].choices = [("", "—"), *FrequencyUnit.choices]
        # A KIM stays in its kab/kota: moving away means registering again there.
        self.fields["village"].within = kim.regency_code
        self.fields["village"].widget.root_code = kim.regency_code

    def _group(self, name: str):
        return [self[field] for field in SELF_FORM_GROUPS[name]]

    def legal_fields(self):
        return self._group("legal")

    def contact_fields(self):
        return self._group("contact")

    def address_fields(self):
        return self._group("address")

    def activity_fields(self):
        return self._group("activity")

    def profile_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in KIM_PROFILE_FIELDS}

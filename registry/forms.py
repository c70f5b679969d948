"""Forms of the registry's staff pages. They check the shape of the input (types, required
fields, file formats, the desa in the officer's region) and hand clean values to a service;
the rules of the registry itself live in the services."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from kimportal.core.uploads import DOCUMENT_FORMATS, PDF_ONLY, validate_upload
from kimportal.regions.models import Region, RegionLevel
from kimportal.regions.selectors import region_choices
from kimportal.regions.widgets import RegionPickerField

from .choices import (
    REQUIREMENT_GROUPS,
    ContentType,
    DocumentKind,
    FrequencyUnit,
    GovernmentAffair,
    InactiveReason,
    KimType,
    MediaType,
    Platform,
    Qualification,
    ReviewGround,
    ReviewStatus,
    SocialGroup,
)
from .models import KIM_PROFILE_FIELDS, Kim
from .selectors import kim_previous_record_for

# The 32 affairs of UU 23/2014 in the law's three groups (SPEC §3.1).
_AFFAIRS = list(GovernmentAffair.choices)
GROUPED_AFFAIRS = [
    (_("Urusan wajib pelayanan dasar"), _AFFAIRS[:6]),
    (_("Urusan wajib non-pelayanan dasar"), _AFFAIRS[6:24]),
    (_("Urusan pilihan"), _AFFAIRS[24:]),
]

# The guideline's own words for qualifications a–g (§II.B.5), shown at assessment.
QUALIFICATION_TEXT = {
    Qualification.CLEAR_EXISTENCE: _(
        "a. Eksistensi jelas yang ditunjukkan dengan keberadaan alamat, kontak, dan "
        "pengakuan dari masyarakat."
    ),
    Qualification.REGULAR_ACTIVITY: _(
        "b. Memiliki aktivitas, dalam hal ini secara berkala melakukan aktivitas "
        "komunitas, utamanya kegiatan diseminasi informasi ke masyarakat, atau kegiatan "
        "lainnya yang sesuai dengan kekhususan komunitas."
    ),
    Qualification.TRACK_RECORD: _(
        "c. Memiliki rekam jejak dan reputasi yang baik di masyarakat."
    ),
    Qualification.REACH: _(
        "d. Memiliki jangkauan sekurang-kurangnya satu desa/kelurahan/kampung atau "
        "sebutan lainnya."
    ),
    Qualification.UNDERSTANDS_AREA: _(
        "e. Memiliki pemahaman langsung tentang komunitas tertentu atau keadaan di "
        "daerahnya."
    ),
    Qualification.HAS_MEDIA: _(
        "f. Memiliki media untuk diseminasi informasi atau sarana lainnya yang dapat "
        "mendukung kegiatan diseminasi informasi."
    ),
    Qualification.HAS_RESOURCES: _(
        "g. Memiliki sumber daya untuk melakukan kegiatan diseminasi."
    ),
}

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CHOICES = forms.CheckboxSelectMultiple(attrs={"class": "choices"})
RADIOS = forms.RadioSelect(attrs={"class": "choices"})
# The server judges files by their content; `accept` only helps the phone's file picker.
DOCUMENT_INPUT = forms.ClearableFileInput(
    attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
)
PDF_INPUT = forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"})


def checkboxes(choices, label, **kwargs):
    return forms.MultipleChoiceField(
        choices=choices,
        label=label,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choices"}),
        **kwargs,
    )


def _checked_file(uploaded, formats=DOCUMENT_FORMATS):
    if uploaded:
        validate_upload(uploaded, formats=formats)
    return uploaded


def apply_service_error(form, error: ValidationError, field_map=None) -> None:
    """Show a service's ValidationError on the form: on the field it names when the form
    has one (or `field_map` translates it), otherwise above the form."""
    field_map = field_map or {}
    if hasattr(error, "error_dict"):
        for key, messages in error.message_dict.items():
            field = field_map.get(key, key)
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def village_choices_within(code: str) -> list:
    """The desa/kelurahan under a kab/kota, grouped by kecamatan, for a select."""
    villages = (
        Region.objects.filter(
            code__startswith=f"{code}.", level=RegionLevel.VILLAGE, retired=False
        )
        .select_related("parent")
        .only("code", "name", "parent__name")
        .order_by("code")
    )
    groups: dict[str, tuple[str, list]] = {}
    for village in villages:
        group = groups.setdefault(village.parent_id, (village.parent.name, []))
        group[1].append((village.code, village.name))
    return list(groups.values())


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
        self.section_errors: dict[str, list[str]] = {}
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

    def clean(self):
        data = super().clean()
        if data.get("address") and not data.get("platform"):
            self.add_error("platform", _("Pilih platform kanal ini."))
        if data.get("platform") and not data.get("address"):
            self.add_error("address", _("Isi URL atau nama akun kanal ini."))
        return data

    def row(self) -> dict | None:
        data = getattr(self, "cleaned_data", {})
        if not data.get("address"):
            return None
        return {
            "id": data.get("id"),
            "platform": data["platform"],
            "address": data["address"],
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

    def clean(self):
        data = super().clean()
        if (data.get("position") or data.get("phone")) and not data.get("name"):
            self.add_error("name", _("Isi nama pengurus."))
        if data.get("name") and not data.get("position"):
            self.add_error("position", _("Isi jabatan pengurus."))
        return data

    def row(self) -> dict | None:
        data = getattr(self, "cleaned_data", {})
        if not data.get("name"):
            return None
        return {
            "id": data.get("id"),
            "name": data["name"],
            "position": data["position"],
            "phone": data.get("phone", ""),
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

    def clean(self):
        data = super().clean()
        if data.get("sk_file"):
            if not data.get("sk_number"):
                self.add_error("sk_number", _("Isi nomor SK Kepala Desa/Lurah."))
            if not data.get("sk_issued_on"):
                self.add_error("sk_issued_on", _("Isi tanggal SK Kepala Desa/Lurah."))
        issued, expires = data.get("sk_issued_on"), data.get("sk_expires_on")
        if issued and expires and expires <= issued:
            self.add_error(
                "sk_expires_on", _("Tanggal berlaku harus sesudah tanggal SK.")
            )
        return data

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


# Service errors about a document name its kind; the form shows them on its file field.
DOCUMENT_ERROR_FIELDS = {
    "uploaded_file": "sk_file",
    DocumentKind.VILLAGE_HEAD_SK.value: "sk_file",
    DocumentKind.OFFICERS_LIST.value: "officers_list_file",
    DocumentKind.DECLARATION.value: "declaration_file",
    "number": "sk_number",
    "issued_on": "sk_issued_on",
    "expires_on": "sk_expires_on",
}


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

    def clean(self):
        data = super().clean()
        issued, expires = data.get("issued_on"), data.get("expires_on")
        if issued and expires and expires <= issued:
            self.add_error("expires_on", _("Tanggal berlaku harus sesudah tanggal."))
        return data


PASS_CHOICES = [("yes", _("Terpenuhi")), ("no", _("Tidak terpenuhi"))]


class VerificationForm(forms.Form):
    """The verification checklist: each requirement pass/fail with a note (SPEC §3.2)."""

    note = forms.CharField(
        label=_("Catatan verifikasi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, previous_items=None, **kwargs):
        super().__init__(*args, **kwargs)
        previous = {item.requirement: item for item in previous_items or ()}
        for _group, requirements in REQUIREMENT_GROUPS:
            for requirement in requirements:
                before = previous.get(requirement.value)
                self.fields[f"{requirement.value}__passed"] = forms.ChoiceField(
                    label=requirement.label,
                    choices=PASS_CHOICES,
                    widget=forms.RadioSelect(attrs={"class": "choices inline"}),
                    error_messages={"required": _("Pilih terpenuhi atau tidak.")},
                    initial=None
                    if before is None
                    else ("yes" if before.passed else "no"),
                )
                self.fields[f"{requirement.value}__note"] = forms.CharField(
                    label=_("Catatan: %(requirement)s")
                    % {"requirement": requirement.label},
                    required=False,
                    max_length=500,
                    initial=before.note if before else "",
                    widget=forms.TextInput(
                        attrs={"placeholder": _("wajib bila tidak terpenuhi")}
                    ),
                )

    def groups(self):
        """(group label, [(passed field, note field), …]) in the guideline's order."""
        return [
            (
                label,
                [
                    (self[f"{req.value}__passed"], self[f"{req.value}__note"])
                    for req in requirements
                ],
            )
            for label, requirements in REQUIREMENT_GROUPS
        ]

    def items(self) -> dict[str, tuple[bool, str]]:
        data = self.cleaned_data
        return {
            req.value: (
                data[f"{req.value}__passed"] == "yes",
                data[f"{req.value}__note"],
            )
            for _group, requirements in REQUIREMENT_GROUPS
            for req in requirements
        }

    def error_field_map(self) -> dict[str, str]:
        return {
            req.value: f"{req.value}__note"
            for _group, requirements in REQUIREMENT_GROUPS
            for req in requirements
        }


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


class PartnershipForm(forms.Form):
    """Qualification assessment a–g and the partnership period (§II.B.5)."""

    qualifications = forms.MultipleChoiceField(
        label=_("Kualifikasi yang terpenuhi"),
        choices=[(q.value, QUALIFICATION_TEXT[q]) for q in Qualification],
        widget=CHOICES,
        required=False,
    )
    starts_on = forms.DateField(label=_("Mulai"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Berakhir"), widget=DATE_WIDGET)
    note = forms.CharField(
        label=_("Catatan penilaian"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error(
                "ends_on", _("Tanggal berakhir harus sesudah tanggal mulai.")
            )
        return data


class ReviewOpenForm(forms.Form):
    grounds = forms.MultipleChoiceField(
        label=_("Dasar peninjauan"),
        choices=ReviewGround.choices,
        widget=CHOICES,
        error_messages={
            "required": _("Pilih sekurang-kurangnya satu dasar peninjauan.")
        },
    )
    notes = forms.CharField(
        label=_("Uraian"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    evidence_file = forms.FileField(
        label=_("Bukti (PDF, JPEG atau PNG, maks. 5 MB)"),
        required=False,
        widget=DOCUMENT_INPUT,
    )
    evidence_description = forms.CharField(
        label=_("Keterangan bukti"), max_length=300, required=False
    )

    def clean_evidence_file(self):
        return _checked_file(self.cleaned_data.get("evidence_file"))

    def clean(self):
        data = super().clean()
        # review_open takes the evidence as (file, description) pairs.
        data["evidence"] = (
            [(data["evidence_file"], data.get("evidence_description") or "")]
            if data.get("evidence_file")
            else []
        )
        return data


class ReviewCommentForm(forms.Form):
    body = forms.CharField(
        label=_("Komentar"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class ReviewEvidenceForm(forms.Form):
    uploaded_file = forms.FileField(
        label=_("Berkas bukti (PDF, JPEG atau PNG)"), widget=DOCUMENT_INPUT
    )
    description = forms.CharField(label=_("Keterangan"), max_length=300, required=False)

    def clean_uploaded_file(self):
        return _checked_file(self.cleaned_data.get("uploaded_file"))


class ReviewDecisionForm(forms.Form):
    """Close a review: continue the partnership (with a note) or terminate it (with the
    decision letter)."""

    CONTINUE, TERMINATE = "continue", "terminate"

    outcome = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[
            (CONTINUE, _("Tidak terbukti — kemitraan dilanjutkan")),
            (TERMINATE, _("Terbukti — kemitraan diputus")),
        ],
        widget=RADIOS,
    )
    note = forms.CharField(
        label=_("Catatan keputusan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    decision_date = forms.DateField(
        label=_("Tanggal keputusan"), required=False, widget=DATE_WIDGET
    )
    decision_number = forms.CharField(
        label=_("Nomor surat keputusan"), max_length=100, required=False
    )
    decision_letter = forms.FileField(
        label=_("Surat keputusan (PDF, maks. 5 MB)"), required=False, widget=PDF_INPUT
    )

    def clean_decision_letter(self):
        return _checked_file(self.cleaned_data.get("decision_letter"), formats=PDF_ONLY)

    def clean(self):
        data = super().clean()
        if data.get("outcome") == self.CONTINUE and not data.get("note"):
            self.add_error("note", _("Tuliskan alasan kemitraan dilanjutkan."))
        if data.get("outcome") == self.TERMINATE:
            required = {
                "decision_date": _("Isi tanggal keputusan pemutusan."),
                "decision_number": _("Isi nomor surat keputusan."),
                "decision_letter": _("Unggah surat keputusan (PDF)."),
            }
            for field, message in required.items():
                if not data.get(field) and field not in self.errors:
                    self.add_error(field, message)
        return data


class ChangeRequestDecisionForm(forms.Form):
    APPROVE, REJECT = "approve", "reject"

    decision = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[(APPROVE, _("Setujui")), (REJECT, _("Tolak"))],
        widget=RADIOS,
    )
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.REJECT and not data.get("note"):
            self.add_error("note", _("Tuliskan alasan penolakan."))
        return data


class ReviewStatusFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Semua")), *ReviewStatus.choices]
        self.fields["status"].widget.attrs["onchange"] = "this.form.requestSubmit()"


def region_filter_choices(user) -> list[tuple[str, str]]:
    """The regions one level below the user's own, for the list's region filter:
    kecamatan for a kab/kota officer, kab/kota for a province, provinces for the ministry."""
    return region_choices(parent=user.scope_code or None)


REGION_FILTER_LABELS = {
    "regency": _("Kecamatan"),
    "province": _("Kabupaten/kota"),
    "ministry": _("Provinsi"),
}


# Fields a KIM edits itself, in the order of the form. `name` and `kim_type` are legal:
# the service turns a change of them into a change request.
SELF_FORM_FIELDS = [
    "name",
    "kim_type",
    "chair_name",
    "whatsapp",
    "phone",
    "email",
    "street",
    "house_number",
    "rt",
    "rw",
    "social_groups",
    "media_types",
    "fields",
    "frequency_count",
    "frequency_unit",
    "content_types",
    "public_issues",
    "power_reach",
    "influence_response",
]
LEGAL_FORM_FIELDS = ("name", "kim_type", "village")


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
        fields = SELF_FORM_FIELDS
        labels = {
            "power_reach": _("Jangkauan (pengikut, pelanggan, peserta)"),
            "influence_response": _("Respons positif (mis. jumlah suka)"),
        }
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

    def legal_fields(self):
        return [self[name] for name in LEGAL_FORM_FIELDS]

    def contact_fields(self):
        return [self[n] for n in ("chair_name", "whatsapp", "phone", "email")]

    def address_fields(self):
        return [self[n] for n in ("street", "house_number", "rt", "rw")]

    def activity_fields(self):
        names = SELF_FORM_FIELDS[SELF_FORM_FIELDS.index("social_groups") :]
        return [self[n] for n in names]

    def profile_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in SELF_FORM_FIELDS}

"""Forms of the decisions on a verified KIM: partnership, review cases and their
decision, change requests."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kimportal.core.uploads import PDF_ONLY

from ..choices import (
    Qualification,
    ReviewGround,
    ReviewStatus,
)
from .common import (
    CHOICES,
    DATE_WIDGET,
    DOCUMENT_INPUT,
    PDF_INPUT,
    QUALIFICATION_TEXT,
    RADIOS,
    _checked_file,
)


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


class ReviewStatusFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Semua")), *ReviewStatus.choices]
        self.fields["status"].widget.attrs["data-autosubmit"] = ""

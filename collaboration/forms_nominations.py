"""Forms of the nomination pages: shape only; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices_nominations import NominationNoteKind, NominationResult
from .forms_events import DateInput


class NominationForm(forms.Form):
    competition = forms.TypedChoiceField(label=_("Lomba"), coerce=int)
    kim = forms.TypedChoiceField(label=_("KIM"), coerce=int)
    work_title = forms.CharField(label=_("Judul karya"), max_length=200, required=False)
    work_link = forms.URLField(
        label=_("Tautan karya"), max_length=500, required=False, assume_scheme="https"
    )
    reason = forms.CharField(
        label=_("Alasan pengusulan"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, competitions=(), kims=(), **kwargs):
        # `kims`: (id, name) pairs of the officer's verified KIM.
        super().__init__(*args, **kwargs)
        self.fields["competition"].choices = [
            (c.pk, f"{c.title} ({c.get_level_display()})") for c in competitions
        ]
        self.fields["kim"].choices = list(kims)


class NoteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Tahap"), choices=NominationNoteKind.choices)
    day = forms.DateField(label=_("Tanggal"), widget=DateInput)
    text = forms.CharField(label=_("Uraian"), widget=forms.Textarea(attrs={"rows": 2}))


class ResultForm(forms.Form):
    result = forms.ChoiceField(label=_("Hasil"), choices=NominationResult.choices)
    note = forms.CharField(
        label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

"""Forms of the event pages: shape only; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from monitoring.choices import Medium, ReportFormat

from .choices_events import EventFileKind, EventKind, InviteeRole


class DateInput(forms.DateInput):
    input_type = "date"


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis kegiatan"), choices=EventKind.choices)
    title = forms.CharField(label=_("Nama kegiatan"), max_length=200)
    theme = forms.CharField(label=_("Tema"), max_length=250)
    description = forms.CharField(
        label=_("Uraian"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    sessions = forms.CharField(
        label=_("Sesi (satu per baris: tanggal | jam | judul | narasumber)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    venue_address = forms.CharField(
        label=_("Alamat tempat"), max_length=300, required=False
    )
    venue_link = forms.URLField(
        label=_("Tautan virtual"), max_length=500, required=False, assume_scheme="https"
    )
    starts_on = forms.DateField(label=_("Tanggal mulai"), widget=DateInput)
    ends_on = forms.DateField(label=_("Tanggal selesai"), widget=DateInput)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        rows = []
        for line in (data.pop("sessions") or "").splitlines():
            parts = [p.strip() for p in line.split("|")]
            if not any(parts):
                continue
            parts += [""] * (4 - len(parts))
            if len(parts) == 4 and not parts[2]:
                parts[2] = parts[0]
            rows.append(
                {
                    "day": parts[0],
                    "time": parts[1],
                    "title": parts[2],
                    "speaker": parts[3],
                }
            )
        data["sessions"] = rows
        return data


def sessions_text(sessions: list[dict]) -> str:
    return "\n".join(
        " | ".join(
            [s.get("day", ""), s.get("time", ""), s["title"], s.get("speaker", "")]
        )
        for s in sessions
    )


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Nama"), max_length=200)
    role = forms.ChoiceField(
        label=_("Peran"),
        choices=[
            (InviteeRole.PARTICIPANT, InviteeRole.PARTICIPANT.label),
            (InviteeRole.COMMITTEE, InviteeRole.COMMITTEE.label),
        ],
    )
    contact = forms.CharField(label=_("Kontak"), max_length=150, required=False)


class SpeakerForm(forms.Form):
    name = forms.CharField(label=_("Nama narasumber"), max_length=150)
    competence = forms.CharField(label=_("Kompetensi"), max_length=250)
    background = forms.CharField(
        label=_("Latar belakang"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    contact = forms.CharField(label=_("Kontak"), max_length=150, required=False)
    cv = forms.FileField(label=_("CV (PDF)"), required=False)


class EventFileForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=EventFileKind.choices)
    caption = forms.CharField(label=_("Keterangan"), max_length=200, required=False)
    file = forms.FileField(label=_("Berkas (PDF, JPEG atau PNG)"))


class PublicationForm(forms.Form):
    url = forms.URLField(
        label=_("Tautan publikasi"), max_length=500, assume_scheme="https"
    )
    title = forms.CharField(label=_("Judul"), max_length=200, required=False)


class KimPublicationForm(PublicationForm):
    """A KIM's link is also its dissemination report (monitoring)."""

    report_format = forms.ChoiceField(label=_("Format"), choices=ReportFormat.choices)
    medium = forms.ChoiceField(label=_("Media"), choices=Medium.choices)


SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]


class EvaluationForm(forms.Form):
    content_score = forms.TypedChoiceField(
        label=_("Materi"), choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    speaker_score = forms.TypedChoiceField(
        label=_("Narasumber"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    organisation_score = forms.TypedChoiceField(
        label=_("Penyelenggaraan"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    usefulness_score = forms.TypedChoiceField(
        label=_("Manfaat bagi KIM"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    suggestion = forms.CharField(
        label=_("Saran"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

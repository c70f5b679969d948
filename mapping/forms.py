"""Forms of mapping: shape only; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.choices import GovernmentAffair

from .choices import Approach, IssueSourceKind, UnderstandingLevel
from .periods import PeriodKind


class PublicIssueForm(forms.Form):
    title = forms.CharField(label=_("Isu strategis"), max_length=250)
    field = forms.ChoiceField(
        label=_("Bidang terkait"), choices=GovernmentAffair.choices
    )
    background = forms.CharField(
        label=_("Latar belakang isu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bagaimana dan mengapa isu muncul, kaitannya dengan Dinas."),
    )
    involved = forms.CharField(
        label=_("Siapa saja yang terlibat"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Pihak yang terlibat, ahli, rujukan."),
    )
    scope = forms.CharField(
        label=_("Ruang lingkup"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    administration = forms.CharField(
        label=_("Catatan administrasi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    emerged_on = forms.DateField(
        label=_("Muncul sejak"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    expected_fade_on = forms.DateField(
        label=_("Diperkirakan mereda"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    understanding_level = forms.ChoiceField(
        label=_("Jenjang pemahaman"),
        required=False,
        choices=[("", "—"), *UnderstandingLevel.choices],
    )
    understanding_note = forms.CharField(
        label=_("Catatan pemahaman"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    is_priority = forms.BooleanField(label=_("Isu prioritas"), required=False)
    is_crisis = forms.BooleanField(label=_("Terindikasi krisis"), required=False)
    kims = forms.MultipleChoiceField(
        label=_("KIM terkait"), required=False, widget=forms.CheckboxSelectMultiple
    )

    materials = forms.MultipleChoiceField(
        label=_("Bahan informasi terkait"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, kim_choices=(), material_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kims"].choices = list(kim_choices)
        self.fields["materials"].choices = list(material_choices)
        # One text box per source kind: a link or a note per line (Tabel 3.2).
        for kind, label in IssueSourceKind.choices:
            self.fields[f"source_{kind}"] = forms.CharField(
                label=label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Satu tautan atau keterangan per baris."),
            )

    def source_fields(self):
        return [self[f"source_{kind}"] for kind in IssueSourceKind.values]

    def sources(self) -> list[dict]:
        sources = []
        for kind in IssueSourceKind.values:
            for line in (self.cleaned_data.get(f"source_{kind}") or "").splitlines():
                line = line.strip()
                if not line:
                    continue
                if line.startswith(("http://", "https://")):
                    sources.append({"kind": kind, "url": line, "note": ""})
                else:
                    sources.append({"kind": kind, "url": "", "note": line})
        return sources

    @staticmethod
    def initial_for(issue) -> dict:
        initial = {
            name: getattr(issue, name)
            for name in (
                "title",
                "field",
                "background",
                "involved",
                "scope",
                "administration",
                "emerged_on",
                "expected_fade_on",
                "understanding_level",
                "understanding_note",
                "is_priority",
                "is_crisis",
            )
        }
        for kind in IssueSourceKind.values:
            initial[f"source_{kind}"] = "\n".join(
                s.get("url") or s.get("note") or ""
                for s in issue.sources
                if s.get("kind") == kind
            )
        initial["kims"] = [str(pk) for pk in issue.kims.values_list("pk", flat=True)]
        initial["materials"] = [
            str(pk) for pk in issue.materials.values_list("pk", flat=True)
        ]
        return initial


def _score_field(label):
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
        help_text=_("0–100; kosongkan untuk memakai nilai hitungan."),
    )


class OverrideForm(forms.Form):
    interest = _score_field(_("Ketertarikan"))
    power = _score_field(_("Kekuatan"))
    influence = _score_field(_("Pengaruh"))
    reason = forms.CharField(
        label=_("Alasan penyesuaian"), widget=forms.Textarea(attrs={"rows": 2})
    )


class PlanForm(forms.Form):
    is_prioritised = forms.BooleanField(label=_("Diprioritaskan"), required=False)
    is_involved = forms.BooleanField(label=_("Dilibatkan"), required=False)
    target_approach = forms.ChoiceField(
        label=_("Kuadran sasaran"),
        required=False,
        choices=[("", "—"), *Approach.choices],
    )
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SettingForm(forms.Form):
    period_kind = forms.ChoiceField(
        label=_("Jenis periode"), choices=PeriodKind.choices
    )
    interest_threshold = forms.DecimalField(
        label=_("Ambang ketertarikan (persentil)"), min_value=0, max_value=100
    )
    power_threshold = forms.DecimalField(
        label=_("Ambang kekuatan (persentil)"), min_value=0, max_value=100
    )
    influence_threshold = forms.DecimalField(
        label=_("Ambang pengaruh (persentil)"), min_value=0, max_value=100
    )

"""Forms of the competition pages: shape only; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .choices_competitions import CategoryKind, ConflictKind, TieBreak
from .forms_events import DateInput

CATEGORY_HELP = _(
    "Satu kategori per blok. Baris pertama: [jenis] nama kategori, jenis salah satu "
    "dari: video, news, blog, photo, poster, podcast, other. Baris berikutnya, satu "
    "kriteria per baris: nama; bobot; wajib/opsional; komentar (jika juri wajib "
    "memberi komentar)."
)


def parse_categories(text: str) -> list[dict]:
    """The categories block of the plan form as the service's list."""
    categories: list[dict] = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("["):
            kind, _sep, name = line[1:].partition("]")
            if kind.strip() not in CategoryKind.values:
                raise ValidationError(
                    _("Baris %(n)s: jenis kategori tidak dikenal.") % {"n": number}
                )
            categories.append(
                {"kind": kind.strip(), "name": name.strip(), "criteria": []}
            )
            continue
        if not categories:
            raise ValidationError(
                _("Baris %(n)s: mulai dengan [jenis] nama kategori.") % {"n": number}
            )
        parts = [p.strip() for p in line.split(";")]
        parts += [""] * (4 - len(parts))
        categories[-1]["criteria"].append(
            {
                "name": parts[0],
                "weight": parts[1] or "1",
                "required": parts[2].lower() != "opsional",
                "comment_required": parts[3].lower().startswith("komentar"),
            }
        )
    return categories


def categories_text(competition) -> str:
    lines = []
    for category in competition.categories.prefetch_related("criteria"):
        lines.append(f"[{category.kind}] {category.name}")
        for c in category.criteria.all():
            flags = ["wajib" if c.required else "opsional"]
            if c.comment_required:
                flags.append("komentar")
            lines.append("; ".join([c.name, f"{c.weight.normalize()}", *flags]))
    return "\n".join(lines)


class CompetitionForm(forms.Form):
    title = forms.CharField(label=_("Nama lomba"), max_length=200)
    theme = forms.CharField(label=_("Tema"), max_length=250, required=False)
    mechanism = forms.CharField(
        label=_("Mekanisme"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    rules_text = forms.CharField(
        label=_("Ketentuan lomba"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    budget_line = forms.CharField(
        label=_("Mata anggaran"), max_length=200, required=False
    )
    budget_amount = forms.DecimalField(
        label=_("Pagu anggaran (Rp)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=0,
    )
    registration_opens_on = forms.DateField(
        label=_("Pendaftaran dibuka"), widget=DateInput
    )
    registration_closes_on = forms.DateField(
        label=_("Pendaftaran ditutup"), widget=DateInput
    )
    announce_on = forms.DateField(label=_("Tanggal pengumuman"), widget=DateInput)
    timeline = forms.CharField(
        label=_("Linimasa (satu per baris: tanggal | kegiatan)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    categories = forms.CharField(
        label=_("Kategori dan kriteria"),
        help_text=CATEGORY_HELP,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    works_become_property = forms.BooleanField(
        label=_("Karya menjadi milik pemerintah daerah (peserta wajib menyetujui)"),
        required=False,
    )
    blind_judging = forms.BooleanField(
        label=_("Penjurian tanpa nama KIM"), required=False
    )
    scores_visible_after_submit = forms.BooleanField(
        label=_("Juri melihat nilai juri lain setelah mengirim nilainya"),
        required=False,
    )
    normalise_scores = forms.BooleanField(
        label=_(
            "Normalisasi nilai per juri (z-score, bila tiap juri menilai ≥ 5 karya)"
        ),
        required=False,
    )
    tie_break = forms.ChoiceField(
        label=_("Aturan nilai sama"), choices=TieBreak.choices
    )
    has_shortlist = forms.BooleanField(label=_("Ada seleksi awal"), required=False)
    final_size = forms.IntegerField(
        label=_("Jumlah finalis per kategori"),
        required=False,
        min_value=1,
        max_value=100,
    )

    def __init__(self, *args, planned=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not planned:
            del self.fields["categories"]

    def clean_categories(self):
        return parse_categories(self.cleaned_data["categories"])

    def service_data(self) -> tuple[dict, list]:
        data = dict(self.cleaned_data)
        categories = data.pop("categories", [])
        rows = []
        for line in (data.pop("timeline") or "").splitlines():
            date, _sep, activity = (p.strip() for p in line.partition("|"))
            if activity or date:
                rows.append({"date": date, "activity": activity or date})
        data["timeline"] = rows
        return data, categories


def timeline_text(timeline: list[dict]) -> str:
    return "\n".join(f"{t.get('date', '')} | {t['activity']}" for t in timeline)


class EntryCheckForm(forms.Form):
    eligible = forms.TypedChoiceField(
        label=_("Hasil pemeriksaan"),
        choices=[("1", _("Memenuhi syarat")), ("0", _("Tidak memenuhi syarat"))],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(label=_("Catatan"), required=False, max_length=1000)


class JurorSeatForm(forms.Form):
    username = forms.CharField(label=_("Nama pengguna akun juri"), max_length=150)
    expertise = forms.CharField(label=_("Keahlian"), max_length=200, required=False)


class OverrideForm(forms.Form):
    new_rank = forms.IntegerField(label=_("Peringkat baru"), min_value=1)
    reason = forms.CharField(label=_("Alasan"), max_length=1000)


class AdvanceForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan (bila finalis dipilih penyelenggara)"),
        max_length=1000,
        required=False,
    )


class ConflictForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=ConflictKind.choices)
    reason = forms.CharField(
        label=_("Alasan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EntryForm(forms.Form):
    """A KIM's entry, on a phone: the category, the work as a link or a file, the team
    (one member per line: name | role) and the consent when the rules ask for it."""

    category = forms.TypedChoiceField(label=_("Kategori"), coerce=int)
    title = forms.CharField(label=_("Judul karya"), max_length=200)
    description = forms.CharField(
        label=_("Deskripsi"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    link = forms.URLField(
        label=_("Tautan karya"), required=False, max_length=500, assume_scheme="https"
    )
    file = forms.FileField(
        label=_("Atau unggah berkas (PDF, JPEG, PNG)"), required=False
    )
    team = forms.CharField(
        label=_("Tim (satu per baris: nama | peran)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent_property = forms.BooleanField(
        label=_("Saya setuju karya ini menjadi milik pemerintah daerah"),
        required=False,
    )

    def __init__(self, *args, competition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [
            (c.pk, c.name) for c in competition.categories.all()
        ]
        if not competition.works_become_property:
            del self.fields["consent_property"]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("file", None)
        team = []
        for line in (data.pop("team") or "").splitlines():
            name, _sep, role = (p.strip() for p in line.partition("|"))
            if name:
                team.append({"name": name, "role": role})
        data["team"] = team
        return data

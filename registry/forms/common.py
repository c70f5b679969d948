"""Widgets, choice lists and small helpers the registry's forms share."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kimportal.core.uploads import DOCUMENT_FORMATS, validate_upload
from kimportal.regions.models import Region, RegionLevel
from kimportal.regions.selectors import region_choices

from ..choices import (
    GovernmentAffair,
    Qualification,
)

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


def region_filter_choices(user) -> list[tuple[str, str]]:
    """The regions one level below the user's own, for the list's region filter:
    kecamatan for a kab/kota officer, kab/kota for a province, provinces for the ministry."""
    return region_choices(parent=user.scope_code or None)


REGION_FILTER_LABELS = {
    "regency": _("Kecamatan"),
    "province": _("Kabupaten/kota"),
    "ministry": _("Provinsi"),
}

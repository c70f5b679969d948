"""The directory of verified KIM for agencies (K/L) and the ministry: who to reach, by
region, field, media and type. Public fields only — no officers, phone numbers or
documents (SPEC §1)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from kimportal.regions.selectors import region_choices

from ..choices import GovernmentAffair, KimType, MediaType
from ..presenters import choice_labels
from ..selectors import kim_directory

PAGE_SIZE = 20


def _with_all(label, choices):
    return [("", label), *choices]


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama KIM"), required=False, max_length=100)
    province = forms.ChoiceField(label=_("Provinsi"), required=False)
    regency = forms.ChoiceField(label=_("Kabupaten/Kota"), required=False)
    field = forms.ChoiceField(
        label=_("Bidang kegiatan"),
        required=False,
        choices=_with_all(_("Semua bidang"), GovernmentAffair.choices),
    )
    media = forms.ChoiceField(
        label=_("Jenis media"),
        required=False,
        choices=_with_all(_("Semua media"), MediaType.choices),
    )
    kim_type = forms.ChoiceField(
        label=_("Tipe"),
        required=False,
        choices=_with_all(_("Semua tipe"), KimType.choices),
    )

    def __init__(self, data):
        super().__init__(data)
        provinces = region_choices(parent=None)
        self.fields["province"].choices = _with_all(_("Semua provinsi"), provinces)
        province = data.get("province", "")
        # Only a real province opens its kab/kota; any other code offers none.
        regencies = (
            region_choices(parent=province) if province in dict(provinces) else []
        )
        self.fields["regency"].choices = _with_all(_("Semua kabupaten/kota"), regencies)

    def filters(self) -> dict:
        """The valid choices as kim_list filters; a wrong value is simply left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q", ""),
            "region": data.get("regency") or data.get("province") or "",
            "field": data.get("field", ""),
            "media": data.get("media", ""),
            "kim_type": data.get("kim_type", ""),
        }


@login_required
@require_GET
def directory(request):
    """Verified KIM, searched and filtered, a page at a time."""
    if not request.user.has_perm("registry.view_directory"):
        raise Http404
    form = DirectoryFilterForm(request.GET)
    queryset = kim_directory(user=request.user, filters=form.filters())
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "kim": kim,
            "media": choice_labels(kim.media_types, MediaType),
            "fields": choice_labels(kim.fields, GovernmentAffair),
        }
        for kim in page.object_list
    ]
    return render(
        request,
        "registry/directory.html",
        {"form": form, "page": page, "rows": rows},
    )

"""The KIM list's search, filters and sorting, shared by the list page, the exports and the
API so that an export holds exactly what the list showed."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from kimportal.core.widgets import FastSelect
from kimportal.regions.models import Region, RegionLevel

from .choices import GovernmentAffair, KimStatus, KimType, MediaType, PartnershipStatus
from .models import Kim, Partnership

MIN_DESA_SEARCH = 3
MAX_DESA_MATCHES = 1000

PARTNERSHIP_FILTER_CHOICES = [
    ("active", _("Mitra aktif")),
    ("under_review", _("Dalam peninjauan")),
    ("none", _("Bukan mitra")),
]

SORT_CHOICES = [
    ("name", _("Nama (A–Z)")),
    ("-name", _("Nama (Z–A)")),
    ("nik", _("NIK")),
    ("-updated_at", _("Terakhir diubah")),
    ("-created_at", _("Terbaru didaftarkan")),
    ("village", _("Wilayah")),
]


class LeanSelect(FastSelect):
    """FastSelect with its options joined as plain strings (each value and label
    escaped once): format_html per option was still most of the filter bar's time."""

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs or {})
        final_attrs["name"] = name
        chosen = value if isinstance(value, (list, tuple)) else [value]
        chosen = {str(v) for v in chosen if v is not None}
        options = "".join(
            f'<option value="{escape(key)}"'
            f"{' selected' if str(key) in chosen else ''}>{escape(label)}</option>"
            for key, label in self.choices
        )
        return mark_safe(f"<select{flatatt(final_attrs)}>{options}</select>")  # noqa: S308


class KimFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Cari nama, NIK, atau desa"))
    status = django_filters.ChoiceFilter(choices=KimStatus.choices, label=_("Status"))
    kim_type = django_filters.ChoiceFilter(choices=KimType.choices, label=_("Tipe"))
    region = django_filters.CharFilter(
        method="within_region", label=_("Wilayah (kode)")
    )
    media = django_filters.ChoiceFilter(
        choices=MediaType.choices, method="has_media", label=_("Jenis media")
    )
    field = django_filters.ChoiceFilter(
        choices=GovernmentAffair.choices, method="has_field", label=_("Bidang")
    )
    partnership = django_filters.ChoiceFilter(
        choices=PARTNERSHIP_FILTER_CHOICES,
        method="by_partnership",
        label=_("Kemitraan"),
    )
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES, method="sort_by", label=_("Urutkan"), empty_label=None
    )

    class Meta:
        model = Kim
        fields = ["q", "status", "kim_type", "region", "media", "field", "partnership"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q(name__icontains=value) | Q(nik__startswith=value)
        # Desa names are matched first, in the region table, so that the KIM table is
        # searched by indexes alone (name trigram, NIK prefix, desa code) and not joined.
        if len(value) >= MIN_DESA_SEARCH:
            villages = list(
                Region.objects.filter(
                    level=RegionLevel.VILLAGE, name__icontains=value
                ).values_list("code", flat=True)[:MAX_DESA_MATCHES]
            )
            if villages:
                condition |= Q(village__code__in=villages)
        return queryset.filter(condition)

    def within_region(self, queryset, name, value):
        # A kecamatan (or kab/kota, for province and ministry users) is a code prefix.
        value = value.strip()
        return queryset.filter(village__code__startswith=value) if value else queryset

    def has_media(self, queryset, name, value):
        return queryset.filter(media_types__contains=[value])

    def has_field(self, queryset, name, value):
        return queryset.filter(fields__contains=[value])

    def by_partnership(self, queryset, name, value):
        open_partnership = Partnership.objects.filter(
            kim=OuterRef("pk"),
            status__in=[PartnershipStatus.ACTIVE, PartnershipStatus.UNDER_REVIEW],
        )
        if value == "none":
            return queryset.filter(~Exists(open_partnership))
        return queryset.filter(
            Exists(Partnership.objects.filter(kim=OuterRef("pk"), status=value))
        )

    def sort_by(self, queryset, name, value):
        return queryset.order_by(value, "id")

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            if isinstance(field.widget, forms.Select) and not isinstance(
                field.widget, FastSelect
            ):
                field.widget = LeanSelect(
                    attrs={
                        **field.widget.attrs,
                        "data-autosubmit": "",
                    },
                    choices=field.widget.choices,
                )
        return form

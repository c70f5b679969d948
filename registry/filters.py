"""The KIM list's search, filters and sorting, shared by the list page, the exports and the
API so that an export holds exactly what the list showed."""

import copy

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import StrIndex, Upper
from django.forms.utils import flatatt
from django.utils.choices import normalize_choices
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
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
    """FastSelect with its options joined as plain strings, each value and label escaped
    once per language and process (the filter bar's choices never change): format_html
    per option, then translating and escaping each label per request, was still most of
    the filter bar's time."""

    @property
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, value):
        self._choices = normalize_choices(value)
        # Per language; shared with the copies each form makes (copy.copy) until one
        # is given other choices.
        self.escaped_options: dict[str, list[tuple[str, str]]] = {}

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs or {})
        final_attrs["name"] = name
        values = value if isinstance(value, (list, tuple)) else [value]
        chosen = {escape(v) for v in values if v is not None}
        language = get_language()
        options = self.escaped_options.get(language)
        if options is None:
            options = [(escape(key), escape(label)) for key, label in self.choices]
            self.escaped_options[language] = options
        html = "".join(
            f'<option value="{key}"{" selected" if key in chosen else ""}>{label}</option>'
            for key, label in options
        )
        return mark_safe(f"<select{flatatt(final_attrs)}>{html}</select>")  # noqa: S308


def with_media(queryset, media: str):
    """The KIM of `queryset` that name `media` among their media types."""
    return queryset.filter(media_types__contains=[media])


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

    # Set by kim_list when the KIM searched are those of one kab/kota or less (a few
    # hundred; 2,000 in the benchmark's largest): they are then read by the region's
    # code index and tested one by one, by a name test the trigram index cannot serve.
    # The planner would rather take that index, whose posting lists are the nation's
    # and cost 6-8 ms per search whatever the scope (3.7 ms by the region at 100k KIM,
    # perf, issue #6 item 12). Both name tests are the same substring match.
    names_within_region = False

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if self.names_within_region:
            queryset = queryset.alias(
                name_position=StrIndex(Upper("name"), Upper(Value(value)))
            )
            condition = Q(name_position__gt=0) | Q(nik__startswith=value)
        else:
            condition = Q(name__icontains=value) | Q(nik__startswith=value)
        if len(value) >= MIN_DESA_SEARCH:
            villages = Region.objects.filter(
                level=RegionLevel.VILLAGE, name__icontains=value
            ).values_list("code", flat=True)[:MAX_DESA_MATCHES]
            if self.names_within_region:
                # Read one by one, the region's KIM test their desa against a hashed
                # subquery of the same statement: one round trip fewer.
                condition |= Q(village__code__in=villages)
            # Otherwise desa names are matched first, in the region table, so that the
            # KIM table is searched by indexes alone (name trigram, NIK prefix, desa
            # code): a subquery there would turn the indexes' union into a scan.
            elif codes := list(villages):
                condition |= Q(village__code__in=codes)
        return queryset.filter(condition)

    def within_region(self, queryset, name, value):
        # A kecamatan (or kab/kota, for province and ministry users) is a code prefix.
        value = value.strip()
        return queryset.filter(village__code__startswith=value) if value else queryset

    def has_media(self, queryset, name, value):
        return with_media(queryset, value)

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

    @classmethod
    def form_fields(cls) -> dict[str, forms.Field]:
        """The fields of the filter form (built once per process), e.g. for their
        labels and choices; not to be changed."""
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            form_class = cls(queryset=Kim.objects.none()).get_form_class()
        return form_class.base_fields

    def get_form_class(self):
        """The filter form, built once per process: django-filter builds a new form
        class with new fields for every FilterSet, and each form deep-copies every
        choice list (KimFilter is built two to four times per list page)."""
        cls = type(self)
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            for name, field in form_class.base_fields.items():
                if not isinstance(field.widget, forms.Select):
                    continue
                choices = [c for c in field.choices if c[0] != ""]
                if name != "sort":
                    choices.insert(0, ("", ALL_LABEL))
                # "Semua" is the one empty choice (django-filter would add "---------").
                field.empty_label = None
                field.widget = LeanSelect(
                    attrs={
                        **field.widget.attrs,
                        "data-autosubmit": "",
                    }
                )
                field.choices = choices
            form_class.base_fields = SharedChoiceFields(form_class.base_fields)
            cls._form_class = form_class
        return form_class


ALL_LABEL = _("Semua")


class SharedFilters(dict):
    """KimFilter's filters, copied for each FilterSet without deep-copying their choice
    lists (nothing changes a filter's options after the class is built). A filter with
    a `method` gets its own FilterMethod, bound to the copy, as a deep copy would."""

    def __deepcopy__(self, memo):
        filters = {}
        for name, filter_ in self.items():
            copied = copy.copy(filter_)
            if filter_.method is not None:
                copied.method = filter_.method
            filters[name] = copied
        return filters


KimFilter.base_filters = SharedFilters(KimFilter.base_filters)


class SharedChoiceFields(dict):
    """A form class's fields whose copy for each form shares the choice lists: a form
    replaces a field or its choices but never changes a list in place, so the deep copy
    Django makes for every form (each choice of each field) is not needed."""

    def __deepcopy__(self, memo):
        fields = {}
        for name, field in self.items():
            copied = copy.copy(field)
            copied.widget = copy.copy(field.widget)
            copied.widget.attrs = dict(field.widget.attrs)
            copied.error_messages = dict(field.error_messages)
            copied.validators = list(field.validators)
            fields[name] = copied
        return fields

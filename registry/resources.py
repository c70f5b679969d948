"""django-import-export resources of the registry: the spreadsheet shape of a KIM, used
by the exports and by the Excel import of existing KIM lists."""

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets

from kimportal.core.exports import formula_safe

from .choices import (
    GovernmentAffair,
    KimStatus,
    KimType,
    MediaType,
    PartnershipStatus,
)
from .models import Kim, Partnership


def neutralize_formula(value):
    """`value` escaped by the core's one rule (kimportal.core.exports.formula_safe): an
    attacker's KIM name must never run as a formula on an officer's PC."""
    return formula_safe(value) if isinstance(value, str) else value


class ChoiceLabelWidget(widgets.Widget):
    """A choice shown by its Indonesian label; an import accepts the label or the value."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        value = (value or "").strip()
        if not value:
            return ""
        for choice in self.choices:
            if value.lower() in (choice.value.lower(), str(choice.label).lower()):
                return choice.value
        raise ValueError(_("Nilai tidak dikenal: %(value)s") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        try:
            return str(self.choices(value).label)
        except ValueError:
            return str(value)


class ChoiceListWidget(ChoiceLabelWidget):
    """Several choices in one cell, labels separated by semicolons."""

    separator = "; "

    def clean(self, value, row=None, **kwargs):
        parts = [p for p in (value or "").split(";") if p.strip()]
        return [super(ChoiceListWidget, self).clean(p, row, **kwargs) for p in parts]

    def render(self, value, obj=None, **kwargs):
        return self.separator.join(
            super(ChoiceListWidget, self).render(v) for v in (value or [])
        )


def _text(attribute, column_name):
    return fields.Field(
        attribute=attribute, column_name=column_name, widget=widgets.CharWidget()
    )


def _choice(attribute, column_name, choices, *, several=False):
    """A column shown by Indonesian choice labels; `several` choices share one cell."""
    widget = ChoiceListWidget(choices) if several else ChoiceLabelWidget(choices)
    return fields.Field(attribute=attribute, column_name=column_name, widget=widget)


def _derived(column_name):
    return fields.Field(column_name=column_name, readonly=True)


class KimResource(resources.ModelResource):
    """One row per KIM, with Indonesian headers. Every cell is formula-safe on export."""

    nik = _text("nik", gettext_lazy("NIK"))
    name = _text("name", gettext_lazy("Nama KIM"))
    kim_type = _choice("kim_type", gettext_lazy("Tipe"), KimType)
    status = _choice("status", gettext_lazy("Status"), KimStatus)
    province = _derived(gettext_lazy("Provinsi"))
    regency = _derived(gettext_lazy("Kabupaten/Kota"))
    district = _derived(gettext_lazy("Kecamatan"))
    village_name = _derived(gettext_lazy("Desa/Kelurahan"))
    village = _text("village_id", gettext_lazy("Kode desa/kelurahan"))
    address = _derived(gettext_lazy("Alamat"))
    chair_name = _text("chair_name", gettext_lazy("Ketua/narahubung"))
    whatsapp = _text("whatsapp", gettext_lazy("WhatsApp"))
    email = _text("email", gettext_lazy("Email"))
    media = _choice("media_types", gettext_lazy("Jenis media"), MediaType, several=True)
    affairs = _choice(
        "fields", gettext_lazy("Bidang kegiatan"), GovernmentAffair, several=True
    )
    partnership = _derived(gettext_lazy("Status kemitraan"))
    verified_on = _derived(gettext_lazy("Tanggal verifikasi"))

    class Meta:
        model = Kim
        fields = (
            "nik",
            "name",
            "kim_type",
            "status",
            "province",
            "regency",
            "district",
            "village_name",
            "village",
            "address",
            "chair_name",
            "whatsapp",
            "email",
            "media",
            "affairs",
            "partnership",
            "verified_on",
        )
        export_order = fields
        chunk_size = 2000

    @staticmethod
    def prepare_queryset(queryset: QuerySet[Kim]) -> QuerySet[Kim]:
        """`queryset` with what the rows read joined in, so an export runs one query."""
        latest_partnership = Partnership.objects.filter(kim=OuterRef("pk")).order_by(
            "-starts_on", "-id"
        )
        return queryset.select_related("village__parent__parent__parent").annotate(
            latest_partnership_status=Subquery(latest_partnership.values("status")[:1])
        )

    def export_field(self, field, instance, **kwargs):
        return neutralize_formula(super().export_field(field, instance, **kwargs))

    def get_export_headers(self, selected_fields=None):
        headers = super().get_export_headers(selected_fields=selected_fields)
        return [neutralize_formula(h) for h in headers]

    def _region(self, kim, depth: int) -> str:
        region = kim.village
        for _step in range(depth):
            region = region.parent if region is not None else None
        return region.name if region is not None else ""

    def dehydrate_village_name(self, kim):
        return self._region(kim, 0)

    def dehydrate_district(self, kim):
        return self._region(kim, 1)

    def dehydrate_regency(self, kim):
        return self._region(kim, 2)

    def dehydrate_province(self, kim):
        return self._region(kim, 3)

    def dehydrate_address(self, kim):
        parts = [kim.street]
        if kim.house_number:
            parts.append(_("No. %(number)s") % {"number": kim.house_number})
        if kim.rt or kim.rw:
            parts.append(
                _("RT %(rt)s/RW %(rw)s") % {"rt": kim.rt or "-", "rw": kim.rw or "-"}
            )
        return ", ".join(p for p in parts if p)

    def dehydrate_partnership(self, kim):
        status = getattr(kim, "latest_partnership_status", None)
        if status is None:
            return _("Bukan mitra")
        return str(PartnershipStatus(status).label)

    def dehydrate_verified_on(self, kim):
        if kim.verified_at is None:
            return ""
        return timezone.localtime(kim.verified_at).date().isoformat()

"""The desa/kelurahan picker: cascading selects (province → kab/kota → kecamatan → desa)
fed by htmx from `regions:options`, plus a search by desa name (`regions:search`).

The levels above the user's own region are fixed (a kab/kota officer starts at kecamatan),
and the field checks on the server that the chosen desa lies in that region: the selects
only help, they guarantee nothing.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kimportal.core.scoping import code_in_scope

from .models import Region, RegionLevel
from .selectors import region_list, region_path

# The cascade, outermost first. The intermediate selects carry these names, which is
# what `regions:options` reads; the last one carries the form field's own name.
CASCADE = [
    ("province", _("Provinsi")),
    ("regency", _("Kabupaten/Kota")),
    ("district", _("Kecamatan")),
    ("village", _("Desa/Kelurahan")),
]


def _depth(code: str) -> int:
    return code.count(".") + 1 if code else 0


class RegionPickerWidget(forms.Widget):
    """Renders the picker; its value is the desa code of the last select."""

    template_name = "regions/picker.html"
    # Several selects, each with its own label: the field's label becomes a legend.
    use_fieldset = True

    def __init__(self, attrs=None, root_code: str = ""):
        super().__init__(attrs)
        self.root_code = root_code or ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        root = self.root_code
        depth = _depth(root)
        value = value if isinstance(value, str) else ""
        chosen = region_path(value) if value and value.startswith(root) else []
        chosen_codes = [region.code for region in chosen]
        fixed = region_path(root) if root else []
        widget_id = context["widget"]["attrs"].get("id") or f"id_{name}"

        levels = []
        for index, (level_name, label) in enumerate(CASCADE):
            is_last = index == len(CASCADE) - 1
            level = {
                "index": index,
                "name": name if is_last else level_name,
                "id": widget_id if is_last else f"{widget_id}_{level_name}",
                "label": label,
                "fixed": index < depth,
                "selected": chosen_codes[index] if index < len(chosen_codes) else "",
                "options": [],
            }
            if level["fixed"]:
                level["region"] = fixed[index] if index < len(fixed) else None
            elif index == depth:
                level["options"] = (
                    region_list(parent=root)
                    if root
                    else region_list(level=RegionLevel.PROVINCE)
                )
            elif index - 1 < len(chosen_codes):
                level["options"] = region_list(parent=chosen_codes[index - 1])
            levels.append(level)
        for current, following in zip(levels, levels[1:], strict=False):
            current["next_id"] = following["id"]

        context["widget"].update(
            {
                "levels": levels,
                "root_code": root,
                "options_url": reverse("regions:options"),
                "search_url": reverse("regions:search"),
                "search_id": f"{widget_id}_search",
                "results_id": f"{widget_id}_results",
            }
        )
        return context

    def value_from_datadict(self, data, files, name):
        return data.get(name)

    def id_for_label(self, id_):
        return id_


class RegionPickerField(forms.CharField):
    """A desa/kelurahan code that must exist, be a desa and lie within `within` and the
    user's scope. Cleans to the code."""

    default_error_messages = {
        "unknown": _("Pilih desa/kelurahan dari daftar."),
        "out_of_scope": _(
            "Desa/kelurahan ini berada di luar wilayah kabupaten/kota Anda. "
            "Pilih desa/kelurahan di wilayah Anda."
        ),
    }

    def __init__(self, *, user=None, within: str = "", **kwargs):
        kwargs.setdefault("max_length", 13)
        kwargs.setdefault("label", _("Desa/kelurahan"))
        super().__init__(widget=RegionPickerWidget(root_code=within), **kwargs)
        self.user = user
        self.within = within or ""

    def widget_attrs(self, widget):
        return {}

    def clean(self, value):
        code = super().clean(value)
        if not code:
            return code
        exists = Region.objects.filter(
            code=code, level=RegionLevel.VILLAGE, retired=False
        ).exists()
        if not exists:
            raise ValidationError(self.error_messages["unknown"], code="unknown")
        if not code.startswith(self.within) or (
            self.user is not None and not code_in_scope(self.user, code)
        ):
            raise ValidationError(
                self.error_messages["out_of_scope"], code="out_of_scope"
            )
        return code

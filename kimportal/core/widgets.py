"""Form widgets shared by the apps."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

SELECTED = mark_safe(" selected")


class FastSelect(forms.Select):
    """A flat <select> rendered in Python. Django renders every <option> through a template,
    about 0.1 ms each: on a list page's filter bar of a few hundred options that was most
    of the page's server time."""

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs or {})
        final_attrs["name"] = name
        chosen = value if isinstance(value, (list, tuple)) else [value]
        chosen = {str(v) for v in chosen if v is not None}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, SELECTED if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)

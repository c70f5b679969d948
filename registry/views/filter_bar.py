"""The KIM list's filter bar, written as strings.

Every select of the bar is the same for every request but for the chosen option: its
HTML (label, select, options, each value and label escaped) is joined once per process
and language, and a request only marks its chosen option. The region select differs per
user (the regions one level below the user's own); its HTML is kept per list of
choices itself (read from the cached `region_choices`), so a changed region table gives
a new select at once, in every process, with or without the shared cache. Through a Django form and its bound fields the bar cost several
milliseconds per page (perf, issue #6 item 12); the HTML is the form's, as before.
"""

from collections.abc import Mapping

# The standard library's escape, which Django's wraps, for plain strings on every request.
from html import escape as html_escape

from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..filters import KimFilter
from ..forms import REGION_FILTER_LABELS, region_filter_choices

# The bar's fields in the order of KimFilter's form; `q` is the text box above them.
SELECT_FIELDS = (
    "status",
    "kim_type",
    "region",
    "media",
    "field",
    "partnership",
    "sort",
)

_fields_html: dict[tuple[str, str], str] = {}
_field_values: dict[str, frozenset[str]] = {}
_region_html: dict[tuple, str] = {}
# At most this many region selects are kept (one per list of choices and language).
_REGION_HTML_LIMIT = 2000


def _select_html(name: str, label, options) -> str:
    """`<div><label>…</label><select>…</select></div>` with no option chosen."""
    rows = "".join(
        f'<option value="{escape(key)}">{escape(text)}</option>'
        for key, text in options
    )
    return (
        f'<div><label for="id_{name}">{escape(label)}:</label>'
        f'<select data-autosubmit="" id="id_{name}" name="{name}">{rows}</select></div>'
    )


def _choose(html: str, value: str | None) -> str:
    """`html` with the option of `value` marked selected (none when `value` is None or
    not among the options, as Django's select does)."""
    if value is None:
        return html
    option = f'<option value="{html_escape(value)}">'
    return html.replace(option, f"{option[:-1]} selected>", 1)


def search_label():
    """The label of the search box (`q`)."""
    return KimFilter.form_fields()["q"].label


def _field_html(name: str) -> str:
    key = (get_language() or "", name)
    html = _fields_html.get(key)
    if html is None:
        field = KimFilter.form_fields()[name]
        html = _select_html(name, field.label, field.choices)
        _fields_html[key] = html
    return html


def _valid_values(name: str) -> frozenset[str]:
    """The values field `name` accepts (its choices are fixed: every option but the
    regions, whose select accepts any code)."""
    values = _field_values.get(name)
    if values is None:
        field = KimFilter.form_fields()[name]
        values = _field_values[name] = frozenset(
            str(key) for key, _label in field.choices if field.valid_value(str(key))
        )
    return values


def region_select_html(user) -> str:
    """The region select of `user`'s list with no option chosen: the regions one level
    below the user's own (kecamatan for a kab/kota officer, kab/kota for a province,
    provinces for the ministry)."""
    label = REGION_FILTER_LABELS.get(user.role) or _("Wilayah")
    options = (
        ("", _("Semua")),
        *((code, name) for code, name in region_filter_choices(user)),
    )
    key = (get_language() or "", str(label), options)
    html = _region_html.get(key)
    if html is None:
        html = _select_html("region", label, options)
        if len(_region_html) >= _REGION_HTML_LIMIT:
            _region_html.clear()
        _region_html[key] = html
    return html


def filter_selects_html(user, data: Mapping | None) -> SafeString:
    """The bar's selects for `data` (the request's query, None when it has none)."""
    parts = []
    for name in SELECT_FIELDS:
        value = data.get(name) if data is not None else None
        if name == "region":
            # Any code prefix is accepted (a kab/kota from the ministry's home, say).
            parts.append(_choose(region_select_html(user), value))
            continue
        html = _choose(_field_html(name), value)
        if value and value not in _valid_values(name):
            # Marked as the form's bound field marks a field with an error.
            html = html.replace(
                "<select ",
                f'<select aria-describedby="id_{name}_error" aria-invalid="true" ',
                1,
            )
        parts.append(html)
    return mark_safe("".join(parts))  # noqa: S308 — every value and label is escaped


def status_links_html(links) -> SafeString:
    """The count per status above the list (the view's `status_links`), each a link to
    the list narrowed to that status."""
    parts = []
    # Grouped as humanize's intcomma groups them (the language's thousand separator,
    # groups of three), with one lookup of the separator per page instead of per link.
    separator = get_format("THOUSAND_SEPARATOR")
    for link in links:
        current = ' aria-current="page"' if link["current"] else ""
        count = f"{link['count']:,}".replace(",", separator)
        parts.append(
            f'<a href="?{html_escape(link["query"])}"{current}>'
            f"{html_escape(str(link['label']))} <b>{html_escape(count)}</b></a>"
        )
    return mark_safe("".join(parts))  # noqa: S308 — every value is escaped

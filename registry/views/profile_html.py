"""The rows of a KIM's profile (`<dt>`/`<dd>` pairs of the staff page's profile tab)
and of the status card of the KIM's own page, written as strings.

Through the template language these rows, each a translated label and a value through
one to three filters, were the largest part of the pages' rendering (perf, issue #6
item 12). The labels are translated once per process and language; every
value is escaped here as the template escaped it (`escape`, `linebreaksbr`, `join`),
so the HTML is the template's, byte for byte.
"""

from collections.abc import Iterable

from django.template.defaultfilters import date, linebreaksbr
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from ..models import Kim, Partnership

EMPTY = "—"
# The row labels' msgids, in page order; translated per language in _labels().
_LABELS = (
    gettext_noop("Tipe"),
    gettext_noop("Ketua/narahubung"),
    gettext_noop("Alamat"),
    gettext_noop("WhatsApp"),
    gettext_noop("Telepon kantor"),
    gettext_noop("Email"),
    gettext_noop("Wilayah jangkauan"),
    gettext_noop("Kelompok sosial-ekonomi"),
    gettext_noop("Jenis media"),
    gettext_noop("Bidang kegiatan"),
    gettext_noop("Isu publik"),
    gettext_noop("Frekuensi diseminasi"),
    gettext_noop("Jenis konten"),
    gettext_noop("Kekuatan (jangkauan)"),
    gettext_noop("Pengaruh (respons positif)"),
    gettext_noop("Alasan tidak aktif"),
    gettext_noop("Kec."),
    # The KIM's own page.
    gettext_noop("Status"),
    gettext_noop("NIK"),
    gettext_noop("Desa/kelurahan"),
    gettext_noop("Kemitraan"),
    gettext_noop("Belum bermitra"),
)
_labels_by_language: dict[str | None, dict[str, str]] = {}


def _labels() -> dict[str, str]:
    """The labels, translated and escaped, in the active language."""
    language = get_language()
    labels = _labels_by_language.get(language)
    if labels is None:
        labels = {msgid: escape(_(msgid)) for msgid in _LABELS}
        _labels_by_language[language] = labels
    return labels


def _text(value) -> str:
    """A value as `{{ value }}` shows it: localized, then escaped."""
    return escape(localize(value))


def _or_empty(text: str) -> str:
    """`|default:"—"` of an already escaped text."""
    return text or EMPTY


def _joined(values: Iterable[str]) -> str:
    """`|join:", "|default:"—"`."""
    return _or_empty(", ".join(escape(value) for value in values))


def _name(region) -> str:
    return _text(region.name) if region is not None else ""


def _parent(region):
    return region.parent if region is not None else None


def _address(kim: Kim, kec: str) -> str:
    street = _or_empty(_text(kim.street))
    if kim.rt:
        street += f", RT {_text(kim.rt)}"
    if kim.rw:
        street += f"/RW {_text(kim.rw)}"
    if kim.house_number:
        street += f", No. {_text(kim.house_number)}"
    village = kim.village
    district = _parent(village)
    regency = _parent(district)
    province = _parent(regency)
    return (
        f"{street}<br>{_name(village)}, {kec} {_name(district)}, "
        f"{_name(regency)}, {_name(province)}"
    )


def _coverage(coverage) -> str:
    return (
        "; ".join(
            f"{_text(village.name)} ({_text(village.parent['name'])})"
            for village in coverage
        )
        or EMPTY
    )


def profile_fields_html(
    kim: Kim, *, labels: dict[str, list[str]], coverage
) -> SafeString:
    """The `<dt>`/`<dd>` rows of the profile's `<dl>`, one a line, indented as in the
    page; `labels` are the KIM's choice labels (`presenters.kim_list_labels`),
    `coverage` its desa (`selectors_profile.KimProfile.coverage`)."""
    text = _labels()
    frequency = (
        f"{_text(kim.frequency_count)} {_text(kim.get_frequency_unit_display())}"
        if kim.frequency_count
        else EMPTY
    )
    values = (
        ("Tipe", _or_empty(_text(kim.get_kim_type_display()))),
        ("Ketua/narahubung", _or_empty(_text(kim.chair_name))),
        ("Alamat", _address(kim, text["Kec."])),
        ("WhatsApp", _or_empty(_text(kim.whatsapp))),
        ("Telepon kantor", _or_empty(_text(kim.phone))),
        ("Email", _or_empty(_text(kim.email))),
        ("Wilayah jangkauan", _coverage(coverage)),
        ("Kelompok sosial-ekonomi", _joined(labels["social_groups"])),
        ("Jenis media", _joined(labels["media_types"])),
        ("Bidang kegiatan", _joined(labels["fields"])),
        ("Isu publik", _or_empty(linebreaksbr(kim.public_issues, autoescape=True))),
        ("Frekuensi diseminasi", frequency),
        ("Jenis konten", _joined(labels["content_types"])),
        ("Kekuatan (jangkauan)", _text(kim.power_reach)),
        ("Pengaruh (respons positif)", _text(kim.influence_response)),
    )
    rows = [f"<dt>{text[label]}</dt><dd>{value}</dd>" for label, value in values]
    # The template's `{% if %}` line stays, empty, when the KIM has no such reason.
    rows.append(
        f"<dt>{text['Alasan tidak aktif']}</dt>"
        f"<dd>{_text(kim.get_inactive_reason_display())}</dd>"
        if kim.inactive_reason
        else ""
    )
    return mark_safe("\n".join(f"    {row}" for row in rows))  # noqa: S308 — escaped


def _rows(values) -> SafeString:
    """`<dt>`/`<dd>` rows, one a line, indented as in the pages."""
    text = _labels()
    return mark_safe(  # noqa: S308 — labels and values escaped by the callers
        "\n".join(
            f"    <dt>{text[label]}</dt><dd>{value}</dd>" for label, value in values
        )
    )


def own_status_rows_html(kim: Kim, *, partnership: Partnership | None) -> SafeString:
    """The rows of the status card of the KIM's own page: status, NIK, type, desa and
    the current partnership (`selectors_profile.OwnKimPage.partnership`)."""
    village = kim.village
    district = _parent(village)
    if partnership is None:
        current = _labels()["Belum bermitra"]
    else:
        current = (
            f'<span class="badge badge-{_text(partnership.status)}">'
            f"{_text(partnership.get_status_display())}</span> "
            f"{_text(date(partnership.starts_on, 'j M Y'))} – "
            f"{_text(date(partnership.ends_on, 'j M Y'))}"
        )
    return _rows(
        (
            (
                "Status",
                f'<span class="badge badge-{_text(kim.status)}">'
                f"{_text(kim.get_status_display())}</span>",
            ),
            ("NIK", _or_empty(_text(kim.nik or ""))),
            ("Tipe", _or_empty(_text(kim.get_kim_type_display()))),
            (
                "Desa/kelurahan",
                f"{_name(village)}, {_name(district)}, {_name(_parent(district))}",
            ),
            ("Kemitraan", current),
        )
    )

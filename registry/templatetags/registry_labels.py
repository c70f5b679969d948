"""Labels of stored values for templates that show light rows instead of models."""

import html

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kimportal.core.urls_cache import markup_key

from ..choices import KimStatus, PartnershipStatus

register = template.Library()

_KIM_STATUS_LABELS = dict(KimStatus.choices)


@register.filter
def kim_status_label(value: str) -> str:
    """The (translated) label of a KIM status, as `get_status_display` would give."""
    return str(_KIM_STATUS_LABELS.get(value, value))


_MARKER = 2147483647
_url_parts: dict[tuple, tuple[str, str]] = {}


@register.simple_tag
def url_parts(name: str) -> tuple[str, str]:
    """The text before and after the object's id in URL `name` (reversed once per URL
    configuration and script prefix), so a list of 25 rows joins strings instead of
    reversing the URL 25 times."""
    key = (*markup_key(), name)
    parts = _url_parts.get(key)
    if parts is None:
        before, after = reverse(name, args=[_MARKER]).split(str(_MARKER))
        parts = _url_parts[key] = (before, after)
    return parts


@register.simple_tag
def kim_list_rows_html(rows, *, with_regency: bool) -> str:
    """The table rows of the KIM list (rows of `selectors.kim_list_rows`), built in
    Python: through the template language each of the 25 rows cost a dozen variable
    lookups and filters, a large share of the page's time. Values are escaped with the
    standard library's `html.escape` (what Django's `escape` calls, without its lazy
    wrapper); labels once per page."""
    before, after = url_parts("registry:kim-detail")
    active = html.escape(_("Mitra aktif"))
    under_review = html.escape(_("Dalam peninjauan"))
    until = _("s.d. %(date)s")
    status_labels: dict[str, str] = {}
    active_cells: dict = {}
    out = []
    for row in rows:
        status = row.status
        status_label = status_labels.get(status)
        if status_label is None:
            status_label = status_labels[status] = html.escape(kim_status_label(status))
        area = row.district_name + (f", {row.regency_name}" if with_regency else "")
        if row.open_partnership_status == PartnershipStatus.ACTIVE:
            # Many rows of a page end on the same date: formatted once per page.
            ends_on = row.open_partnership_ends_on
            partnership = active_cells.get(ends_on)
            if partnership is None:
                ends = date_format(ends_on, "j M Y")
                partnership = active_cells[ends_on] = (
                    f'<span class="badge badge-active">{active}</span><br>'
                    f'<small class="muted">{html.escape(until % {"date": ends})}</small>'
                )
        elif row.open_partnership_status == PartnershipStatus.UNDER_REVIEW:
            partnership = (
                f'<span class="badge badge-under_review">{under_review}</span>'
            )
        else:
            partnership = '<span class="muted">—</span>'
        # An f-string: str.format with named fields took five times as long per row.
        out.append(
            f'<tr><td><a href="{before}{row.id}{after}">{html.escape(row.name)}</a></td>'
            f"<td>{html.escape(row.nik or '—')}</td>"
            f"<td>{html.escape(row.kim_type or '—')}</td>"
            f"<td>{html.escape(row.village_name)}<br>"
            f'<small class="muted">{html.escape(area)}</small></td>'
            f'<td><span class="badge badge-{html.escape(status)}">{status_label}</span>'
            f"</td><td>{partnership}</td></tr>"
        )
    return mark_safe("".join(out))  # noqa: S308 — every value above is escaped

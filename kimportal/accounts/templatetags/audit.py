"""Links to the audit trail (kimportal.core.history) from any page.

{% load audit %}
<a href="{{ kim|history_url }}">Riwayat</a>      (always the URL)
{% history_link kim %}                         (a "Riwayat" link, only for readers)
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from kimportal.core.history import can_view_history
from kimportal.core.history import history_url as _history_url

register = template.Library()


@register.filter
def history_url(obj) -> str:
    return _history_url(obj)


@register.simple_tag(takes_context=True)
def history_link(context, obj, label=None):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if obj is None or not can_view_history(user):
        return ""
    return format_html(
        '<a href="{}" class="history-link">{}</a>',
        _history_url(obj),
        label or _("Riwayat"),
    )

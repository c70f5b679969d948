"""Share helpers for a delivered material (copy text, wa.me link) in templates."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def share_context(context, delivery) -> dict:
    from ..views.materials import delivery_share_context

    return delivery_share_context(context["request"], delivery)

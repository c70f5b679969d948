"""`{% chart c %}` renders a chart built by `kimportal.core.charts` (SVG + table)."""

from django import template

from kimportal.core.charts import Chart, fmt_number, render_chart

register = template.Library()


@register.simple_tag
def chart(value: Chart):
    return render_chart(value)


@register.filter
def number_id(value):
    """Indonesian grouping for counts in tables beside charts: 12.345 and 12,5."""
    return fmt_number(value)

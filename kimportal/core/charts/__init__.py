"""Charts drawn on the server as small SVG, with a data table beside each one.

Dashboards must stay light on a phone and work without JavaScript or a CDN, and a strict
CSP is on: so every chart is plain SVG, written as strings by `markup.render_chart`
(escaped there value by value, as a template would), coloured by classes from the static
stylesheet (no `style=` attributes, no scripts), with `<title>`/`<desc>` for screen
readers and a `<table>` of the same numbers behind a `<details>`. The builders below only
compute geometry.

Builders: `line_chart` (monthly trend, optionally filled), `bar_chart` (horizontal
ranking), `share_chart` (one 100 % stacked bar with a legend), `scatter_chart` (a grid
with quadrants and arrows from a previous position; mapping's interest × power) and
`funnel_chart` (a loop of steps, some of which may not be measured yet).
Render with `{% load chart_tags %}{% chart c %}` or `render_chart(c)`.
"""

from .base import Chart, Table, fmt_number, month_label
from .basic import Bar, Series, bar_chart, line_chart, share_chart
from .grid import FunnelStep, ScatterPoint, funnel_chart, scatter_chart
from .markup import render_chart

__all__ = [
    "Bar",
    "Chart",
    "FunnelStep",
    "ScatterPoint",
    "Series",
    "Table",
    "bar_chart",
    "fmt_number",
    "funnel_chart",
    "line_chart",
    "month_label",
    "render_chart",
    "scatter_chart",
    "share_chart",
]

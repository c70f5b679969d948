"""The validation queue's rows and KIM pickers, built in Python: a page holds 25 rows
and up to 300 KIM names twice, and rendering them field by field in the template (a
choice label lookup per cell, an `{% if %}` per option) cost more than its SQL."""

from __future__ import annotations

from html import escape

from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from ..choices import CheckStatus, ContentPlatform, Medium, ReportState


def queue_rows(reports) -> list[dict]:
    """Plain rows of a page of reports (with kim, village parent, material and
    evidence loaded): labels looked up once per page, not once per cell."""
    mediums = {k: str(v) for k, v in Medium.choices}
    states = {k: str(v) for k, v in ReportState.choices}
    platforms = {k: str(v) for k, v in ContentPlatform.choices}
    checks = {k: str(v) for k, v in CheckStatus.choices}
    rows = []
    for report in reports:
        evidence = [
            (
                link.url,
                platforms.get(link.content_item.platform, ""),
                checks[link.check_status],
            )
            for link in report.evidence.all()
        ]
        rows.append(
            {
                "pk": report.pk,
                "url": reverse("monitoring:report-detail", args=[report.pk]),
                "date": date_filter(report.activity_date, "j M Y"),
                "kim": report.kim.name,
                "area": report.village.parent.name if report.village.parent else "",
                "medium": mediums.get(report.medium, report.medium),
                "material": truncatechars(report.material.title, 40)
                if report.material
                else "",
                "evidence": evidence,
                "state": report.state,
                "state_label": states.get(report.state, report.state),
                "waiting": report.state == ReportState.SUBMITTED,
            }
        )
    return rows


def kim_options(kims) -> SafeString:
    """`<option>`s of (id, name) pairs as one string (the names escaped)."""
    return mark_safe(  # noqa: S308 - ids are ints, names are escaped
        "".join(
            f'<option value="{int(pk)}">{escape(name)}</option>' for pk, name in kims
        )
    )


def with_selected(options: SafeString, selected: str) -> SafeString:
    """`options` with the option of id `selected` (text) marked as selected."""
    if not selected.isdigit():
        return options
    value = f'<option value="{int(selected)}">'
    return mark_safe(  # noqa: S308 - only a fixed attribute is added
        options.replace(value, value[:-1] + " selected>", 1)
    )

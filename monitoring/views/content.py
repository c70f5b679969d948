"""A content item's page: its link, platform and the series of its metric snapshots as
a small trend chart (with the table alternative). Scoped like every read: out of scope
is 404."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kimportal.core.charts import Series, line_chart

from ..providers.selectors import content_series
from ..selectors import content_item_get


@login_required
@require_GET
def content_item_view(request, pk: int):
    item = content_item_get(user=request.user, pk=pk)
    series = content_series(item_id=item.pk)
    names = {
        "views": _("Tayangan"),
        "likes": _("Suka"),
        "comments": _("Komentar"),
        "shares": _("Dibagikan"),
    }
    # A platform reads only some numbers (Instagram has no views): draw the ones
    # that have at least one value.
    lines = [
        Series(label, [row[key] for row in series])
        for key, label in names.items()
        if any(row[key] is not None for row in series)
    ]
    chart = line_chart(
        title=_("Angka konten per hari"),
        labels=[f"{row['day']:%d/%m}" for row in series],
        series=lines,
        key="content-series",
    )
    return render(
        request,
        "monitoring/content_item.html",
        {
            "item": item,
            "series": series,
            "chart": chart,
            "manual": any(row["source"] == "manual" for row in series),
        },
    )

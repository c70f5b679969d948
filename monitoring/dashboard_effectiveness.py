"""The effectiveness dashboard's data, tables and charts, shared by the page and its
exports so that a download always holds exactly what the chart shows."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from kimportal.core.charts import (
    Bar,
    Series,
    bar_chart,
    line_chart,
    month_label,
    share_chart,
)

from .periods_effectiveness import Period
from .selectors_effectiveness import (
    RegionView,
    effectiveness_dashboard,
    effectiveness_ranking,
)

TABLES = ("trend", "ranking", "medium", "platform")


def dashboard_data(*, user, region: RegionView, period: Period) -> dict[str, Any]:
    """Everything the page shows, from the rollups (a fixed number of queries)."""
    return {
        **effectiveness_dashboard(user=user, region=region, period=period),
        "ranking": effectiveness_ranking(user=user, region=region, period=period),
    }


def _level_label(level: str) -> str:
    return {
        "province": _("Provinsi"),
        "regency": _("Kabupaten/kota"),
        "kim": _("KIM"),
    }[level]


def table(name: str, data: dict[str, Any]) -> tuple[str, list[str], list[list]]:
    """(title, headers, rows) of one of TABLES, with plain numbers for the exports."""
    if name == "trend":
        headers = [
            _("Bulan"),
            _("Laporan tervalidasi"),
            _("Jumlah kegiatan"),
            _("Konten baru"),
            _("KIM aktif"),
            _("Klik tautan"),
            _("Jawaban survei"),
        ]
        rows = [
            [
                f"{r['month']:%Y-%m}",
                r["reports"],
                r["activities"],
                r["content_items"],
                r["active_kims"],
                r["link_clicks"],
                r["survey_answers"],
            ]
            for r in data["trend"]
        ]
        return _("Tren per bulan"), headers, rows
    if name == "ranking":
        ranking = data["ranking"]
        headers = [
            _level_label(ranking["level"]),
            _("Laporan tervalidasi"),
            _("Konten baru"),
            _("Klik tautan"),
        ]
        rows = [
            [r["name"], r["reports"], r["content_items"], r["link_clicks"]]
            for r in ranking["rows"]
        ]
        return _("Peringkat"), headers, rows
    if name == "medium":
        rows = [[label, value] for label, value in data["shares"]["medium"]]
        return _("Laporan per media"), [_("Media"), _("Laporan tervalidasi")], rows
    if name == "platform":
        rows = [[label, value] for label, value in data["shares"]["platform"]]
        return _("Konten baru per platform"), [_("Platform"), _("Konten baru")], rows
    raise KeyError(name)


def _ranking_href(level: str, key, period: Period) -> str | None:
    if level == "kim":
        return reverse("registry:kim-detail", args=[key])
    query = urlencode({"region": key, "period": period.key})
    return f"{reverse('monitoring:effectiveness')}?{query}"


def charts(data: dict[str, Any], *, period: Period) -> dict[str, Any]:
    """The four charts of the page, each with its table alternative."""
    trend = data["trend"]
    ranking = data["ranking"]
    level = _level_label(ranking["level"])
    return {
        "trend": line_chart(
            title=_("Laporan tervalidasi per bulan"),
            labels=[month_label(r["month"]) for r in trend],
            series=[
                Series(_("Laporan tervalidasi"), [r["reports"] for r in trend]),
                Series(_("KIM aktif"), [r["active_kims"] for r in trend]),
            ],
            key="trend",
        ),
        "ranking": bar_chart(
            title=_("Peringkat %(level)s menurut laporan tervalidasi")
            % {"level": level},
            bars=[
                Bar(
                    r["name"],
                    r["reports"],
                    _ranking_href(ranking["level"], r["key"], period),
                )
                for r in ranking["rows"]
            ],
            value_title=_("Laporan tervalidasi"),
            label_title=level,
            key="ranking",
        ),
        "medium": share_chart(
            title=_("Bagian laporan per media"),
            parts=data["shares"]["medium"],
            label_title=_("Media"),
            value_title=_("Laporan tervalidasi"),
            key="medium",
        ),
        "platform": share_chart(
            title=_("Bagian konten baru per platform"),
            parts=data["shares"]["platform"],
            label_title=_("Platform"),
            value_title=_("Konten baru"),
            key="platform",
        ),
    }

"""Server-side SVG charts: values become shapes, every chart carries its table, labels are
escaped, and nothing needs a script or a style attribute."""

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.template import Context, Template
from django.utils import translation

from kimportal.core.charts import (
    Bar,
    FunnelStep,
    ScatterPoint,
    Series,
    bar_chart,
    fmt_number,
    funnel_chart,
    line_chart,
    month_label,
    render_chart,
    scatter_chart,
    share_chart,
)

SVG = "{http://www.w3.org/2000/svg}"
MONTHS = [month_label(date(2026, m, 1)) for m in range(1, 13)]


@pytest.fixture(autouse=True)
def indonesian():
    # The portal renders in Indonesian, whose decimal comma must never reach an SVG
    # coordinate.
    with translation.override("id"):
        yield


def svg_of(html: str) -> ET.Element:
    """The chart's SVG, parsed as XML: it must be well-formed."""
    match = re.search(r"<svg.*</svg>", html, re.S)
    assert match, html
    return ET.fromstring(match.group(0))


def table_rows(html: str) -> list[list[str]]:
    body = re.search(r"<tbody>(.*)</tbody>", html, re.S).group(1)
    return [
        re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        for row in re.findall(r"<tr>(.*?)</tr>", body)
    ]


def test_month_label_and_indonesian_numbers():
    assert month_label(date(2026, 8, 1)) == "Agu 2026"
    assert fmt_number(1234567) == "1.234.567"
    assert fmt_number(12.5) == "12,5"
    assert fmt_number(None) == "–"


def test_line_chart_draws_one_point_per_month_with_the_peak_on_top():
    values = [3, 5, 8, 13, 21, 34, 55, 40, 30, 25, 20, 12]
    chart = line_chart(
        title="Laporan per bulan", labels=MONTHS, series=[Series("Laporan", values)]
    )
    html = render_chart(chart)
    svg = svg_of(html)
    path = svg.find(f"{SVG}path[@class='line k0']")
    points = re.findall(r"[ML]([\d.]+) ([\d.]+)", path.get("d"))
    assert len(points) == 12
    ys = [float(y) for _x, y in points]
    assert ys.index(min(ys)) == values.index(max(values))  # SVG y grows downwards
    xs = [float(x) for x, _y in points]
    assert xs == sorted(xs)
    assert len(svg.findall(f"{SVG}circle")) == 12
    assert table_rows(html)[6] == ["Jul 2026", "55"]
    assert "tertinggi 55 (Jul 2026)" in svg.find(f"{SVG}desc").text


def test_line_chart_breaks_the_line_at_unmeasured_months_and_fills_area_only_when_whole():
    chart = line_chart(
        title="Klik",
        labels=MONTHS[:4],
        series=[Series("Klik", [1, None, 3, 4])],
        area=True,
    )
    svg = svg_of(render_chart(chart))
    d = svg.find(f"{SVG}path[@class='line k0']").get("d")
    assert d.count("M") == 2
    assert svg.find(f"{SVG}path[@class='area f0']") is None
    assert "–" in render_chart(chart)  # the table says the month was not measured


def test_two_series_get_a_legend_and_their_own_colours():
    chart = line_chart(
        title="Laporan dan klik",
        labels=MONTHS[:3],
        series=[Series("Laporan", [1, 2, 3]), Series("Klik", [4, 5, 6])],
    )
    html = render_chart(chart)
    svg = svg_of(html)
    assert svg.find(f"{SVG}path[@class='line k1']") is not None
    assert [t.text for t in svg.iter(f"{SVG}text")][-1] == "Klik"
    assert table_rows(html)[0] == ["Jan 2026", "1", "4"]


def test_bar_chart_ranks_largest_first_and_scales_to_the_largest():
    bars = [Bar(f"Kab {i}", i) for i in range(1, 16)]
    chart = bar_chart(
        title="Peringkat", bars=bars, value_title="Laporan", label_title="Kab/kota"
    )
    html = render_chart(chart)
    rects = svg_of(html).findall(f"{SVG}rect")
    assert len(rects) == 10
    widths = [float(r.get("width")) for r in rects]
    assert widths == sorted(widths, reverse=True)
    assert widths[1] / widths[0] == pytest.approx(14 / 15, abs=0.01)
    assert [row[0] for row in table_rows(html)][:2] == ["Kab 15", "Kab 14"]


def test_bar_chart_keeps_only_site_relative_links():
    chart = bar_chart(
        title="Peringkat",
        bars=[Bar("A", 2, href="/kim/1/"), Bar("B", 1, href="javascript:alert(1)")],
        value_title="n",
        label_title="nama",
    )
    html = render_chart(chart)
    assert 'href="/kim/1/"' in html
    assert "javascript" not in html


def test_share_chart_percentages_make_a_whole_and_small_parts_fold_into_lainnya():
    parts = [(f"Medium {i}", 10 - i) for i in range(8)]
    chart = share_chart(
        title="Bagian", parts=parts, label_title="Medium", value_title="Laporan"
    )
    html = render_chart(chart)
    rows = table_rows(html)
    assert len(rows) == 6
    assert rows[-1][0] == "Lainnya"
    assert rows[-1][1] == str(sum(10 - i for i in range(5, 8)))
    widths = [float(r.get("width")) for r in svg_of(html).findall(f"{SVG}rect")[::2]]
    assert sum(widths) == pytest.approx(400, abs=1)


def test_scatter_chart_places_points_in_quadrants_and_draws_arrows_for_movement():
    points = [
        ScatterPoint("Tinggi", 80, 90, from_x=20, from_y=30),
        ScatterPoint("Rendah", 10, 10),
        ScatterPoint("Di batas", 50, 50),  # on the split counts as high
        ScatterPoint("Diam", 30, 70, from_x=30, from_y=70),
    ]
    names = {"hh": "Mitra", "lh": "Persuasi", "hl": "Pembinaan", "ll": "Pantau"}
    chart = scatter_chart(
        title="Pemetaan",
        points=points,
        x_title="Ketertarikan",
        y_title="Kekuatan",
        x_split=50,
        y_split=50,
        quadrant_labels=names,
    )
    html = render_chart(chart)
    svg = svg_of(html)
    assert len(svg.findall(f"{SVG}circle")) == 4
    assert len(svg.findall(f"{SVG}line[@class='arrow']")) == 1  # "Diam" did not move
    quadrants = {row[0]: row[3] for row in table_rows(html)}
    assert quadrants == {
        "Tinggi": "Mitra",
        "Rendah": "Pantau",
        "Di batas": "Mitra",
        "Diam": "Persuasi",
    }
    assert "Mitra: 2" in svg.find(f"{SVG}desc").text
    high = svg.findall(f"{SVG}circle")[0]
    assert float(high.get("cx")) > 200 and float(high.get("cy")) < 200


def test_funnel_marks_unmeasured_steps_and_shares_of_the_first():
    chart = funnel_chart(
        title="Alur bahan",
        steps=[
            FunnelStep("Ditargetkan", 200),
            FunnelStep("Dilaporkan", 50),
            FunnelStep("Outtakes", None),
        ],
    )
    html = render_chart(chart)
    svg = svg_of(html)
    assert svg.find(f"{SVG}rect[@class='missing']") is not None
    assert table_rows(html) == [
        ["Ditargetkan", "200", "100 %"],
        ["Dilaporkan", "50", "25 %"],
        ["Outtakes", "belum ada data", "–"],
    ]


@pytest.mark.parametrize(
    "chart",
    [
        line_chart(title="Tren", labels=[], series=[]),
        line_chart(title="Tren", labels=["Jan"], series=[Series("x", [None])]),
        bar_chart(title="Peringkat", bars=[], value_title="n", label_title="nama"),
        share_chart(title="Bagian", parts=[("a", 0)], label_title="m", value_title="n"),
        scatter_chart(
            title="Grid", points=[], x_title="x", y_title="y", x_split=1, y_split=1
        ),
        funnel_chart(title="Alur", steps=[FunnelStep("a", None)]),
    ],
    ids=lambda c: c.kind,
)
def test_empty_data_says_belum_ada_data_without_svg(chart):
    html = render_chart(chart)
    assert "Belum ada data" in html
    assert "<svg" not in html


def test_labels_are_escaped_and_the_svg_stays_well_formed():
    evil = '<script>alert("x")</script> & "Kab" onload=1'
    charts = [
        bar_chart(title=evil, bars=[Bar(evil, 3)], value_title=evil, label_title="n"),
        line_chart(title="t", labels=[evil], series=[Series(evil, [2])]),
        share_chart(title="s", parts=[(evil, 1)], label_title="m", value_title="n"),
        scatter_chart(
            title="g",
            points=[ScatterPoint(evil, 1, 2)],
            x_title=evil,
            y_title="y",
            x_split=1,
            y_split=1,
        ),
        funnel_chart(title="f", steps=[FunnelStep(evil, 1)]),
    ]
    for chart in charts:
        html = render_chart(chart)
        assert "<script" not in html
        assert "&lt;script&gt;" in html
        svg_of(html)  # parses


def test_charts_need_no_script_or_style_and_stay_small():
    chart = line_chart(
        title="Laporan per bulan",
        labels=MONTHS,
        series=[Series("Laporan", [1234.5 * m for m in range(12)])],
        area=True,
    )
    ranking = bar_chart(
        title="Peringkat",
        bars=[
            Bar(f"Kabupaten Contoh Nomor {i}", i * 1000, f"/r/{i}/") for i in range(10)
        ],
        value_title="Laporan",
        label_title="Kab/kota",
    )
    for one in (chart, ranking):
        html = render_chart(one)
        assert len(html.encode()) < 5 * 1024
        assert "style=" not in html and "<script" not in html and " on" not in html
        svg = svg_of(html)
        # An image has no interactive children: the ranking's links make it a group.
        assert svg.get("role") == ("group" if one is ranking else "img")
        labelled = svg.get("aria-labelledby").split()
        ids = {el.get("id") for el in svg.iter() if el.get("id")}
        assert set(labelled) <= ids
        # Coordinates use a decimal point even though the page is Indonesian.
        assert all("," not in (r.get("width") or "") for r in svg.iter(f"{SVG}rect"))


def test_template_tag_renders_the_chart():
    chart = bar_chart(
        title="Peringkat", bars=[Bar("A", 1)], value_title="n", label_title="m"
    )
    html = Template("{% load chart_tags %}{% chart c %}").render(Context({"c": chart}))
    assert html == render_chart(chart)
    assert '<details class="chart-data">' in html


def test_funnel_steps_in_another_unit_get_no_share_of_the_first():
    chart = funnel_chart(
        title="Alur bahan",
        steps=[
            FunnelStep("Ditargetkan", 10),
            FunnelStep("Dilaporkan", 5),
            FunnelStep("Klik", 900, relative=False),
        ],
    )
    html = render_chart(chart)
    assert table_rows(html)[2] == ["Klik", "900", "–"]
    widths = [float(r.get("width")) for r in svg_of(html).findall(f"{SVG}rect")]
    assert widths[1] == pytest.approx(widths[0] / 2, abs=0.2)  # not shrunk by 900


def test_scatter_with_links_is_a_group_of_named_links_and_can_summarise_its_table():
    points = [
        ScatterPoint(f"KIM {i}", i, 100 - i, href=f"/kim/{i}/") for i in range(40)
    ]
    chart = scatter_chart(
        title="Grid", points=points, x_title="x", y_title="y", x_split=50,
        y_split=50, table="quadrants",
    )  # fmt: skip
    html = render_chart(chart)
    svg = svg_of(html)
    assert svg.get("role") == "group"
    links = svg.findall(f"{SVG}a")
    assert len(links) == 40
    assert links[0].get("aria-label") == "KIM 0: 0 × 100"
    # One row per quadrant (ll, hl, lh, hh counts), not one per point.
    assert table_rows(html) == [["hh", "0"], ["lh", "40"], ["hl", "0"], ["ll", "0"]]
    plain = scatter_chart(
        title="Grid", points=[ScatterPoint("A", 1, 1)], x_title="x", y_title="y",
        x_split=50, y_split=50,
    )  # fmt: skip
    assert svg_of(render_chart(plain)).get("role") == "img"

"""The charts tell the truth at a glance: one palette whose colours mean the same on
every page and stay apart for colour-blind readers, an axis and values, whole
labels, words instead of codes, and text a phone can read (real Chromium)."""

from __future__ import annotations

import colorsys
import html
import itertools
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import HOSTILE, MINI, SAMPLE, build_site
from napkit.site import charts

SVG = "{http://www.w3.org/2000/svg}"
LONG = "Resources Mobilization, Monitoring and Evaluation of the National Action Plan"
PAGES = ("index.html", "pillars/index.html", "tracker.html")
MKDOCS = (
    "site_name: Test plan\nsite_url: https://example.org/\nstrict: true\nuse_directory_urls: false\n"
    "theme: {name: material, font: false}\nplugins: [search, napkit, offline]\n"
    "markdown_extensions: [tables, attr_list, md_in_html, admonition, pymdownx.details, toc]\n"
)


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # well-formed XML, or this raises


def _texts(root: ET.Element, cls: str) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("class") == cls]


def _label_lines(root: ET.Element) -> list[str]:
    return [
        " ".join(s.text or "" for s in t.iter(f"{SVG}tspan"))
        for t in root.iter(f"{SVG}text")
        if t.get("class") == "napkit-chart-label"
    ]


# --- colour arithmetic: WCAG contrast, and how a colour looks with a colour vision
# deficiency (Machado, Oliveira and Fernandes 2009, full severity), compared in CIELAB.


def _linear(hex_colour: str) -> tuple[float, float, float]:
    def one(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    h = hex_colour.lstrip("#")
    r, g, b = (one(int(h[i : i + 2], 16)) for i in (0, 2, 4))
    return r, g, b


def _contrast_with_white(hex_colour: str) -> float:
    r, g, b = _linear(hex_colour)
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


DEFICIENCIES = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = (min(1.0, max(0.0, v)) for v in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.9505
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.089

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _seen(hex_colour: str, matrix: tuple[tuple[float, float, float], ...]) -> tuple[float, ...]:
    rgb = _linear(hex_colour)
    r, g, b = (sum(m * c for m, c in zip(row, rgb, strict=True)) for row in matrix)
    return _lab((r, g, b))


def _distance(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    return float(sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5)


# --- the palette


def test_every_status_verdict_and_funding_code_has_one_colour() -> None:
    from napkit.build.tracker import VERDICTS
    from napkit.site.dashboard import STATUSES

    for code in (*STATUSES, *VERDICTS, "committed", "funding-gap"):
        assert charts.colour(code).startswith("#"), code


def test_no_two_meanings_share_a_colour() -> None:
    colours = list(charts.COLOURS.values())
    assert len({c.lower() for c in colours}) == len(colours)


def test_the_same_meaning_is_the_same_colour() -> None:
    c = charts.colour
    assert c("completed") == c("on time") == c("committed")  # good
    assert c("delayed") == c("late")  # a warning
    assert c("funding-gap") not in {c("completed"), c("on-track"), c("on time")}
    neutral = {c("not-started"), c("not submitted"), c("missing"), c("no-report")}
    assert not neutral & {c("completed"), c("on-track"), c("delayed"), c("cancelled")}


def _hue_saturation(hex_colour: str) -> tuple[float, float]:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, _light, saturation = colorsys.rgb_to_hls(r, g, b)
    return hue * 360, saturation


@pytest.mark.parametrize("code", ["on-track", "completed", "on time", "committed"])
def test_good_news_is_not_red(code: str) -> None:
    hue, saturation = _hue_saturation(charts.colour(code))
    assert saturation < 0.2 or 45 < hue < 300, (code, hue)  # away from red, orange, pink


@pytest.mark.parametrize("code", ["not-started", "not submitted", "missing", "no-report"])
def test_nothing_yet_is_not_green(code: str) -> None:
    hue, saturation = _hue_saturation(charts.colour(code))
    assert saturation < 0.2 or not 75 < hue < 180, (code, hue)


def test_bars_stand_out_from_the_white_page() -> None:
    """WCAG 1.4.11: 3:1 for each fill, or for its outline where the fill is pale."""
    for meaning, fill in charts.COLOURS.items():
        edge = charts.OUTLINE.get(meaning, fill)
        assert _contrast_with_white(edge) >= 3, (meaning, edge)


@pytest.mark.parametrize("deficiency", sorted(DEFICIENCIES))
def test_colour_blind_readers_tell_the_meanings_apart(deficiency: str) -> None:
    matrix = DEFICIENCIES[deficiency]
    for (a, ca), (b, cb) in itertools.combinations(charts.COLOURS.items(), 2):
        gap = _distance(_seen(ca, matrix), _seen(cb, matrix))
        assert gap >= 12, (deficiency, a, b, round(gap, 1))  # CIE76 units


# --- the drawing


def _chart(labels: list[str], series: list[charts.Series], unit: str = "IQD") -> ET.Element:
    return _parse(charts.stacked_bars("c", "A chart", labels, series, unit))


def test_axis_has_round_ticks_and_each_bar_its_total() -> None:
    labels = ["Participation", "Protection and Prevention", "Promotion"]
    committed = (1_250_000, 4_000_000, 0)
    gap = (750_000, 2_600_000, 300_000)
    root = _chart(
        labels, [charts.Series("committed", committed), charts.Series("funding-gap", gap)]
    )
    ticks = _texts(root, "napkit-chart-tick")
    assert ticks[0] == "0" and 3 <= len(ticks) <= 6, ticks
    values = [charts.nice_ticks(Decimal(6_600_000))[i] for i in range(len(ticks))]
    assert ticks == [charts.compact(v) for v in values]
    assert all(t.endswith("M") for t in ticks[1:]), ticks  # money in millions, not digits
    totals = _texts(root, "napkit-chart-total")
    assert totals == [charts.compact(a + b) for a, b in zip(committed, gap, strict=True)]
    assert totals == ["2M", "6.6M", "300k"]
    lines = list(root.iter(f"{SVG}line"))
    assert len(lines) == len(ticks)  # a gridline for each tick


def test_each_segment_says_its_label_and_full_value() -> None:
    root = _chart(
        ["Promotion"],
        [charts.Series("on-track", (3,)), charts.Series("no-report", (12,))],
        "activities",
    )
    tips = [r.findtext(f"{SVG}title") for r in root.iter(f"{SVG}rect")]
    assert tips == ["Promotion, on track: 3 activities", "Promotion, no report yet: 12 activities"]
    root = _chart(["Promotion"], [charts.Series("committed", (Decimal(125_000_000),))])
    assert [r.findtext(f"{SVG}title") for r in root.iter(f"{SVG}rect")] == [
        "Promotion, committed: 125,000,000 IQD"
    ]


def test_bars_are_in_proportion_and_leave_room_for_their_totals() -> None:
    root = _chart(
        ["a", "b"], [charts.Series("completed", (10, 5)), charts.Series("delayed", (10, 0))]
    )
    rects = list(root.iter(f"{SVG}rect"))
    widths = [float(r.get("width", "").rstrip("%")) for r in rects]
    assert widths[0] == widths[1] == 2 * widths[2]  # 10, 10 and 5
    ends = [float(r.get("x", "").rstrip("%")) + w for r, w in zip(rects, widths, strict=True)]
    assert max(ends) <= 90  # the rest of the width is for the total after the bar


def test_each_code_has_its_colour_in_the_drawing_and_the_legend() -> None:
    series = [charts.Series(s, (1,)) for s in ("completed", "on-track", "delayed", "no-report")]
    root = _chart(["x"], series)
    assert {r.get("data-code"): r.get("fill") for r in root.iter(f"{SVG}rect")} == {
        s.code: charts.colour(s.code) for s in series
    }
    legend = charts.legend(series)
    assert re.findall(r'fill="([^"]+)" stroke="[^"]+" data-code="([^"]+)"', legend) == [
        (charts.colour(s.code), s.code) for s in series
    ]
    assert re.findall(r"</svg> ([^<]+)</li>", legend) == [
        "completed",
        "on track",
        "delayed",
        "no report yet",
    ]


def test_long_labels_wrap_whole_onto_lines() -> None:
    root = _chart([LONG, "Promotion"], [charts.Series("completed", (1, 2))])
    assert _label_lines(root) == [LONG, "Promotion"]
    first = next(t for t in root.iter(f"{SVG}text") if t.get("class") == "napkit-chart-label")
    lines = [s.text or "" for s in first.iter(f"{SVG}tspan")]
    assert len(lines) >= 2 and all(len(line) <= charts.WRAP for line in lines), lines


def test_plan_text_in_a_chart_is_escaped() -> None:
    hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
    svg = charts.stacked_bars("c", hostile, [hostile], [charts.Series("completed", (1,))])
    root = _parse(svg)
    assert root.findtext(f"{SVG}title") == hostile  # the text survives, as text
    assert _label_lines(root) == [" ".join(charts._lines(hostile))]
    assert "<script" not in svg and "<img" not in svg
    assert not [e for e in root.iter() if e.tag.split("}")[-1] in ("script", "img")]


def test_an_empty_year_draws_an_axis_and_zeros() -> None:
    root = _chart(["a", "b"], [charts.Series("committed", (0, 0))])
    assert _texts(root, "napkit-chart-tick") == ["0", "1"]
    assert _texts(root, "napkit-chart-total") == ["0", "0"]
    assert not list(root.iter(f"{SVG}rect"))


@pytest.mark.parametrize(
    "biggest", [1, 3, 7, 10, 12, 17, 99, 250, 1_000, 61_234, 2_500_000, 193_050_000, 7e9]
)
def test_ticks_are_round_and_cover_the_biggest_bar(biggest: float) -> None:
    ticks = charts.nice_ticks(Decimal(biggest))
    assert ticks[0] == 0 and ticks[-1] >= Decimal(biggest)
    assert 2 <= len(ticks) <= 6, ticks
    step = ticks[1]
    assert all(b - a == step for a, b in itertools.pairwise(ticks))
    mantissa = step.scaleb(-step.adjusted()).normalize()
    assert mantissa in {1, 2, Decimal("2.5"), 5}, step
    assert step == step.to_integral_value()  # no tick between whole numbers


@pytest.mark.parametrize("value", [0, 7, 999, 1_234, 61_234, 999_999, 2_500_000, 193_050_000])
def test_compact_numbers_stay_within_one_percent(value: int) -> None:
    text = charts.compact(Decimal(value))
    assert len(text) <= 5, text
    scale = {"k": 1e3, "M": 1e6, "B": 1e9}.get(text[-1], 1)
    number = float(text.rstrip("kMB")) * scale
    assert abs(number - value) <= value / 100, text


def test_the_data_table_has_words_every_segment_and_the_total() -> None:
    series = [charts.Series("on-track", (3, 0)), charts.Series("no-report", (12, 1))]
    rows = charts.data_table(["Promotion", LONG], series, "pillar")
    assert rows[0] == ["pillar", "on track", "no report yet", "total"]
    assert rows[1:] == [["Promotion", "3", "12", "15"], [LONG, "0", "1", "1"]]


# --- the built sample site


def _svgs(page: str) -> list[ET.Element]:
    """The charts on a page (not the theme's icons, nor the legends' swatches)."""
    found = re.findall(
        r'<svg xmlns="http://www.w3.org/2000/svg" class="napkit-chart".*?</svg>', page, re.S
    )
    return [_parse(m) for m in found]


@pytest.mark.slow
def test_a_status_is_the_same_colour_on_every_page(sample_site: Path) -> None:
    seen: dict[str, set[str]] = {}
    for rel in PAGES:
        page = (sample_site / rel).read_text("utf-8")
        for fill, code in re.findall(r'<rect [^>]*fill="([^"]+)"[^>]*data-code="([^"]+)"', page):
            seen.setdefault(fill, set()).add(code)
    by_code = {code: fill for fill, codes in seen.items() for code in codes}
    assert {
        "completed",
        "on-track",
        "delayed",
        "committed",
        "funding-gap",
        "on time",
        "late",
    } <= set(by_code)
    assert all(len({by_code[c] for c in codes}) == 1 for codes in seen.values())
    for code, fill in by_code.items():
        assert fill == charts.colour(code), code


@pytest.mark.slow
def test_built_charts_have_axes_values_words_and_whole_names(sample_site: Path) -> None:
    import yaml

    nap = yaml.safe_load((SAMPLE / "plans/nap.yaml").read_text("utf-8"))
    names = [p["title"]["en"] for p in nap["pillars"]]
    longest = max(names, key=len)
    home = (sample_site / "index.html").read_text("utf-8")
    charts_on_home = _svgs(home)
    assert [s.get("class") for s in charts_on_home] == ["napkit-chart"] * 3
    for svg in charts_on_home:
        assert svg.get("role") == "img" and svg.findtext(f"{SVG}title")
        assert len(_texts(svg, "napkit-chart-tick")) >= 3
        assert _texts(svg, "napkit-chart-total")
    assert _label_lines(charts_on_home[0]) == names
    assert longest in _label_lines(charts_on_home[1])
    legends = re.findall(r'<ul class="napkit-chart-legend">(.*?)</ul>', home, re.S)
    words = [w.strip() for legend in legends for w in re.findall(r"</svg>([^<]+)</li>", legend)]
    codes = {"on-track", "no-report", "not-started", "funding-gap"}
    assert {"on track", "no report yet", "funding gap"} <= set(words)
    assert not codes & set(words)
    headers = re.findall(r"<th[^>]*>([^<]*)</th>", home)
    assert {"on track", "no report yet", "funding gap", "total"} <= set(headers)
    assert not codes & set(headers)


@pytest.mark.slow
def test_chart_ids_are_unique_on_each_page(sample_site: Path) -> None:
    for rel in PAGES:
        ids = re.findall(r'<title id="([^"]+)"', (sample_site / rel).read_text("utf-8"))
        assert ids and len(ids) == len(set(ids)), (rel, ids)


@pytest.mark.slow
def test_a_hostile_pillar_name_stays_text_in_chart_and_table(tmp_path: Path) -> None:
    """The hostile_site fixture attacks the plan's text; here the framework's names,
    which the charts draw, are the attack."""
    name = f"{HOSTILE[0]} {HOSTILE[4]} {HOSTILE[1]}"
    src = tmp_path / "src"
    shutil.copytree(MINI / "plans", src / "plans")
    nap = src / "plans/nap.yaml"
    nap.write_text(
        nap.read_text("utf-8").replace("title: Participation", f"title: {json.dumps(name)}"),
        "utf-8",
    )
    (src / "docs").mkdir()
    (src / "mkdocs.yml").write_text(MKDOCS, "utf-8")
    site = build_site(src, tmp_path / "site")
    for rel in ("index.html", "pillars/index.html"):
        page = (site / rel).read_text("utf-8")
        article = page[page.index("<article") : page.index("</article>")]
        assert "<script" not in article and "<img" not in article, rel
        (status_chart,) = [c for c in _svgs(page) if "status" in (c.findtext(f"{SVG}title") or "")]
        assert _label_lines(status_chart)[0] == name, rel  # whole, and as text
        table = article[article.index('<details class="napkit-chart-data"') :]
        rows = re.findall(r"<tr>\s*<td\b[^>]*>(.*?)</td>", table, re.S)
        assert html.unescape(rows[0]) == name, rel  # one cell: the pipes did not split it


# --- in Chromium, at a laptop's and a phone's width


@pytest.fixture(scope="module")
def served(sample_site: Path) -> Iterator[str]:
    from chromium import serve

    yield from serve(sample_site)


# For each chart: the smallest rendered text, and how far anything pokes out.
MEASURE = """() => {
  const content = document.querySelector('article').getBoundingClientRect();
  return [...document.querySelectorAll('svg.napkit-chart')].map(svg => {
    const box = svg.getBoundingClientRect();
    const scale = svg.getScreenCTM().a;  // 1 when nothing scales the drawing
    const texts = [...svg.querySelectorAll('text')];
    const sizes = texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
    const out = texts.map(t => {
      const r = t.getBoundingClientRect();
      return Math.max(box.left - r.left, r.right - box.right);
    });
    return {smallest: Math.min(...sizes), textOut: Math.max(...out),
            chartOut: box.right - content.right, left: box.left - content.left,
            labels: texts.filter(t => t.classList.contains('napkit-chart-label'))
                         .map(t => t.textContent)};
  });
}"""


@pytest.mark.slow
@pytest.mark.parametrize(("width", "height"), [(1366, 900), (390, 844)])
def test_charts_are_readable_and_fit_at_each_width(
    browser: Any, served: str, width: int, height: int, tmp_path: Path
) -> None:
    shots = Path(os.environ.get("NAPKIT_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        for rel in PAGES:
            page.goto(f"{served}/{rel}")
            found = page.evaluate(MEASURE)
            assert found, rel
            for n, chart in enumerate(found):
                where = (rel, width, n)
                assert chart["smallest"] >= 11, where
                assert chart["textOut"] <= 1, where  # no text cut at the chart's edge
                assert chart["chartOut"] <= 1 and chart["left"] >= -1, where
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (rel, width)
        page.goto(f"{served}/index.html")
        figures = page.locator("figure.napkit-chart-figure")
        for n in range(figures.count()):
            figures.nth(n).screenshot(path=str(shots / f"home-chart-{n + 1}-{width}.png"))
        page.screenshot(path=str(shots / f"home-{width}.png"), full_page=True)
    finally:
        context.close()

"""Server-side SVG charts: a figure with a caption, an SVG labelled by it, and a table with the same numbers;
colours with enough contrast, patterns besides colour, numbers in the reader's language, no JavaScript."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from core.charts import (
    BACKGROUND,
    GRID,
    PALETTE,
    TEXT,
    bar_chart,
    contrast_ratio,
    format_number,
    per_period,
    stacked_bar_chart,
    time_chart,
)

CHANNELS = ["Online", "Papier", "Veranstaltung", "Bürgerbüro"]


def parse(chart, printing=False):
    return BeautifulSoup(chart.render(printing=printing), "html.parser")


def cells(table):
    return {row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")]
            for row in table.tbody.find_all("tr")}


def test_colours_stand_out_from_the_background_and_from_their_neighbours():
    for colour in PALETTE:
        assert contrast_ratio(colour, BACKGROUND) >= 3, colour
    for first, second in zip(PALETTE, PALETTE[1:], strict=False):
        assert contrast_ratio(first, second) >= 3, (first, second)
    assert contrast_ratio(TEXT, BACKGROUND) >= 4.5
    assert contrast_ratio(GRID, BACKGROUND) >= 3


def test_a_bar_chart_is_a_labelled_figure_with_a_matching_table():
    with translation.override("de"):
        chart = bar_chart(id="ideen-kanal", caption="Ideen nach Kanal", label_header="Kanal", value_header="Ideen",
                          rows=[("Online", 1500), ("Papier", 750), ("Veranstaltung", 0)])
        page = parse(chart)
    figure = page.figure
    caption = figure.figcaption
    svg = figure.svg
    assert caption.get_text(strip=True) == "Ideen nach Kanal"
    assert svg["role"] == "img" and svg["aria-labelledby"] == caption["id"] == "ideen-kanal-caption"
    assert svg["width"] == "100%" and svg["viewbox"] == f"0 0 400 {chart.height}"  # shrinks to any width
    assert not page.find("script")
    table = figure.details.table  # in a <details>, which a browser's print opens
    assert table.caption.get_text(strip=True) == "Ideen nach Kanal"
    assert [th["scope"] for th in table.thead.find_all("th")] == ["col", "col"]
    assert all(row.th["scope"] == "row" for row in table.tbody.find_all("tr"))
    assert cells(table) == {"Online": ["1.500"], "Papier": ["750"], "Veranstaltung": ["0"]}
    bars = svg.select("rect[data-value]")
    assert [float(bar["data-value"]) for bar in bars] == [1500, 750]
    assert float(bars[0]["width"]) == pytest.approx(2 * float(bars[1]["width"]))
    labels = [text.get_text() for text in svg.find_all("text")]
    assert labels == ["Online", "1.500", "Papier", "750", "Veranstaltung", "0"]  # numbers written at the bars


def test_svg_coordinates_stay_plain_numbers_in_german():
    with translation.override("de"):
        page = parse(bar_chart(id="c", caption="C", label_header="A", value_header="B", rows=[("a", 3), ("b", 7)]))
    for rect in page.select("rect"):
        for attribute in ("x", "y", "width", "height"):
            if rect.get(attribute):
                assert re.fullmatch(r"-?\d+(\.\d+)?", rect[attribute]), rect


def test_a_stacked_chart_has_patterns_a_legend_and_totals():
    with translation.override("en"):
        chart = stacked_bar_chart(id="bezirke", caption="Ideen nach Stadtteil und Kanal", series=CHANNELS,
                                  label_header="Stadtteil",
                                  rows=[("Moisling", [1, 2, 0, 1]), ("Innenstadt", [3, 0, 1, 0])])
        page = parse(chart)
    svg = page.svg
    legend = [text.get_text() for text in svg.select(".chart__legend-item text")]
    assert legend == CHANNELS
    patterns = [pattern["id"] for pattern in svg.find_all("pattern")]
    assert patterns == ["bezirke-pattern-1", "bezirke-pattern-2", "bezirke-pattern-3"]  # the first is solid
    segments = svg.select("rect[data-series]")
    assert [(int(s["data-series"]), float(s["data-value"])) for s in segments] == [
        (0, 1), (1, 2), (3, 1), (0, 3), (2, 1)]
    assert segments[1]["fill"] == "url(#bezirke-pattern-1)" and segments[1]["stroke"] == "#ffffff"  # separator
    table = page.table
    assert [th.get_text() for th in table.thead.find_all("th")] == ["Stadtteil", *CHANNELS, "Total"]
    assert cells(table) == {"Moisling": ["1", "2", "0", "1", "4"], "Innenstadt": ["3", "0", "1", "0", "4"]}


def test_shares_add_a_column():
    with translation.override("de"):
        chart = stacked_bar_chart(id="q", caption="Frage", series=["Online", "Papier"], label_header="Antwort",
                                  rows=[("Ja", [2, 1]), ("Nein", [1, 0])], shares=[75.0, 25.0])
    assert cells(parse(chart).table) == {"Ja": ["2", "1", "3", "75,0 %"], "Nein": ["1", "0", "1", "25,0 %"]}


def test_per_period_fills_empty_weeks_and_switches_to_months():
    monday = datetime.date(2026, 3, 2)
    with translation.override("en"):
        periods, series = per_period([("Ideen", {monday: 2, monday + datetime.timedelta(days=16): 1}),
                                      ("Kommentare", {monday + datetime.timedelta(days=3): 4})])
    assert [full for full, _short in periods] == ["Week from 03/02/2026", "Week from 03/09/2026",
                                                  "Week from 03/16/2026"]
    assert series == [("Ideen", [2, 0, 1]), ("Kommentare", [4, 0, 0])]
    with translation.override("de"):
        periods, series = per_period([("Stunden", {datetime.date(2026, 1, 31): 2, datetime.date(2026, 9, 2): 3})])
    assert len(periods) == 9 and periods[0][0] == "Januar 2026" and periods[-1][0] == "September 2026"
    assert series == [("Stunden", [2, 0, 0, 0, 0, 0, 0, 0, 3])]


def test_a_time_chart_draws_columns_in_proportion_and_lists_every_period():
    periods = [(f"Woche {n}", f"KW {n}") for n in range(1, 11)]
    chart = time_chart(id="zeit", caption="Antworten je Woche", periods=periods, period_header="Woche",
                       series=[("Online", [4, 0, 2, 0, 0, 0, 0, 0, 0, 1]), ("Papier", [0, 0, 2, 0, 0, 0, 0, 0, 0, 0])])
    page = parse(chart)
    columns = page.svg.select("rect[data-value]")
    heights = {(col["data-series"], float(col["data-value"])): float(col["height"]) for col in columns}
    assert heights[("0", 4)] == pytest.approx(4 * heights[("0", 1)])
    assert heights[("0", 2)] == pytest.approx(heights[("1", 2)])
    rows = cells(page.table)
    assert len(rows) == 10 and rows["Woche 3"] == ["2", "2", "4"]  # online, paper, total
    assert len(page.svg.select("text[text-anchor]")) >= 2  # axis labels, at most five on the time axis


def test_a_line_chart_marks_each_series_with_its_own_dash_and_marker():
    chart = time_chart(id="linien", caption="Beiträge", periods=[("A", "A"), ("B", "B")], period_header="Woche",
                       style="lines", series=[("Ideen", [1, 3]), ("Kommentare", [2, 0]), ("Unterstützungen", [0, 5])])
    svg = parse(chart).svg
    lines = svg.find_all("polyline")
    assert len(lines) == 3 and len({line.get("stroke-dasharray") for line in lines}) == 3
    markers = [next(child for child in group.children if getattr(child, "name", None)).name
               for group in svg.select("g[data-series]")]
    assert set(markers) == {"circle", "rect", "path"}
    assert [float(g["data-value"]) for g in svg.select('g[data-series="2"]')] == [0, 5]


def test_the_printed_table_comes_in_blocks_that_fit_on_a_page():
    chart = bar_chart(id="viele", caption="Viele Zeilen", label_header="Zeile", value_header="Wert",
                      rows=[(f"Zeile {n}", n) for n in range(1, 41)])
    with translation.override("en"):
        page = parse(chart, printing=True)
    assert not page.find("details")
    tables = page.find_all("table")
    assert [len(table.tbody.find_all("tr")) for table in tables] == [15, 15, 10]
    assert tables[1].caption.get_text(strip=True) == "Viele Zeilen (continued)"


def test_an_empty_chart_says_so_instead_of_drawing_nothing():
    chart = bar_chart(id="leer", caption="Nichts", label_header="A", value_header="B", rows=[("a", 0)],
                      empty_text="Noch keine Ideen.")
    page = parse(chart)
    assert page.figcaption.get_text(strip=True) == "Nichts"
    assert page.find("p").get_text(strip=True) == "Noch keine Ideen." and not page.find("svg")


def test_numbers_follow_the_active_language():
    with translation.override("de"):
        assert (format_number(1234567), format_number(5.5, 1)) == ("1.234.567", "5,5")
    with translation.override("en"):
        assert format_number(1234567) == "1,234,567" and format_number(5.5, 1) == "5.5"

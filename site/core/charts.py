"""Charts drawn on the server as SVG, each with a data table that holds the same numbers (no JavaScript).

Every chart is a ``<figure>``: the ``<figcaption>`` names it, the SVG (``role="img"``, labelled by the
caption) draws it, and a real ``<table>`` holds every number, inside a ``<details>`` that opens when
printing. Colours have at least 3:1 contrast to the white background and to their neighbours in
``PALETTE`` order; each series also has its own pattern (bars) or dash and marker (lines), a legend and
the numbers written next to the bars, so colour is never the only cue. The SVG has a viewBox and
``width="100%"``: it shrinks to a 320 px screen. Numbers follow the active language (1.234 / 1,234).

Three kinds: ``bar_chart`` (categories), ``stacked_bar_chart`` (categories split by series, e.g.
channels) and ``time_chart`` (per week or month; stacked columns or lines).
"""

import datetime
import math
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format, number_format
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

BACKGROUND = "#ffffff"
TEXT = "#1b1b1b"
GRID = "#949494"
# Dark and mid tones alternate, so neighbouring segments differ by at least 3:1 (tested).
PALETTE = ("#0b2a5b", "#d0700a", "#3d1a5b", "#2e9a4a")
PATTERNS = ("solid", "stripes", "dots", "crosshatch")
DASHES = ("", "8 4", "2 4", "10 4 2 4")
MARKERS = ("circle", "square", "triangle", "diamond")

MAX_WEEKS = 26  # longer spans are shown per month
WIDTH = 400  # viewBox units; the SVG scales to its container
FONT = 13
SMALL_FONT = 11
PRINT_ROWS = 15  # rows per table block in the PDF report: no table spans two pages


def relative_luminance(colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast_ratio(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def format_number(value, decimals=0):
    """A number as the active language writes it, with thousands separators."""
    if value is None:
        return "–"
    if decimals == 0:
        value = round(value)
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def _short(text, limit=52):
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _nice_step(maximum, ticks=4):
    """A round step (1, 2 or 5 × 10ⁿ, at least 1) that divides 0…maximum into about `ticks` parts."""
    if maximum <= 0:
        return 1
    rough = maximum / ticks
    magnitude = 10 ** math.floor(math.log10(rough))
    for factor in (1, 2, 5, 10):
        if rough <= factor * magnitude:
            return max(1, factor * magnitude)
    return max(1, 10 * magnitude)  # pragma: no cover - the loop always returns


@dataclass
class Swatch:
    """One series' colour and pattern (or dash and marker), shared by the SVG, its legend and the table."""

    index: int
    label: str
    colour: str
    pattern: str
    dash: str
    marker: str
    fill: str  # a colour, or url(#pattern) of the chart's own pattern


def _swatches(chart_id, labels):
    swatches = []
    for index, label in enumerate(labels):
        position = index % len(PALETTE)
        pattern = PATTERNS[position]
        colour = PALETTE[position]
        fill = colour if pattern == "solid" else f"url(#{chart_id}-pattern-{index})"
        swatches.append(Swatch(index, str(label), colour, pattern, DASHES[position], MARKERS[position], fill))
    return swatches


def _legend(swatches, top=4):
    """Legend items placed left to right, wrapping onto new lines; returns (items, height)."""
    items, x, y = [], 0, top
    for swatch in swatches:
        width = 22 + len(swatch.label) * 7 + 16
        if x and x + width > WIDTH:
            x, y = 0, y + 22
        items.append({"swatch": swatch, "x": x, "y": y, "text_x": x + 22, "text_y": y + 12})
        x += width
    return items, (y - top + 22 if swatches else 0)


@dataclass
class Chart:
    """What the templates draw: geometry in viewBox units plus the table rows, already formatted."""

    id: str
    caption: str
    kind: str
    header: list  # the table's column headers: the row header first
    rows: list  # [{"label": str, "cells": [formatted numbers]}]
    height: int = 0
    width: int = WIDTH
    marks: list = field(default_factory=list)
    swatches: list = field(default_factory=list)
    legend: list = field(default_factory=list)
    axis: dict = field(default_factory=dict)
    empty_text: str = ""

    @property
    def empty(self):
        return not self.marks

    @property
    def all_rows(self):
        """The whole table as one block (on screen)."""
        return [self.rows]

    def table_blocks(self, size=PRINT_ROWS):
        """The table's rows in blocks of `size`, for print: each block is a table that fits on a page."""
        return [self.rows[start:start + size] for start in range(0, len(self.rows), size)] or [[]]

    def render(self, printing=False):
        return render_to_string(f"core/charts/{self.kind}.html", {"chart": self, "printing": printing})

    def __html__(self):
        return self.render()

    def __str__(self):
        return mark_safe(self.render())  # noqa: S308 - rendered from our own autoescaped templates

    @property
    def printable(self):
        """The chart for the PDF report: its table always shown, in blocks that never span pages."""
        return mark_safe(self.render(printing=True))  # noqa: S308 - as above


def bar_chart(*, id, caption, rows, label_header, value_header, decimals=0, empty_text=None):
    """Horizontal bars, one per category: `rows` is [(label, value)]; each label sits above its bar."""
    rows = [(str(label), float(value or 0)) for label, value in rows]
    maximum = max((value for _label, value in rows), default=0)
    span = WIDTH - 64
    marks, y = [], 4
    for label, value in rows:
        length = round(span * value / maximum, 2) if maximum else 0
        marks.append({
            "label": _short(label), "value": value, "text": format_number(value, decimals), "label_y": y + 13,
            "bar_y": y + 19, "bar_height": 16, "length": length, "value_x": length + 6, "value_y": y + 32,
        })
        y += 44
    return Chart(
        id=id, caption=str(caption), kind="bar", header=[str(label_header), str(value_header)],
        rows=[{"label": label, "cells": [format_number(value, decimals)]} for label, value in rows],
        height=y + 4, marks=marks if maximum else [], empty_text=empty_text or _("No data for this selection."),
    )


def stacked_bar_chart(*, id, caption, rows, series, label_header, decimals=0, total_header=None, shares=None,
                      empty_text=None):
    """Horizontal bars split into segments, e.g. ideas per district split by channel.

    `rows` is [(label, [value per series])], `series` the series' labels in the same order; `shares`
    (percentages, one per row) add a column "Share" to the table."""
    swatches = _swatches(id, series)
    legend, legend_height = _legend(swatches)
    rows = [(str(label), [float(value or 0) for value in values]) for label, values in rows]
    maximum = max((sum(values) for _label, values in rows), default=0)
    span = WIDTH - 64
    marks, y = [], legend_height + 8
    for label, values in rows:
        segments, x = [], 0
        for swatch, value in zip(swatches, values, strict=True):
            length = round(span * value / maximum, 2) if maximum else 0
            if value:
                segments.append({"swatch": swatch, "x": x, "length": length, "value": value,
                                 "text": format_number(value, decimals)})
            x += length
        total = sum(values)
        marks.append({
            "label": _short(label), "segments": segments, "total": total, "text": format_number(total, decimals),
            "label_y": y + 13, "bar_y": y + 19, "bar_height": 16, "value_x": x + 6, "value_y": y + 32,
        })
        y += 44
    header = [str(label_header), *[s.label for s in swatches], str(total_header or _("Total"))]
    table = [{"label": label, "cells": [format_number(v, decimals) for v in values]
              + [format_number(sum(values), decimals)]} for label, values in rows]
    if shares is not None:
        header.append(_("Share"))
        for row, share in zip(table, shares, strict=True):
            row["cells"].append(f"{format_number(share, 1)} %")
    return Chart(
        id=id, caption=str(caption), kind="stacked", swatches=swatches, legend=legend, header=header, rows=table,
        height=y + 4, marks=marks if maximum else [], empty_text=empty_text or _("No data for this selection."),
    )


def time_chart(*, id, caption, periods, series, period_header, style="columns", decimals=0, empty_text=None):
    """Values per period (week or month): stacked columns, or one line per series.

    `periods` is [(full label for the table, short label for the axis)], `series` is
    [(label, [value per period])]."""
    swatches = _swatches(id, [label for label, _values in series])
    legend, legend_height = _legend(swatches) if len(series) > 1 else ([], 0)
    values = [[float(value or 0) for value in series_values] for _label, series_values in series]
    per_period = [sum(column) for column in zip(*values, strict=True)] if values else []
    if style == "columns":
        maximum = max(per_period, default=0)
    else:
        maximum = max((max(row, default=0) for row in values), default=0)
    step = _nice_step(maximum)
    top_value = max(step, math.ceil(maximum / step) * step)
    frame = _TimeFrame(count=len(periods), top=legend_height + 12, top_value=top_value)
    ticks = [{"y": frame.y_of(v), "text": format_number(v, decimals if step < 1 else 0)}
             for v in range(0, int(frame.top_value) + 1, int(step))]
    if style == "columns":
        marks = _column_marks(frame, periods, swatches, values)
    else:
        marks = _line_marks(frame, swatches, values)
    header, rows = _time_table(periods, period_header, swatches, values, per_period if style == "columns" else None,
                               decimals)
    chart = Chart(
        id=id, caption=str(caption), kind="time", header=header, rows=rows, height=frame.bottom + 30,
        marks=marks if maximum else [], swatches=swatches, legend=legend,
        empty_text=empty_text or _("No data for this selection."),
    )
    chart.axis = {"style": style, "left": frame.left, "right": WIDTH - frame.right, "top": frame.top,
                  "bottom": frame.bottom, "ticks": ticks, "labels": _axis_labels(frame, periods),
                  "label_y": frame.bottom + 18, "tick_x": frame.left - 6}
    return chart


class _TimeFrame:
    """Where a time chart's plot lies: bands per period, and the y of a value."""

    left, right, plot_height = 44, 8, 150

    def __init__(self, count, top, top_value):
        self.count, self.top, self.top_value = count, top, top_value
        self.bottom = top + self.plot_height
        plot_width = WIDTH - self.left - self.right
        self.band = plot_width / count if count else plot_width

    def y_of(self, value):
        return round(self.bottom - self.plot_height * value / self.top_value, 2)

    def middle(self, index):
        return round(self.left + self.band * (index + 0.5), 2)


def _axis_labels(frame, periods):
    """A short label under at most five periods."""
    every = max(1, math.ceil(frame.count / 5))
    labels = []
    for index, (_full, short) in enumerate(periods):
        if index % every == 0:
            x = frame.middle(index)
            labels.append({"x": x, "text": short, "anchor": "end" if x > WIDTH - 30 else "middle"})
    return labels


def _column_marks(frame, periods, swatches, values):
    width = round(max(1.0, frame.band * 0.7), 2)
    marks = []
    for index in range(frame.count):
        x = round(frame.left + frame.band * index + (frame.band - width) / 2, 2)
        stack, base = [], 0
        for swatch, row in zip(swatches, values, strict=True):
            value = row[index]
            if value:
                stack.append({"swatch": swatch, "x": x, "width": width, "y": frame.y_of(base + value),
                              "height": round(frame.y_of(base) - frame.y_of(base + value), 2), "value": value})
            base += value
        marks.append({"period": periods[index][0], "segments": stack, "total": base})
    return marks


def _line_marks(frame, swatches, values):
    marks = []
    for swatch, row in zip(swatches, values, strict=True):
        points = [(frame.middle(index), frame.y_of(value)) for index, value in enumerate(row)]
        marks.append({"swatch": swatch, "points": " ".join(f"{x},{y}" for x, y in points),
                      "dots": [{"x": x, "y": y, "value": v} for (x, y), v in zip(points, row, strict=True)]})
    return marks


def _time_table(periods, period_header, swatches, values, totals, decimals):
    """The chart's table: a row per period, a column per series (and the total of stacked columns)."""
    header = [str(period_header), *[s.label for s in swatches]]
    rows = [{"label": full, "cells": [format_number(row[i], decimals) for row in values]}
            for i, (full, _short_label) in enumerate(periods)]
    if totals is not None and len(swatches) > 1:
        header.append(_("Total"))
        for row, total in zip(rows, totals, strict=True):
            row["cells"].append(format_number(total, decimals))
    return header, rows


def per_period(daily, max_weeks=MAX_WEEKS):
    """Sum daily values into weeks (from Monday) or, when the data spans more than `max_weeks` weeks,
    into months, with empty periods filled in. `daily` is [(label, {date: value})]; returns
    (periods, series) for `time_chart`, where periods are [(table label, axis label)]."""
    days = [day for _label, values in daily for day in values]
    if not days:
        return [], [(label, []) for label, _values in daily]
    first, last = min(days), max(days)
    if (last - first).days < max_weeks * 7:
        def start_of(day):
            return day - datetime.timedelta(days=day.weekday())

        starts, start = [], start_of(first)
        while start <= last:
            starts.append(start)
            start += datetime.timedelta(days=7)
        periods = [(_("Week from %(date)s") % {"date": date_format(s, "SHORT_DATE_FORMAT")},
                    date_format(s, "SHORT_DATE_FORMAT")) for s in starts]
    else:
        def start_of(day):
            return day.replace(day=1)

        starts, start = [], start_of(first)
        while start <= last:
            starts.append(start)
            start = (start + datetime.timedelta(days=32)).replace(day=1)
        periods = [(date_format(s, "YEAR_MONTH_FORMAT"), date_format(s, "M Y")) for s in starts]
    position = {start: index for index, start in enumerate(starts)}
    series = []
    for label, values in daily:
        sums = [0] * len(starts)
        for day, value in values.items():
            sums[position[start_of(day)]] += value or 0
        series.append((label, sums))
    return periods, series


def export_url(dataset, source=None, file_format="xlsx", **filters):
    """The exports page, pre-filled with the data behind a dashboard and its filters (date_from, date_to,
    channel; empty ones are left out), or None while there is no such page."""
    try:
        url = reverse("core_exports")
    except NoReverseMatch:
        return None
    query = {"dataset": dataset, "source": source, "format": file_format, **filters}
    query = {key: value.isoformat() if isinstance(value, datetime.date) else value
             for key, value in query.items() if value not in (None, "")}
    return f"{url}?{urlencode(query)}"

"""Find every tick box, writing line and receipt slip of a printed form in its rendered PDF.

Works from the printed page only: the squares are found in the rendered image, their labels with
PDF text extraction, and each square is named by walking the form definition in print order (the
expected (anchor, label) list comes from `form.py`). No layout map of the application is used.
"""

import re
import unicodedata
from dataclasses import dataclass, field

import cv2
import numpy as np
import pypdfium2 as pdfium

DPI = 200
PX_MM = DPI / 25.4
PT_MM = 72 / 25.4


@dataclass
class Box:
    anchor: str
    group: str  # the question (or matrix row) the box answers
    page: int  # 1-based
    rect: tuple  # (x0, y0, x1, y1) in mm from the page's top left corner, outer edge of the printed frame
    label_rect: tuple | None = None  # the label's text, in mm (None for matrix cells)


@dataclass
class PageInfo:
    number: int
    size: tuple  # (width, height) in mm
    boxes: list = field(default_factory=list)
    lines: list = field(default_factory=list)  # writing lines (x0, x1, y) in mm; `other` lines carry an anchor
    other_lines: dict = field(default_factory=dict)  # anchor of an "other" box -> (x0, x1, y)
    slip_top: float | None = None  # the dashed cut line, in mm from the top
    slip_bottom: float | None = None
    slip_only: bool = False  # a page that holds nothing but the receipt slip


def _norm(text):
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text).casefold()


def _chars(page):
    textpage = page.get_textpage()
    height = page.get_size()[1]
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    chars = []
    for index in range(count):
        left, bottom, right, top = textpage.get_charbox(index)
        char = text[index] if index < len(text) else ""
        if char.isspace() or right <= left:
            continue
        chars.append((char, left / PT_MM, (height - top) / PT_MM, right / PT_MM, (height - bottom) / PT_MM))
    return chars


def _squares(image):
    """Hollow squares of 5-8 mm: the tick boxes (corner marks are filled, QR finders are not printed yet)."""
    ink = (image < 128).astype(np.uint8)
    contours, hierarchy = cv2.findContours(ink, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    found = []
    for index, contour in enumerate(contours):
        if hierarchy[0][index][3] != -1:
            continue
        x, y, w, h = cv2.boundingRect(contour)
        if not (5 * PX_MM < w < 8 * PX_MM and 5 * PX_MM < h < 8 * PX_MM and abs(w - h) < PX_MM):
            continue
        margin = int(1.2 * PX_MM)
        inner = image[y + margin:y + h - margin, x + margin:x + w - margin]
        if inner.size and inner.mean() > 200:
            found.append((x / PX_MM, y / PX_MM, (x + w) / PX_MM, (y + h) / PX_MM))
    return found


def _writing_lines(image):
    """Long thin horizontal rules (>= 60 mm) with blank paper above them: where people write."""
    ink = (image < 128).astype(np.uint8)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (int(40 * PX_MM), 1))
    long_runs = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
    contours, _ = cv2.findContours(long_runs, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    lines = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if w < 60 * PX_MM or h > 1.2 * PX_MM:
            continue
        above = ink[max(0, y - int(5.5 * PX_MM)):max(0, y - int(0.5 * PX_MM)), x:x + w]
        if above.size and above.mean() < 0.002:
            lines.append((x / PX_MM, (x + w) / PX_MM, (y + h / 2) / PX_MM))
    return sorted(lines, key=lambda line: (line[2], line[0]))


def _reading_order(squares, rtl=False):
    rows = []
    for square in sorted(squares, key=lambda s: (s[1] + s[3]) / 2):
        centre = (square[1] + square[3]) / 2
        if rows and abs(rows[-1][0] - centre) < 2.5:
            rows[-1][1].append(square)
        else:
            rows.append([centre, [square]])
    return [square for _centre, row in rows for square in sorted(row, key=lambda s: -s[0] if rtl else s[0])]


def _label_right(square, row_squares, chars, rtl=False):
    """The text after a box (right of it; left of it in right-to-left scripts), up to the next box on
    the same line, and its bounding rectangle."""
    x0, y0, x1, y1 = square
    if rtl:
        stop = max([s[2] for s in row_squares if s[2] < x0 - 0.5] + [-10_000])
        picked = [c for c in chars if stop + 0.5 < c[3] < x0 and y0 - 1.5 < (c[2] + c[4]) / 2 < y1 + 1.5]
    else:
        stop = min([s[0] for s in row_squares if s[0] > x1 + 0.5] + [10_000])
        picked = [c for c in chars if x1 < c[1] < stop - 0.5 and y0 - 1.5 < (c[2] + c[4]) / 2 < y1 + 1.5]
    picked.sort(key=lambda c: c[1])
    if not picked:
        return "", None
    rect = (min(c[1] for c in picked), min(c[2] for c in picked), max(c[3] for c in picked), max(c[4] for c in picked))
    return "".join(c[0] for c in picked), rect


def _header_above(square, chars):
    """The matrix column header over a cell: the nearest text above, within the column."""
    x0, y0, x1, _y1 = square
    above = [c for c in chars if x0 - 3 < (c[1] + c[3]) / 2 < x1 + 3 and c[4] < y0]
    if not above:
        return ""
    nearest = max(c[4] for c in above)
    # A header wider than its box ("No answer") goes on beyond the column: the whole run of text on its line.
    line = sorted((c for c in chars if c[4] < y0 and abs(c[4] - nearest) < 1.5), key=lambda c: c[1])
    inside = [index for index, c in enumerate(line) if x0 - 3 < (c[1] + c[3]) / 2 < x1 + 3]
    start, end = inside[0], inside[-1]
    while start > 0 and line[start][1] - line[start - 1][3] < 2.5:
        start -= 1
    while end + 1 < len(line) and line[end + 1][1] - line[end][3] < 2.5:
        end += 1
    return "".join(c[0] for c in line[start:end + 1])


def _row_label(square, chars, rtl=False):
    x0, y0, x1, y1 = square
    return "".join(c[0] for c in sorted(chars, key=lambda c: c[1])
                   if (c[1] > x1 + 1 if rtl else c[3] < x0 - 1) and y0 - 1.5 < (c[2] + c[4]) / 2 < y1 + 1.5)


def _find(chars, marker):
    """The first character of `marker` (normalised) in the page's characters, in either direction."""
    normed = [_norm(c[0]) for c in chars]
    text = "".join(normed)
    starts = []
    for index, piece in enumerate(normed):
        starts += [index] * len(piece)
    for probe in (marker, marker[::-1]):
        at = text.find(probe)
        if at >= 0:
            return chars[starts[at]]
    return None


class LocatorError(Exception):
    pass


def _same(got, want):
    """Printed text against the definition's label. Text of right-to-left scripts comes out in visual
    order (reversed, ligatures split, marks moved): there the letters must match as a multiset."""
    if any(g[:24] == want[:24] or (len(g) >= 3 and want.startswith(g)) or (len(g) >= 3 and g in want)
           for g in (got, got[::-1])):
        return True
    from collections import Counter

    letters = [Counter(c for c in text if unicodedata.category(c) != "Mn") for text in (got, want)]
    size = sum(letters[0].values())
    return size >= min(3, sum(letters[1].values())) and size >= 0.5 * sum(letters[1].values()) \
        and not letters[0] - letters[1]


def locate(pdf_bytes, expected, slip_marker, rtl=False):
    """Name every box of the master PDF.

    expected: [(anchor, group, label, kind)] in print order, kind "option" (label right of the box) or
    ("matrix", row label) (label = column header). slip_marker: the first words of the slip's cut line.
    Returns [PageInfo]. Raises LocatorError when the printed form and the definition disagree."""
    document = pdfium.PdfDocument(pdf_bytes)
    pages, found = [], []
    for index in range(len(document)):
        page = document[index]
        width, height = (v / PT_MM for v in page.get_size())
        image = page.render(scale=DPI / 72, grayscale=True).to_numpy()
        if image.ndim == 3:
            image = image[..., 0]
        chars = _chars(page)
        info = PageInfo(index + 1, (width, height))
        squares = _squares(image)
        ordered = _reading_order(squares, rtl)
        for square in ordered:
            row = [s for s in squares if abs((s[1] + s[3]) / 2 - (square[1] + square[3]) / 2) < 2.5]
            found.append((info, square, row, chars))
        info.lines = _writing_lines(image)
        marker = _norm(slip_marker)[:16]
        at = _find(chars, marker)
        if at is not None:
            first = at
            info.slip_top = first[2] - 2.6
            slip_chars = [c for c in chars if c[2] > info.slip_top and c[4] < height - 20]
            info.slip_bottom = max(c[4] for c in slip_chars) + 3
            # the receipt QR sits right of the slip text; keep the whole slip to the right margin
            info.lines = [line for line in info.lines if line[2] < info.slip_top]
            before = [c for c in chars if c[4] < info.slip_top - 1 and c[2] > 0]
            content = [c for c in before if not (c[2] > height - 25)]
            info.slip_only = not squares and not info.lines and len(content) == 0
        pages.append(info)
    if len(found) != len(expected):
        raise LocatorError(f"{len(found)} boxes printed, {len(expected)} in the form definition")
    for (info, square, row, chars), (anchor, group, label, kind) in zip(found, expected, strict=True):
        if kind == "option":
            text, rect = _label_right(square, row, chars, rtl)
            if not _same(_norm(text), _norm(label)):
                raise LocatorError(f"{anchor}: label {text!r}, expected {label!r}")
        else:
            rect = None
            header = _header_above(square, chars)
            if _norm(header) != _norm(label):
                raise LocatorError(f"{anchor}: column {header!r}, expected {label!r}")
            row_text = _row_label(square, chars, rtl)
            got, want = _norm(row_text), _norm(kind[1])
            if not got or not (want[:12] in got or got in want or want[:12] in got[::-1] or got[::-1] in want):
                raise LocatorError(f"{anchor}: row {row_text!r}, expected {kind[1]!r}")
        info.boxes.append(Box(anchor, group, info.number, tuple(square), rect))
    for info in pages:
        for line in list(info.lines):
            for box in info.boxes:
                if box.anchor.endswith("-other") and abs((box.rect[1] + box.rect[3]) / 2 - line[2]) < 5 \
                        and (line[1] < box.rect[0] if rtl else line[0] > box.rect[2]):
                    info.other_lines[box.anchor] = line
                    info.lines.remove(line)
    document.close()
    return pages

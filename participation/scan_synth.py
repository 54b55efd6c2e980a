"""Synthetic filled scans with known truth, made from the project's own printed forms: the benchmark
(`make bench`) and the tests measure the scan reader on them.

A sheet is rendered from the real PDF at 150–300 dpi, then filled like people fill forms (crosses,
ticks, light pencil, some marks half outside the box, stray grazes, a box filled to cancel it,
handwriting on the lines) and degraded like scanners degrade pages (1–5° skew, blur, noise, JPEG,
upside down, an edge cut off). "Harsh" pages get the heavier end of every range.
"""

from dataclasses import dataclass, field

import cv2
import numpy as np
import pypdfium2 as pdfium

from participation.scanning import group_of

MM_PER_INCH = 25.4
SINGLE_KINDS = {"single", "dropdown", "yesno", "scale", "matrix"}


@dataclass
class Truth:
    version: int
    serial: str
    page: int
    ticked: dict = field(default_factory=dict)  # anchor → bool
    written: dict = field(default_factory=dict)  # text anchor → bool
    harsh: bool = False
    cut_edge: bool = False


def render(pdf_bytes, index, dpi):
    page = pdfium.PdfDocument(pdf_bytes)[index]
    array = page.render(scale=dpi / 72, grayscale=True).to_numpy()
    return np.ascontiguousarray(array[..., 0] if array.ndim == 3 else array)


def _line(image, points, ink, width):
    cv2.polylines(image, [np.int32(points)], False, int(ink), max(1, int(round(width))), cv2.LINE_AA)


def _mark(image, rect, px, rng, harsh, outside=False):
    x0, y0, x1, y1 = (v * px for v in rect)
    size = x1 - x0
    if outside:  # drawn half outside the box
        angle = rng.uniform(0, 2 * np.pi)
        shift = rng.uniform(0.35, 0.5) * size
        x0, x1 = x0 + shift * np.cos(angle), x1 + shift * np.cos(angle)
        y0, y1 = y0 + shift * np.sin(angle), y1 + shift * np.sin(angle)
    pencil = rng.random() < (0.4 if harsh else 0.15)
    ink = rng.uniform(120, 170) if pencil else rng.uniform(10, 70)
    width = (0.3 if pencil else rng.uniform(0.35, 0.7)) * px
    inset = rng.uniform(0.1, 0.25) * size
    jitter = rng.normal(0, 0.04 * size, 8)
    if rng.random() < 0.6:  # a cross
        _line(image, [(x0 + inset + jitter[0], y0 + inset + jitter[1]),
                      (x1 - inset + jitter[2], y1 - inset + jitter[3])], ink, width)
        _line(image, [(x1 - inset + jitter[4], y0 + inset + jitter[5]),
                      (x0 + inset + jitter[6], y1 - inset + jitter[7])], ink, width)
    else:  # a tick
        _line(image, [(x0 + 0.2 * size, y0 + 0.55 * size), (x0 + 0.42 * size, y0 + 0.82 * size),
                      (x0 + 0.9 * size + jitter[0], y0 + 0.1 * size + jitter[1])], ink, width)


def _graze(image, rect, px, rng):
    """A stray stroke passing just outside a box (or just touching its frame)."""
    x0, y0, x1, y1 = (v * px for v in rect)
    offset = rng.uniform(0.3, 1.0) * px
    if rng.random() < 0.5:
        y = (y0 - offset) if rng.random() < 0.5 else (y1 + offset)
        _line(image, [(x0 - 2 * px, y), (x1 + 2 * px, y + rng.normal(0, 0.3 * px))], rng.uniform(30, 120), 0.4 * px)
    else:
        x = (x0 - offset) if rng.random() < 0.5 else (x1 + offset)
        _line(image, [(x, y0 - 2 * px), (x + rng.normal(0, 0.3 * px), y1 + 2 * px)], rng.uniform(30, 120), 0.4 * px)


def _fill(image, rect, px):
    x0, y0, x1, y1 = (int(round(v * px)) for v in rect)
    cv2.rectangle(image, (x0, y0), (x1, y1), 25, -1)


def _handwriting(image, rect, px, rng):
    x0, y0, x1, y1 = (v * px for v in rect)
    rows = max(1, int((y1 - y0) / (9 * px)))
    for row in range(rows):
        baseline = y0 + (row + 1) * (y1 - y0) / rows - 2.5 * px
        x = x0 + rng.uniform(1, 5) * px
        end = x0 + rng.uniform(0.3, 0.95) * (x1 - x0)
        points = []
        while x < end:
            points.append((x, baseline - rng.uniform(0, 4) * px))
            x += rng.uniform(0.8, 2.0) * px
        if len(points) > 1:
            _line(image, points, rng.uniform(20, 90), 0.4 * px)


def fill(image, layout, dpi, kinds, rng, harsh):
    """Fill one rendered page; returns the truth of every box and text field."""
    px = dpi / MM_PER_INCH
    groups = {}
    for anchor, rect in layout.items():
        if anchor.startswith("box-") and not anchor.endswith("-text") and 4 <= rect[2] - rect[0] <= 8:
            groups.setdefault(group_of(anchor), []).append(anchor)
    ticked, written = {}, {}
    for group, anchors in groups.items():
        kind = kinds.get(group[:36], "consent" if group == "consent" else "single")
        chosen = set()
        if kind == "multiple":
            chosen = {a for a in anchors if rng.random() < 0.3}
        elif rng.random() < 0.85:
            chosen = {anchors[rng.integers(len(anchors))]}
        if chosen and kind in SINGLE_KINDS and len(anchors) > 1 and rng.random() < 0.03:
            cancelled = next(a for a in anchors if a not in chosen)
            _fill(image, layout[cancelled], px)  # filled in to cancel it; the cross elsewhere counts
        for anchor in anchors:
            ticked[anchor] = anchor in chosen
            if anchor in chosen:
                _mark(image, layout[anchor], px, rng, harsh, outside=rng.random() < (0.04 if harsh else 0.01))
            elif rng.random() < (0.03 if harsh else 0.01) and not _next_to(anchor, chosen, layout):
                _graze(image, layout[anchor], px, rng)
    for anchor, rect in layout.items():
        if anchor.endswith("-text"):
            written[anchor] = rng.random() < 0.5
            if written[anchor]:
                _handwriting(image, rect, px, rng)
    return ticked, written


def _next_to(anchor, chosen, layout):
    """Grazes are drawn only where no tick is near (a graze beside a tick is a different test)."""
    x0, y0, _x1, _y1 = layout[anchor]
    return any(abs(layout[c][0] - x0) < 12 and abs(layout[c][1] - y0) < 12 for c in chosen)


def degrade(image, dpi, rng, harsh):
    """Skew, cut edge, upside down, blur, noise, JPEG. Returns (JPEG bytes, cut_edge)."""
    height, width = image.shape
    angle = rng.uniform(1, 5) * rng.choice([-1, 1]) if harsh else rng.uniform(-2, 2)
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    image = cv2.warpAffine(image, matrix, (width, height), borderValue=255)
    cut = harsh and rng.random() < 0.2
    if cut:
        edge, amount = rng.integers(4), int(rng.uniform(8, 14) * dpi / MM_PER_INCH)
        image = [image[amount:], image[:-amount], image[:, amount:], image[:, :-amount]][edge]
    if rng.random() < 0.1:
        image = cv2.rotate(image, cv2.ROTATE_180)
    sigma = rng.uniform(0.3, 1.8 if harsh else 1.0)
    image = cv2.GaussianBlur(image, (0, 0), sigma)
    noise = rng.normal(0, rng.uniform(2, 12 if harsh else 6), image.shape)
    image = np.clip(image.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    quality = int(rng.uniform(25, 60) if harsh else rng.uniform(50, 90))
    _ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    return encoded.tobytes(), cut


def make_page(pdf_bytes, index, version, serial, page_number, layout, kinds, rng, harsh):
    """One filled, scanned page as JPEG bytes, and its truth."""
    dpi = int(rng.choice([150, 200, 300] if harsh else [200, 300]))
    image = render(pdf_bytes, index, dpi)
    ticked, written = fill(image, layout, dpi, kinds, rng, harsh)
    jpeg, cut = degrade(image, dpi, rng, harsh)
    return jpeg, Truth(version, serial, page_number, ticked, written, harsh, cut)


def decode(jpeg):
    return cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_GRAYSCALE)

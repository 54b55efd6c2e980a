"""Synthetic filled scans with known truth, made from the project's own printed forms: the TUNING set of the
scan reader (`python manage.py scan_benchmark`) and the tests measure the reader on them. (The held-out set
is made by an independent generator; this one is what the reader's thresholds were set on.)

A sheet is rendered from the real PDF, then filled like people fill forms and degraded like the devices
that bring paper back. Conditions (one per page, see CONDITIONS):

- office: a feeder scan in grey, 150–300 dpi, skew, blur, noise, JPEG, sometimes upside down or an edge cut off;
- fax: 1-bit at 150–200 dpi (fixed threshold or ordered dither; some at fax "normal" 98 dpi vertically);
- copy: a second- or third-generation photocopy (grey background, lost contrast, speckle, slight scaling);
- sideways: a feeder scan of a page fed at 90° or 270°;
- photo: a phone photo of the page on a table (keystone up to 15°, any rotation, uneven light, a shadow,
  background around the page, blur, 1500×2000 to 3000×4000 px).

Marks: ballpoint (black, blue), felt pen (red, green, black: rendered in colour, then converted to grey as a
scanner would), pencil from dark to light (15–30 % darker than the paper); ticks, crosses, overshoots, marks
half outside the box, blobs, dots, circles around the label instead of the box, and scribbled-out boxes
(cancelled). Dots, blobs and circles are "ambiguous": their intent is known (`Truth.ticked`) but a person may
have to look, so they are listed in `Truth.ambiguous` and scored apart.
"""

from dataclasses import dataclass, field

import cv2
import numpy as np
import pypdfium2 as pdfium

from participation.paper.scanning import group_of
from participation.surveys.question_kinds import get_kind

MM_PER_INCH = 25.4
CONDITIONS = ("office", "fax", "copy", "sideways", "photo")

# Instruments: (name, colour as RGB transmission 0..1, stroke width in mm, share of pages)
INSTRUMENTS = (
    ("ballpoint-black", (0.12, 0.12, 0.14), (0.3, 0.5), 0.22),
    ("ballpoint-blue", (0.20, 0.25, 0.65), (0.3, 0.5), 0.22),
    ("felt-red", (0.80, 0.15, 0.15), (0.6, 1.0), 0.08),
    ("felt-green", (0.15, 0.55, 0.25), (0.6, 1.0), 0.08),
    ("felt-black", (0.08, 0.08, 0.08), (0.6, 1.0), 0.05),
    ("pencil", None, (0.3, 0.5), 0.20),
    ("light-pencil", None, (0.3, 0.5), 0.15),
)


@dataclass
class Truth:
    version: int
    serial: str
    page: int
    ticked: dict = field(default_factory=dict)  # anchor → bool (what the person meant)
    written: dict = field(default_factory=dict)  # text anchor → bool
    harsh: bool = False
    cut_edge: bool = False
    condition: str = "office"
    ambiguous: set = field(default_factory=set)  # anchors whose mark a person may have to judge
    instrument: str = ""


def render(pdf_bytes, index, dpi):
    page = pdfium.PdfDocument(pdf_bytes)[index]
    array = page.render(scale=dpi / 72, grayscale=True).to_numpy()
    return np.ascontiguousarray(array[..., 0] if array.ndim == 3 else array)


class Pen:
    """How one person's instrument darkens the paper, as the scanner's grey conversion sees it."""

    def __init__(self, rng, name=None, weights=(0.299, 0.587, 0.114)):
        names = [i[0] for i in INSTRUMENTS]
        shares = np.array([i[3] for i in INSTRUMENTS])
        self.name = name or names[rng.choice(len(names), p=shares / shares.sum())]
        _n, colour, widths, _share = INSTRUMENTS[names.index(self.name)]
        self.width_mm = rng.uniform(*widths)
        self.pencil = colour is None
        if self.name == "pencil":
            self.transmission = rng.uniform(0.35, 0.65)
        elif self.name == "light-pencil":
            self.transmission = rng.uniform(0.70, 0.85)  # 15–30 % darker than the paper
        else:
            self.transmission = float(np.dot(weights, colour))

    def stroke(self, image, points, px, rng, width_mm=None):
        points = np.float32(points)
        width = max(1.0, (width_mm or self.width_mm) * px)
        pad = int(width) + 3
        x0, y0 = np.floor(points.min(0)).astype(int) - pad
        x1, y1 = np.ceil(points.max(0)).astype(int) + pad
        h, w = image.shape
        x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
        if x1 <= x0 or y1 <= y0:
            return
        mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
        shift = 4  # sub-pixel precision
        cv2.polylines(mask, [np.int32((points - [x0, y0]) * (1 << shift))], False, 255, int(round(width)),
                      cv2.LINE_AA, shift)
        coverage = mask.astype(np.float32) / 255
        if self.pencil:  # graphite: a grainy, broken stroke
            grain = rng.uniform(0.45, 1.0, coverage.shape).astype(np.float32)
            coverage *= cv2.GaussianBlur(grain, (0, 0), 0.6)
        patch = image[y0:y1, x0:x1].astype(np.float32)
        patch *= 1 - np.minimum(coverage, 1) * (1 - self.transmission)
        image[y0:y1, x0:x1] = np.clip(patch, 0, 255).astype(np.uint8)


def _line(image, points, ink, width):
    cv2.polylines(image, [np.int32(points)], False, int(ink), max(1, int(round(width))), cv2.LINE_AA)


def _wobbly(points, rng, amount):
    """A hand-drawn polyline through the given points (subdivided, slightly wavy)."""
    out = []
    for (ax, ay), (bx, by) in zip(points[:-1], points[1:], strict=True):
        for t in np.linspace(0, 1, 6, endpoint=False):
            out.append((ax + (bx - ax) * t + rng.normal(0, amount), ay + (by - ay) * t + rng.normal(0, amount)))
    out.append(points[-1])
    return out


def _mark(image, rect, px, rng, harsh, outside=False, pen=None, kind=None):
    """A tick or cross in the box (half outside it when `outside`); `kind` may also be "overshoot"."""
    pen = pen or Pen(rng, "pencil" if rng.random() < (0.4 if harsh else 0.15) else "ballpoint-black")
    x0, y0, x1, y1 = (v * px for v in rect)
    size = x1 - x0
    if outside:
        angle = rng.uniform(0, 2 * np.pi)
        shift = rng.uniform(0.35, 0.5) * size
        x0, x1 = x0 + shift * np.cos(angle), x1 + shift * np.cos(angle)
        y0, y1 = y0 + shift * np.sin(angle), y1 + shift * np.sin(angle)
    kind = kind or ("cross" if rng.random() < 0.55 else "tick")
    wobble = 0.04 * size
    if kind == "overshoot":  # strokes running well beyond the frame
        inset = -rng.uniform(0.1, 0.45) * size
        kind = "cross" if rng.random() < 0.5 else "tick"
    else:
        inset = rng.uniform(0.08, 0.25) * size
    j = rng.normal(0, 0.04 * size, 8)
    if kind == "cross":
        pen.stroke(image, _wobbly([(x0 + inset + j[0], y0 + inset + j[1]), (x1 - inset + j[2], y1 - inset + j[3])],
                                  rng, wobble), px, rng)
        pen.stroke(image, _wobbly([(x1 - inset + j[4], y0 + inset + j[5]), (x0 + inset + j[6], y1 - inset + j[7])],
                                  rng, wobble), px, rng)
    else:
        reach = 1 - min(0, inset) / size
        pen.stroke(image, _wobbly([(x0 + 0.2 * size, y0 + 0.55 * size), (x0 + 0.42 * size, y0 + 0.82 * size),
                                   (x0 + 0.9 * reach * size + j[0], y0 + (0.1 - (reach - 1)) * size + j[1])],
                                  rng, wobble), px, rng)


def _dot(image, rect, px, rng, pen):
    x0, y0, x1, y1 = (v * px for v in rect)
    cx, cy = (x0 + x1) / 2 + rng.normal(0, 0.6 * px), (y0 + y1) / 2 + rng.normal(0, 0.6 * px)
    radius = rng.uniform(0.4, 0.9) * px
    pen.stroke(image, [(cx - radius / 2, cy), (cx + radius / 2, cy + 0.3)], px, rng, width_mm=2 * radius / px)


def _blob(image, rect, px, rng, pen):
    """A blob meant as a tick: a filled irregular patch over most of the box."""
    x0, y0, x1, y1 = (v * px for v in rect)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    radius = rng.uniform(0.28, 0.42) * (x1 - x0)
    points = [(cx + radius * np.cos(a) * rng.uniform(0.85, 1.1), cy + radius * np.sin(a) * rng.uniform(0.85, 1.1))
              for a in np.linspace(0, 2 * np.pi, 12)]
    for scale in np.linspace(1, 0.1, 6):
        pen.stroke(image, [(cx + (x - cx) * scale, cy + (y - cy) * scale) for x, y in points], px, rng)


def _scribble(image, rect, px, rng, pen):
    """A box scribbled over to cancel it: a dense zigzag (40–70 % ink), or a solid fill."""
    x0, y0, x1, y1 = (v * px for v in rect)
    size = x1 - x0
    if rng.random() < 0.3:
        points = [(x0 + 0.1 * size, y0 + 0.1 * size)]
        for step in np.linspace(0.1, 0.9, 12):
            points.append((x1 - 0.05 * size + rng.normal(0, 0.03 * size), y0 + step * size))
            points.append((x0 + 0.05 * size + rng.normal(0, 0.03 * size), y0 + (step + 0.05) * size))
        pen.stroke(image, points, px, rng, width_mm=max(pen.width_mm, 0.6))
        return
    strokes = int(rng.integers(5, 10))
    points = []
    horizontal = rng.random() < 0.5
    for index in range(strokes + 1):
        t = index / strokes
        a, b = rng.uniform(-0.1, 0.15), rng.uniform(0.85, 1.1)
        if horizontal:
            y = y0 + (0.08 + 0.84 * t) * size + rng.normal(0, 0.03 * size)
            points += [(x0 + a * size, y), (x0 + b * size, y + rng.normal(0, 0.05 * size))]
        else:
            x = x0 + (0.08 + 0.84 * t) * size + rng.normal(0, 0.03 * size)
            points += [(x, y0 + a * size), (x + rng.normal(0, 0.05 * size), y0 + b * size)]
    pen.stroke(image, points, px, rng, width_mm=max(pen.width_mm, rng.uniform(0.3, 0.6)))


def _circle_label(image, rect, px, rng, pen):
    """A ring drawn around the option's label (right of the box) instead of a mark in the box."""
    x0, y0, x1, y1 = (v * px for v in rect)
    cx = x1 + rng.uniform(7, 12) * px
    cy = (y0 + y1) / 2 + rng.normal(0, 0.3 * px)
    rx, ry = rng.uniform(6, 11) * px, rng.uniform(3.5, 4.5) * px
    angles = np.linspace(0, 2 * np.pi * rng.uniform(1.0, 1.15), 40)
    pen.stroke(image, [(cx + rx * np.cos(a), cy + ry * np.sin(a)) for a in angles], px, rng)


def _graze(image, rect, px, rng, pen=None):
    """A stray stroke passing just outside a box (or just touching its frame)."""
    x0, y0, x1, y1 = (v * px for v in rect)
    offset = rng.uniform(0.3, 1.0) * px
    draw = (lambda pts: pen.stroke(image, pts, px, rng)) if pen else \
        (lambda pts: _line(image, pts, rng.uniform(30, 120), 0.4 * px))
    if rng.random() < 0.5:
        y = (y0 - offset) if rng.random() < 0.5 else (y1 + offset)
        draw([(x0 - 2 * px, y), (x1 + 2 * px, y + rng.normal(0, 0.3 * px))])
    else:
        x = (x0 - offset) if rng.random() < 0.5 else (x1 + offset)
        draw([(x, y0 - 2 * px), (x + rng.normal(0, 0.3 * px), y1 + 2 * px)])


def _fill(image, rect, px):
    x0, y0, x1, y1 = (int(round(v * px)) for v in rect)
    cv2.rectangle(image, (x0, y0), (x1, y1), 25, -1)


def _handwriting(image, rect, px, rng, pen=None):
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
            if pen is None:
                _line(image, points, rng.uniform(20, 90), 0.4 * px)
            else:
                pen.stroke(image, points, px, rng, width_mm=min(pen.width_mm, 0.5))


def fill(image, layout, dpi, kinds, rng, harsh, pen=None, realistic=False):
    """Fill one rendered page; returns the truth of every box and text field. With `realistic` (the
    benchmark's conditions), returns also the ambiguous anchors: (ticked, written, ambiguous)."""
    px = dpi / MM_PER_INCH
    groups = {}
    for anchor, rect in layout.items():
        if anchor.startswith("box-") and not anchor.endswith("-text") and 4 <= rect[2] - rect[0] <= 8:
            groups.setdefault(group_of(anchor), []).append(anchor)
    ticked, written, ambiguous = {}, {}, set()
    for group, anchors in groups.items():
        kind = get_kind(kinds.get(group[:36], "consent" if group == "consent" else "single"))
        chosen = set()
        if kind.several:
            chosen = {a for a in anchors if rng.random() < 0.3}
        elif rng.random() < 0.85:
            chosen = {anchors[rng.integers(len(anchors))]}
        if not realistic and chosen and kind.one_tick and len(anchors) > 1 and rng.random() < 0.03:
            cancelled = next(a for a in anchors if a not in chosen)
            _fill(image, layout[cancelled], px)  # filled in to cancel it; the cross elsewhere counts
        elif realistic and len(anchors) > 1 and rng.random() < 0.06:
            free = [a for a in anchors if a not in chosen]
            if free:  # scribbled over to cancel it (alone in its question: a person must look)
                _scribble(image, layout[free[rng.integers(len(free))]], px, rng, pen)
        for anchor in anchors:
            ticked[anchor] = anchor in chosen
            if anchor in chosen:
                outside = rng.random() < (0.04 if harsh else 0.01)
                if not realistic:
                    _mark(image, layout[anchor], px, rng, harsh, outside=outside, pen=pen)
                    continue
                style = rng.random()
                if style < 0.04:
                    _dot(image, layout[anchor], px, rng, pen)
                    ambiguous.add(anchor)
                elif style < 0.07:
                    _blob(image, layout[anchor], px, rng, pen)
                    ambiguous.add(anchor)
                elif style < 0.10 and kind.circled_labels:
                    _circle_label(image, layout[anchor], px, rng, pen)
                    ambiguous.add(anchor)
                elif style < 0.18:
                    _mark(image, layout[anchor], px, rng, harsh, pen=pen, kind="overshoot")
                else:
                    _mark(image, layout[anchor], px, rng, harsh, outside=outside, pen=pen)
            elif rng.random() < (0.03 if harsh else 0.01) and not _next_to(anchor, chosen, layout):
                _graze(image, layout[anchor], px, rng, pen if realistic else None)
    for anchor, rect in layout.items():
        if anchor.endswith("-text"):
            written[anchor] = rng.random() < 0.5
            if written[anchor]:
                _handwriting(image, rect, px, rng, pen if realistic else None)
    if realistic:
        return ticked, written, ambiguous
    return ticked, written


def _next_to(anchor, chosen, layout):
    """Grazes are drawn only where no tick is near (a graze beside a tick is a different test)."""
    x0, y0, _x1, _y1 = layout[anchor]
    return any(abs(layout[c][0] - x0) < 12 and abs(layout[c][1] - y0) < 12 for c in chosen)


def degrade(image, dpi, rng, harsh):
    """Skew, cut edge, upside down, blur, noise, JPEG. Returns (JPEG bytes, cut_edge)."""
    image, cut = _scan(image, dpi, rng, harsh)
    quality = int(rng.uniform(25, 60) if harsh else rng.uniform(50, 90))
    _ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    return encoded.tobytes(), cut


def _scan(image, dpi, rng, harsh, cut_rate=0.2, flip_rate=0.1):
    height, width = image.shape
    angle = rng.uniform(1, 5) * rng.choice([-1, 1]) if harsh else rng.uniform(-2, 2)
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    image = cv2.warpAffine(image, matrix, (width, height), borderValue=255)
    cut = harsh and rng.random() < cut_rate
    if cut:
        edge, amount = rng.integers(4), int(rng.uniform(8, 14) * dpi / MM_PER_INCH)
        image = [image[amount:], image[:-amount], image[:, amount:], image[:, :-amount]][edge]
    if rng.random() < flip_rate:
        image = cv2.rotate(image, cv2.ROTATE_180)
    sigma = rng.uniform(0.3, 1.8 if harsh else 1.0)
    image = cv2.GaussianBlur(image, (0, 0), sigma)
    noise = rng.normal(0, rng.uniform(2, 12 if harsh else 6), image.shape)
    return np.clip(image.astype(np.float32) + noise, 0, 255).astype(np.uint8), cut


def _paper(image, rng, low=225, high=252):
    """Paper is not pure white: scale the rendered page so that white becomes the paper's tone."""
    tone = rng.uniform(low, high) / 255
    return (image.astype(np.float32) * tone).astype(np.uint8)


def _encode(image, rng, low=50, high=92):
    quality = int(rng.uniform(low, high))
    _ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    return encoded.tobytes()


def _fax(image, dpi, rng):
    """1-bit: a fixed threshold or an ordered dither, some at fax 'normal' resolution (half the rows)."""
    image, _cut = _scan(image, dpi, rng, False, flip_rate=0.05)
    if rng.random() < 0.25:  # 98 lines per inch, stretched back by the fax server
        rows = image.shape[0]
        image = cv2.resize(image, (image.shape[1], rows // 2), interpolation=cv2.INTER_AREA)
        image = cv2.resize(image, (image.shape[1], rows), interpolation=cv2.INTER_NEAREST)
    if rng.random() < 0.6:
        bits = image > rng.uniform(110, 170)
    else:
        bayer = np.array([[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]], np.float32)
        levels = (bayer + 0.5) / 16 * 255
        tiled = np.tile(levels, (image.shape[0] // 4 + 1, image.shape[1] // 4 + 1))[:image.shape[0], :image.shape[1]]
        bits = image > tiled
    image = np.where(bits, 255, 0).astype(np.uint8)
    if rng.random() < 0.3:  # some fax servers deliver JPEG
        return _encode(image, rng, 70, 95)
    _ok, encoded = cv2.imencode(".png", image)
    return encoded.tobytes()


def _copy(image, dpi, rng):
    """A second- or third-generation photocopy: each generation greys the paper, steepens the tones,
    blurs, speckles and scales slightly."""
    for _generation in range(int(rng.integers(2, 4))):
        f = image.astype(np.float32) / 255
        gamma = rng.uniform(1.1, 1.6)
        f = np.clip((f ** gamma - 0.05) / 0.95, 0, 1) * rng.uniform(0.80, 0.92) + rng.uniform(0.0, 0.04)
        f = cv2.GaussianBlur(f, (0, 0), rng.uniform(0.5, 1.1))
        speckle = rng.random(f.shape) < rng.uniform(0.0002, 0.002)
        f[speckle] *= rng.uniform(0.2, 0.6)
        scale = rng.uniform(0.97, 1.03)
        h, w = f.shape
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(-1, 1), scale)
        f = cv2.warpAffine(f, matrix, (w, h), borderValue=float(f[h // 2, 5:20].mean()))
        image = np.clip(f * 255, 0, 255).astype(np.uint8)
    image, _cut = _scan(image, dpi, rng, False)
    return _encode(image, rng, 40, 85)


def _background(shape, rng):
    h, w = shape
    kind = rng.integers(4)
    small = rng.normal(0, 1, (max(2, h // 40), max(2, w // 40))).astype(np.float32)
    texture = cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)
    if kind == 0:  # dark wood: stripes
        stripes = np.sin(np.linspace(0, rng.uniform(20, 60), w))[None, :].astype(np.float32)
        base = rng.uniform(50, 110) + 15 * stripes + 10 * texture
    elif kind == 1:  # grey desk
        base = rng.uniform(90, 160) + 8 * texture
    elif kind == 2:  # light table, little contrast to the paper
        base = rng.uniform(170, 215) + 6 * texture
    else:  # a patterned cloth
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        period = rng.uniform(15, 40)
        base = rng.uniform(70, 150) + 35 * ((np.sin(xx / period) * np.sin(yy / period)) > 0) + 8 * texture
    return base


def _photo(image, dpi, rng, tilt_deg=None, rotation=None, size=None):
    """A phone photo of the page lying on a table (tilt, in-plane rotation and photo size drawn at random
    unless given)."""
    large = rng.random() < 0.5
    out_w, out_h = size or ((3000, 4000) if large else (2448, 3264))  # 12 and 8 megapixels
    if size is None and rng.random() < 0.3:
        out_w, out_h = out_h, out_w
    h, w = image.shape
    page_mm = np.array([w, h]) / (dpi / MM_PER_INCH)
    # The page in 3-D: tilted up to 15° about a random axis in its plane, rotated any way, seen from above.
    tilt = np.radians(rng.uniform(3, 15) if tilt_deg is None else tilt_deg)
    axis = rng.uniform(0, np.pi)
    if rotation is None:
        rotation = rng.choice([0, 90, 180, 270]) + rng.normal(0, 12) if rng.random() < 0.8 else rng.uniform(0, 360)
    rvec = np.array([np.cos(axis) * tilt, np.sin(axis) * tilt, 0.0])
    rot_tilt, _jac = cv2.Rodrigues(rvec)
    angle = np.radians(rotation)
    rot_z = np.array([[np.cos(angle), -np.sin(angle), 0], [np.sin(angle), np.cos(angle), 0], [0, 0, 1]])
    corners = np.array([[0, 0, 0], [page_mm[0], 0, 0], [page_mm[0], page_mm[1], 0], [0, page_mm[1], 0]], float)
    corners -= [page_mm[0] / 2, page_mm[1] / 2, 0]
    world = corners @ (rot_tilt @ rot_z).T
    distance = rng.uniform(350, 480)
    world[:, 2] += distance
    focal = 1.0
    projected = world[:, :2] / world[:, 2:3] * focal
    span = projected.max(0) - projected.min(0)
    fill_ratio = rng.uniform(0.72, 0.92)
    scale = min(out_w / span[0], out_h / span[1]) * fill_ratio
    projected = (projected - projected.min(0)) * scale
    offset = (np.array([out_w, out_h]) - (projected.max(0))) * rng.uniform(0.2, 0.8, 2)
    projected += offset
    source = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    matrix = cv2.getPerspectiveTransform(source, np.float32(projected))
    paper = cv2.warpPerspective(image, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR, borderValue=0)
    inside = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, (out_w, out_h), flags=cv2.INTER_LINEAR)
    alpha = inside.astype(np.float32) / 255
    photo = paper.astype(np.float32) * alpha + _background((out_h, out_w), rng) * (1 - alpha)
    # Uneven light: a smooth gradient, and a shadow (the phone, a hand) with a soft edge.
    yy, xx = np.mgrid[0:out_h:8, 0:out_w:8].astype(np.float32)
    gx, gy = rng.normal(0, 1, 2)
    light = 1 - rng.uniform(0.1, 0.4) * ((gx * xx / out_w + gy * yy / out_h) - min(0, gx) - min(0, gy)) / (
        abs(gx) + abs(gy) + 1e-6)
    if rng.random() < 0.7:
        nx, ny = np.cos(rng.uniform(0, 2 * np.pi)), np.sin(rng.uniform(0, 2 * np.pi))
        cut = rng.uniform(0.2, 0.7) * (abs(nx) * out_w + abs(ny) * out_h)
        distance_px = nx * xx + ny * yy - (min(0, nx) * out_w + min(0, ny) * out_h) - cut
        softness = rng.uniform(5, 60)
        shade = rng.uniform(0.55, 0.85)
        light *= 1 - (1 - shade) / (1 + np.exp(-distance_px / softness))
    light = cv2.resize(light.astype(np.float32), (out_w, out_h), interpolation=cv2.INTER_LINEAR)
    photo *= light
    photo = cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.5, 1.6) * (out_w / 1500) ** 0.5)
    photo += rng.normal(0, rng.uniform(2, 6), photo.shape).astype(np.float32)
    photo = np.clip(photo, 0, 255).astype(np.uint8)
    return _encode(photo, rng, 70, 92)


def make_page(pdf_bytes, index, version, serial, page_number, layout, kinds, rng, harsh, condition=None):
    """One filled page as the device delivers it (JPEG or PNG bytes), and its truth. Without a condition
    the plain office scan of the earlier benchmark (kept for the import tests)."""
    if condition is None:
        dpi = int(rng.choice([150, 200, 300] if harsh else [200, 300]))
        image = render(pdf_bytes, index, dpi)
        ticked, written = fill(image, layout, dpi, kinds, rng, harsh)
        jpeg, cut = degrade(image, dpi, rng, harsh)
        return jpeg, Truth(version, serial, page_number, ticked, written, harsh, cut)
    weights = [(0.299, 0.587, 0.114), (1 / 3, 1 / 3, 1 / 3), (0.0, 1.0, 0.0)][rng.integers(3)]
    pen = Pen(rng, weights=weights)
    dpi = {"office": int(rng.choice([150, 200, 200, 300])), "fax": int(rng.choice([150, 200, 200])),
           "copy": int(rng.choice([200, 300])), "sideways": int(rng.choice([200, 300])),
           "photo": int(rng.choice([150, 200]))}[condition]
    image = _paper(render(pdf_bytes, index, dpi), rng, *((235, 255) if condition == "fax" else (225, 252)))
    ticked, written, ambiguous = fill(image, layout, dpi, kinds, rng, harsh, pen=pen, realistic=True)
    cut = False
    if condition == "office":
        image, cut = _scan(image, dpi, rng, harsh)
        data = _encode(image, rng, 25 if harsh else 50, 92)
    elif condition == "sideways":
        image, cut = _scan(image, dpi, rng, harsh, cut_rate=0.0, flip_rate=0.0)
        image = cv2.rotate(image, cv2.ROTATE_90_CLOCKWISE if rng.random() < 0.5 else cv2.ROTATE_90_COUNTERCLOCKWISE)
        data = _encode(image, rng)
    elif condition == "fax":
        data = _fax(image, dpi, rng)
    elif condition == "copy":
        data = _copy(image, dpi, rng)
    else:
        data = _photo(image, dpi, rng)
    return data, Truth(version, serial, page_number, ticked, written, harsh, cut, condition, ambiguous, pen.name)


def decode(jpeg):
    return cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_GRAYSCALE)

"""Marks by real people on a rendered page: pens, ticks, crosses, fills, dots, circles, overshoots,
scribbled-out corrections, stray strokes and handwriting. Everything is drawn in pixels of the page
raster (px per mm `s`), multiplied onto the paper like ink."""

import math

import cv2
import numpy as np

# colour (reflectance r, g, b of the ink where it lies thick), stroke width in mm, pencil grain
PENS = {
    "ballpoint_blue": ((0.16, 0.22, 0.62), (0.3, 0.5), False),
    "ballpoint_black": ((0.13, 0.13, 0.15), (0.3, 0.5), False),
    "felt_red": ((0.85, 0.14, 0.16), (0.7, 1.2), False),
    "felt_green": ((0.14, 0.55, 0.27), (0.7, 1.2), False),
    "pencil_dark": (None, (0.4, 0.7), True),  # grey 0.35-0.55
    "pencil_light": (None, (0.4, 0.7), True),  # ink only 15-30 % darker than the paper
}
PEN_WEIGHTS = {"ballpoint_blue": 0.36, "ballpoint_black": 0.2, "felt_red": 0.07, "felt_green": 0.05,
               "pencil_dark": 0.16, "pencil_light": 0.16}


class Pen:
    def __init__(self, name, rng):
        colour, width, grain = PENS[name]
        self.name = name
        if name == "pencil_dark":
            grey = rng.uniform(0.35, 0.55)
            colour = (grey, grey, grey * 1.02)
        elif name == "pencil_light":
            grey = rng.uniform(0.70, 0.85)
            colour = (grey, grey, grey * 1.01)
        self.colour = np.array(colour, dtype=np.float32)
        self.bgr = self.colour[::-1].copy()  # colour canvases are BGR, as OpenCV encodes them
        self.width = rng.uniform(*width)
        self.grain = grain
        self.pressure = rng.uniform(0.85, 1.0)

    def grey(self):
        r, g, b = self.colour
        return float(0.299 * r + 0.587 * g + 0.114 * b)


def _rot(points, angle):
    c, s = math.cos(angle), math.sin(angle)
    return points @ np.array([[c, s], [-s, c]], dtype=np.float64)


def _curve(p0, p1, bow, rng, n=12):
    """A hand-drawn stroke from p0 to p1, slightly bowed and wobbly."""
    p0, p1 = np.asarray(p0, float), np.asarray(p1, float)
    t = np.linspace(0, 1, n)[:, None]
    d = p1 - p0
    normal = np.array([-d[1], d[0]]) / (np.hypot(*d) + 1e-9)
    points = p0 + t * d + normal * (bow * 4 * t * (1 - t))
    return points + rng.normal(0, 0.012 * np.hypot(*d), points.shape)


class Painter:
    """Collects strokes in a page-sized, lazily allocated way: every mark is drawn into a small ROI."""

    def __init__(self, canvas, s, rng):
        self.canvas, self.s, self.rng = canvas, s, rng

    def strokes(self, pen, polylines, filled=(), thickness=None):
        s = self.s
        allpts = list(polylines) + list(filled)
        if not allpts:
            return
        stack = np.vstack(allpts)
        width = thickness if thickness is not None else pen.width * s
        pad = int(width + 3)
        h, w = self.canvas.shape[:2]
        x0, y0 = max(0, int(stack[:, 0].min()) - pad), max(0, int(stack[:, 1].min()) - pad)
        x1, y1 = min(w, int(stack[:, 0].max()) + pad + 1), min(h, int(stack[:, 1].max()) + pad + 1)
        if x1 <= x0 or y1 <= y0:
            return
        mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
        offset = np.array([x0, y0])
        lines = [np.round((p - offset) * 16).astype(np.int32) for p in polylines]
        if lines:
            cv2.polylines(mask, lines, False, 255, max(1, int(round(width))), cv2.LINE_AA, shift=4)
        for poly in filled:
            cv2.fillPoly(mask, [np.round((poly - offset) * 16).astype(np.int32)], 255, cv2.LINE_AA, shift=4)
        alpha = mask.astype(np.float32) * (pen.pressure / 255)
        if pen.grain:
            alpha *= self.rng.uniform(0.45, 1.0, alpha.shape).astype(np.float32)
        roi = self.canvas[y0:y1, x0:x1].astype(np.float32)
        tint = 1 - pen.bgr[None, None, :] if roi.ndim == 3 else 1 - pen.grey()
        factor = 1 - (alpha[..., None] if roi.ndim == 3 else alpha) * tint
        self.canvas[y0:y1, x0:x1] = np.clip(roi * factor, 0, 255).astype(np.uint8)

    # --- marks in a box (centre cx, cy; outer size b; all in px) ---

    def cross(self, pen, cx, cy, b, scale):
        rng = self.rng
        h = b * scale / 2
        angle = rng.normal(0, 0.12)
        off = rng.normal(0, 0.06 * b, 2)
        a = _rot(np.array([[-h, -h], [h, h]]) * rng.uniform(0.85, 1.1, (2, 2)), angle) + (cx, cy) + off
        c = _rot(np.array([[h, -h], [-h, h]]) * rng.uniform(0.85, 1.1, (2, 2)), angle) + (cx, cy) + off
        self.strokes(pen, [_curve(a[0], a[1], rng.normal(0, 0.05 * b), rng),
                           _curve(c[0], c[1], rng.normal(0, 0.05 * b), rng)])

    def tick(self, pen, cx, cy, b, scale):
        rng = self.rng
        pts = np.array([[-0.36, -0.02], [-0.08, 0.3], [0.42, -0.5]]) * b * scale
        pts = _rot(pts, rng.normal(0, 0.15)) + (cx, cy) + rng.normal(0, 0.07 * b, 2)
        first = _curve(pts[0], pts[1], rng.normal(0, 0.03 * b), rng, 6)
        second = _curve(pts[1], pts[2], rng.normal(0, 0.06 * b), rng, 12)
        self.strokes(pen, [np.vstack([first, second[1:]])])

    def fill(self, pen, cx, cy, b):
        """A blob or a hatched fill covering roughly half to most of the box."""
        rng = self.rng
        r = b * rng.uniform(0.22, 0.38)
        angles = np.linspace(0, 2 * np.pi, 14, endpoint=False)
        radii = r * rng.uniform(0.75, 1.15, angles.size)
        poly = np.stack([cx + radii * np.cos(angles), cy + radii * np.sin(angles)], 1) + rng.normal(0, 0.05 * b, 2)
        self.strokes(pen, [np.vstack([poly, poly[:1]])], filled=[poly])

    def dot(self, pen, cx, cy, b, diameter_mm):
        rng = self.rng
        r = diameter_mm * self.s / 2
        angles = np.linspace(0, 2 * np.pi, 10, endpoint=False)
        centre = np.array([cx, cy]) + rng.normal(0, 0.1 * b, 2)
        poly = centre + np.stack([np.cos(angles), np.sin(angles)], 1) * r * rng.uniform(0.8, 1.1, (10, 1))
        self.strokes(pen, [], filled=[poly], thickness=1)

    def circle(self, pen, rect):
        """A loop round a label (rect in px), drawn instead of a mark in the box (the box, 3 mm to the
        left of the label, stays clean: the loop starts 1-2.2 mm before the label)."""
        rng = self.rng
        x0, y0, x1, y1 = rect
        pad_x = self.s * rng.uniform(1.0, 2.2)
        ry = (y1 - y0) / 2 + self.s * rng.uniform(1.2, 2.4)
        cy = (y0 + y1) / 2
        left, right = x0 - pad_x + ry, x1 + pad_x - ry  # centres of the stadium's round ends
        start = rng.uniform(0, 2 * np.pi)
        t = np.linspace(start, start + 2 * np.pi * rng.uniform(1.02, 1.12), 64)
        cos, sin = np.cos(t), np.sin(t)
        if right > left:
            xs = np.where(cos >= 0, right + ry * cos, left + ry * cos)
        else:  # a short label ("2"): an upright ellipse
            xs = (x0 + x1) / 2 + ((x1 - x0) / 2 + pad_x) * cos
        pts = np.stack([xs, cy + ry * sin], 1) + rng.normal(0, 0.1 * self.s, (t.size, 2))
        self.strokes(pen, [pts])

    def scribble(self, pen, cx, cy, b):
        """Dense back-and-forth strokes over a box: the person takes a mark back."""
        rng = self.rng
        n = int(rng.integers(4, 14))
        half = b * rng.uniform(0.45, 0.62)
        ys = np.linspace(-half, half, n) + rng.normal(0, 0.03 * b, n)
        xs = np.where(np.arange(n) % 2 == 0, -half, half) * rng.uniform(0.85, 1.1, n)
        lines = [_rot(np.stack([xs, ys], 1), rng.normal(0, 0.3)) + (cx, cy)]
        if rng.random() < 0.5:  # and across once more
            lines.append(_rot(np.stack([ys, xs], 1) * 0.95, rng.normal(0, 0.3)) + (cx, cy))
        thick = max(pen.width * self.s, 0.4 * self.s)
        self.strokes(pen, lines, thickness=thick)

    def stray(self, pen, box_rect, keep_clear=()):
        """A short stroke near, but outside, a box (a pen resting, a slip of the hand), touching no box
        (keep_clear: every box on the page, px). Returns False when no clear spot was found."""
        rng = self.rng
        x0, y0, x1, y1 = box_rect
        margin = 0.6 * self.s
        for _attempt in range(12):
            length = self.s * rng.uniform(1.5, 4)
            gap = self.s * rng.uniform(1.0, 3.5)
            side = rng.integers(0, 3)
            if side == 0:  # left of the box
                p = np.array([x0 - gap - length, rng.uniform(y0, y1)])
            elif side == 1:  # above
                p = np.array([rng.uniform(x0 - length, x1), y0 - gap - length])
            else:  # below
                p = np.array([rng.uniform(x0 - length, x1), y1 + gap])
            angle = rng.uniform(0, np.pi / 2)
            q = p + length * np.array([math.cos(angle), math.sin(angle)]) * 0.7
            stroke = _curve(p, q, rng.normal(0, 0.1 * length), rng, 6)
            lo, hi = stroke.min(0) - margin, stroke.max(0) + margin
            if all(hi[0] < r[0] or lo[0] > r[2] or hi[1] < r[1] or lo[1] > r[3] for r in keep_clear):
                self.strokes(pen, [stroke])
                return True
        return False

    # --- handwriting ---

    def write(self, pen, x0, x1, baseline, fill=1.0):
        """Scribbly cursive words along a writing line from x0 to x1 (px)."""
        rng = self.rng
        s = self.s
        x = x0 + rng.uniform(0.5, 4) * s
        end = x0 + (x1 - x0) * fill
        polylines = []
        xh = rng.uniform(2.2, 3.4) * s
        while x < end - 6 * s:
            letters = int(rng.integers(2, 9))
            pitch = xh * rng.uniform(0.55, 0.85)
            t = np.linspace(0, 2 * np.pi * letters, letters * 10)
            r = xh / 2
            xs = x + pitch * t / (2 * np.pi) - r * 0.6 * np.sin(t)
            ys = baseline - r * (1 - np.cos(t)) * rng.uniform(0.8, 1.1, t.size).round(1)
            tall = rng.random(letters) < 0.25
            for k in np.flatnonzero(tall):
                ys[k * 10:(k + 1) * 10] -= xh * 0.8 * np.sin(np.linspace(0, np.pi, 10))
            word = np.stack([xs, ys], 1) + rng.normal(0, 0.06 * s, (t.size, 2))
            word = _rot(word - (x, baseline), rng.normal(0, 0.03)) + (x, baseline)
            polylines.append(word)
            x = xs.max() + rng.uniform(1.5, 3.5) * s
        if polylines:
            self.strokes(pen, polylines)

    def digit(self, pen, cx, cy, b):
        rng = self.rng
        mask_pen_px = max(1, int(pen.width * self.s))
        text = str(int(rng.integers(1, 6)))
        h, w = self.canvas.shape[:2]
        size = int(b * 1.2)
        x0, y0 = int(cx - size / 2), int(cy - size / 2)
        if x0 < 0 or y0 < 0 or x0 + size > w or y0 + size > h:
            return
        mask = np.zeros((size, size), np.uint8)
        cv2.putText(mask, text, (int(size * 0.25), int(size * 0.8)), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX,
                    size / 34, 255, mask_pen_px, cv2.LINE_AA)
        alpha = mask.astype(np.float32) / 255 * pen.pressure
        roi = self.canvas[y0:y0 + size, x0:x0 + size].astype(np.float32)
        if roi.ndim == 3:
            roi *= 1 - alpha[..., None] * (1 - pen.bgr[None, None, :])
        else:
            roi *= 1 - alpha * (1 - pen.grey())
        self.canvas[y0:y0 + size, x0:x0 + size] = roi.astype(np.uint8)

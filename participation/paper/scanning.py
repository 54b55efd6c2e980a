"""Reading a scanned or photographed page of a printed form back (pure functions: numpy in, a reading out;
no database).

0. Look at the image: `assess_quality` names what makes marks hard to read (1-bit, too low a resolution,
   heavy JPEG, a photo). A very large image (a phone photo) is scaled down first; a 1-bit image is
   blurred a little so that a dither becomes grey again. Light is normalised: the image is divided by an
   estimate of the paper's brightness (a grey closing of a small copy), so shadows and grey copies read
   like white paper.
1. Identify: zxing-cpp finds the page's QR code (form version, serial, page) in the page, the
   light-normalised page, a sharpened one, a half-size one, and each quarter zoomed ×2. zxing reports
   the code's corners in the code's own orientation, so a page fed upside down or sideways is
   recognised at no cost.
2. Register: every solid dark square of about the corner marks' size is a candidate; for each corner the
   few nearest to where the code's rotation and scale put it are tried together, and the four that map
   the code's corners onto the template's code best (a homography: no affine assumption, so a photo's
   keystone is no problem) win, provided the printed box frames are then found where they belong. With
   three marks the code's corners join the fit and the box frames must confirm it; with two (an edge
   cut off) likewise, but only as a rotation-scale fit; with fewer, a person looks.
3. Refine on the box frames (template matching within ±2 mm; each box may then follow its own frame by
   up to 1 mm: paper curls in photos), then measure each box's ink relative to the local paper and to the
   darkness of the box's own printed frame, and decide ticked / empty / uncertain / filled ("cancelled").
   Faint, partial or smudged ink is "uncertain", never "empty"; a box scribbled over is "filled".
4. Free-text fields with ink are cut out as snippets for people to transcribe.

Thresholds (the constants below) were set on the tuning set of site/tooling/scans/synth.py
(`python manage.py scan_benchmark`, 1,000 pages of five conditions) and then frozen; see the README.
"""

from dataclasses import dataclass, field
from itertools import product
from urllib.parse import parse_qs, urlsplit

import cv2
import numpy as np
import zxingcpp

PX_PER_MM = 8  # the warped page: 1680 × 2376 px, about 200 dpi
PAGE_MM = (210, 297)
MAX_QR_ERROR_MM = 1.5  # scans; the code's corners as zxing reports them, against the template's code
MAX_QR_ERROR_PHOTO_MM = 2.5  # photos: lens distortion and a curled page
FRAME_MM = 0.5  # the printed box frame
OTHERS_PAD = int(1.5 * PX_PER_MM)  # most strokes overshooting a box end within this distance
MARK_MM = 6.0  # the corner marks
MAX_SIDE = 2400  # larger images (300 dpi scans, phone photos) are scaled down to this first: speed
PHOTO_KEYSTONE_MM = 1.5  # a page whose homography departs this far from an affine map was photographed

# Quality (assess_quality). Set on the tuning set: grey scans have ≥ 25 % as many mid-tone pixels as
# dark ones (text edges), 1-bit pages < 8 %; JPEG at quality ≤ 25 leaves ≥ 80 % of 8×8 blocks perfectly
# flat, quality ≥ 50 ≤ 75 % (a very clean scan at 50 can reach 80 %); marks stay readable down to about
# 100 dpi (4 px/mm).
BILEVEL_MIDTONES = 0.08
BLOCKINESS = 0.82
LOW_PX_PER_MM = 4.0

# Box decisions. Every pixel's ink is measured as r = (paper − pixel) / (paper − frame): 0 on the local
# paper, 1 as dark as the box's own printed frame (pencil ~0.4–0.7, light pencil ~0.15–0.35). Core: the
# inside of the box minus a margin; ring: a band just outside it; label: the option's text beside it.
STRONG_INK = 0.45  # a pen stroke
FAINT_INK = 0.10  # the least that counts as a trace (raised on noisy pages: FAINT_NOISE × the noise)
FAINT_NOISE = 4.0
TICKED_STRONG = 0.05  # a pen mark: this share of pen-dark pixels …
TICKED_EXTENT = 0.45  # … spanning at least this share of the core's width or height
FAINT_TICK = 0.10  # a faint (pencil) mark: this share of traces in one connected stroke …
FAINT_TICK_EXTENT = 0.6  # … spanning most of the core, …
FAINT_TICK_MASS = 0.015  # … with this ink mass (mean r over the core, traces only) …
FAINT_TICK_STROKE = 0.4  # … and drawn as a line (this share of the traces stand out from a 1 mm blur; a smudge doesn't)
EMPTY_MASS = 0.004  # below this, and no trace larger than a speck, and nothing around it: empty
EMPTY_MEAN = 0.025  # … and no diffuse darkening of the core either
EMPTY_SPECK = 0.012
EMPTY_RING = 0.05
EMPTY_LABEL = 0.02
FILLED_CORE = 0.75  # pen-dark share of a solid fill
SCRIBBLE_CORE = 0.35  # a dense mark: with many strokes across it (runs per line) a box scribbled over,
SCRIBBLE_RUNS = 2.3  # with few a heavy cross (felt pens: 40–65 % ink, 1.1–1.8 runs), between: a person looks
CROSS_RUNS = 2.0
FAINT_FILLED = 0.7  # traces over most of the core (a pencil scribble, a smear): not a tick either
FAINT_FILLED_MASS = 0.08
DEFINITE_STRONG = 0.10  # an unreliable page: only clearly dark marks are decided …
DEFINITE_MASS, DEFINITE_SPECK, DEFINITE_STROKE, DEFINITE_EXTENT = 0.08, 0.3, 0.5, 0.8  # … or plain pencil lines
BROKEN_MEAN, BROKEN_MAX = 2.0, 3  # 1-bit page: its marks in 2+ pieces on average, or one in 3+ → pencil lost
TEXT_DARK = 0.90  # text fields: darker than 90 % of the paper's white counts as ink
TEXT_INK = 0.006


@dataclass
class PageReading:
    status: str  # identified | unidentified | misregistered
    version: int | None = None
    serial: str = ""
    page: int | None = None
    upside_down: bool = False
    marks_found: int = 0
    qr_error_mm: float | None = None
    frame_error_mm: float | None = None
    boxes: dict = field(default_factory=dict)  # anchor → {"state", "core", "ring", …}
    texts: dict = field(default_factory=dict)  # anchor → {"ink", "rect" (px in the warped page)}
    warped: np.ndarray | None = None
    problem: str = ""
    quality: list = field(default_factory=list)  # problem codes: bilevel, low_resolution, compressed, photo
    unreliable: bool = False  # marks on this page cannot be read reliably: what is not definite is uncertain
    px_per_mm: float | None = None  # the input image's resolution on the page (from the code's size)
    rescan: bool = False  # a 1-bit page without one definite mark: pencil may be erased, a grey rescan can tell


SINGLE_KINDS = {"single", "dropdown", "yesno", "scale", "matrix"}
UNRELIABLE = {"bilevel", "low_resolution", "compressed"}


def group_of(anchor):
    """What a box belongs to: box-<question id>-<option> → the question; a matrix box
    box-<question id>-<row id>-<value> → question and row; box-consent → consent."""
    rest = anchor[4:]
    if rest.startswith(("category-", "district-")):  # the idea form: one topic, one district
        return rest.split("-", 1)[0]
    if len(rest) > 37 and rest[36] == "-":
        tail = rest[37:]
        return rest[:73] if len(tail) > 37 and tail[36] == "-" else rest[:36]
    return rest


def decide_groups(boxes, kinds):
    """Each box's final reading: "ticked", "empty" or "review". A box goes to a person when it is in the
    uncertain band, when it is one of two ticks in a one-answer question (or matrix row), or when it is
    filled in and nothing else in its question is ticked (cancelled, or meant?). The review task shows
    the whole question; the other boxes keep their reading."""
    groups = {}
    for anchor in boxes:
        groups.setdefault(group_of(anchor), []).append(anchor)
    result = {}
    for group, anchors in groups.items():
        states = [boxes[a]["state"] for a in anchors]
        ticked = states.count("ticked")
        conflict = kinds.get(group[:36]) in SINGLE_KINDS and ticked > 1
        # A filled box beside a tick is a cancelled answer, unless that tick is itself dense ink (a heavy
        # scribble read as a cross, or the fill was the answer and the other box the scribble-out): then
        # which one was meant is a person's call.
        dense = any(state == "ticked" and boxes[a].get("core", 0) >= SCRIBBLE_CORE
                    for a, state in zip(anchors, states, strict=True))
        if "filled" in states and dense:
            conflict = True
        for anchor, state in zip(anchors, states, strict=True):
            cancelled_or_meant = state == "filled" and (not ticked or conflict)
            if state == "uncertain" or (state == "ticked" and conflict) or cancelled_or_meant:
                result[anchor] = "review"
            else:
                result[anchor] = "ticked" if state == "ticked" else "empty"
    return result


def parse_payload(text):
    """(version, serial, page) from a page code, or None for anything else (e.g. the receipt's code)."""
    query = parse_qs(urlsplit(text).query)
    try:
        version, page = int(query["v"][0]), int(query["p"][0])
    except (KeyError, ValueError, IndexError):
        return None
    serial = query.get("s", ["-"])[0]
    return version, "" if serial == "-" else serial, page


# --- Quality -------------------------------------------------------------------------------------------


def assess_quality(gray):
    """Problem codes of a decoded page image (grey, uint8): "bilevel" (1-bit or thresholded: pencil may be
    gone), "low_resolution" (under about 130 dpi on the page), "compressed" (heavy JPEG blocks), "photo"
    (background around the page). Fast (a subsample): usable at upload."""
    problems = []
    height, width = gray.shape[:2]
    step = max(1, int(np.sqrt(height * width / 400_000)))
    sample = gray[::step, ::step]
    histogram = np.bincount(sample.ravel(), minlength=256)
    dark = histogram[:60].sum()
    mid = histogram[80:200].sum()
    border = np.concatenate([sample[: sample.shape[0] // 30].ravel(), sample[-(sample.shape[0] // 30):].ravel(),
                             sample[:, : sample.shape[1] // 30].ravel(), sample[:, -(sample.shape[1] // 30):].ravel()])
    paper = int(np.searchsorted(np.cumsum(histogram), 0.9 * sample.size))
    photo = np.median(border) < 0.72 * paper and abs(max(height, width) / min(height, width) - 1.414) > 0.06
    if photo:
        problems.append("photo")  # (a dark table around a white page is no 1-bit image)
    elif dark > 0.002 * sample.size and mid < BILEVEL_MIDTONES * dark:
        problems.append("bilevel")
    if not photo and min(height, width) / 210 < LOW_PX_PER_MM and max(height, width) / 297 < LOW_PX_PER_MM + 0.5:
        problems.append("low_resolution")
    if "bilevel" not in problems and _blockiness(gray) > BLOCKINESS:
        problems.append("compressed")
    return problems


def _blockiness(gray):
    """Share of 8×8 JPEG blocks (along rows) whose inside is perfectly flat: heavy compression wipes out the
    paper's grain (quality ≤ 25: ≥ 80 %; quality ≥ 50: ≤ 75 %). A pristine digital page (one white value
    almost everywhere) is flat too, but is not a compressed one."""
    height, width = gray.shape
    usable = (width - 1) // 8 * 8
    rows = gray[height // 4: 3 * height // 4: 6, : usable + 1]
    values = np.bincount(rows[::4, ::4].ravel(), minlength=256)
    if values.argmax() >= 250 and values.max() > 0.5 * values.sum():
        return 0.0
    steps = np.abs(np.diff(rows.astype(np.int16), axis=1)).reshape(rows.shape[0], -1, 8)
    return float(np.count_nonzero(steps[:, :, :7].max(axis=2) <= 1)) / (steps.shape[0] * steps.shape[1])


# --- Preparing the image ---------------------------------------------------------------------------------


def _normalise(gray, px_per_mm):
    """The image divided by a grey closing (≈ 12 mm) of a quarter-size copy: paper → ~240, shadows gone."""
    small = cv2.resize(gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    size = max(3, int(12 * px_per_mm / 4) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    background = cv2.blur(background, (size // 2 | 1, size // 2 | 1))
    background = cv2.resize(background, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(gray, np.maximum(background, 8), scale=240)


def _corners(barcode):
    p = barcode.position
    return np.array([[p.top_left.x, p.top_left.y], [p.top_right.x, p.top_right.y],
                     [p.bottom_right.x, p.bottom_right.y], [p.bottom_left.x, p.bottom_left.y]], dtype=np.float64)


def _codes(image, scale=1.0, offset=(0, 0)):
    for barcode in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        payload = parse_payload(barcode.text)
        if payload:
            return payload, _corners(barcode) / scale + offset
    return None


def find_code(gray, px_per_mm=None):
    """The page code: (payload tuple, its four corners in image px) or (None, None). Tried in turn:
    the page; the light-normalised page; sharpened (blurred scans); half size (large, noisy photos);
    each quarter zoomed ×2, plain and sharpened."""
    found = _codes(gray)
    if found:
        return found
    base = _normalise(gray, px_per_mm or max(gray.shape) / 300)
    found = _codes(base)
    if found:
        return found
    sharp = cv2.addWeighted(base, 1.8, cv2.GaussianBlur(base, (0, 0), 2), -0.8, 0)
    found = _codes(sharp)
    if found:
        return found
    half = cv2.resize(base, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    found = _codes(half, 0.5)
    if found:
        return found
    height, width = gray.shape
    for top, left in ((0, width // 2), (height // 2, 0), (0, 0), (height // 2, width // 2)):  # top right first
        for image in (base, sharp):
            crop = image[top:top + height // 2, left:left + width // 2]
            zoomed = cv2.resize(crop, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
            found = _codes(zoomed, 2.0, (left, top))
            if found:
                return found
    return None, None


def _code_full_size(gray):
    """The code searched in overlapping tiles of the full-resolution image (a page far away in a large
    photo): half-size tiles as they are, then third-size tiles zoomed ×2."""
    height, width = gray.shape
    for top in (0, height // 4, height // 2):
        for left in (0, width // 4, width // 2):
            found = _codes(gray[top:top + height // 2, left:left + width // 2], 1.0, (left, top))
            if found:
                return found
    for top in range(0, height - height // 3 + 1, height // 6):
        for left in range(0, width - width // 3 + 1, width // 6):
            tile = gray[top:top + height // 3, left:left + width // 3]
            found = _codes(cv2.resize(tile, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC), 2.0, (left, top))
            if found:
                return found
    return None, None


# Where every printed form puts its code and corner marks (templates/participation/print/base.html), for
# rectifying a code that could be seen but not read before the form version is known.
PRINTED_FRAME = {"qr-code": [160.0, 16.0, 180.0, 36.0], "corner-tl": [12.0, 10.0, 18.0, 16.0],
                 "corner-tr": [192.0, 10.0, 198.0, 16.0], "corner-bl": [12.0, 281.0, 18.0, 287.0],
                 "corner-br": [192.0, 281.0, 198.0, 287.0]}


def _code_via_marks(gray, work, factor):
    """A code zxing locates but cannot decode: find the page's four marks from its position, map the code's
    area out of the full-resolution image at 12 px/mm without perspective, and read it there."""
    for image, zoom in ((work, 1.0), (cv2.resize(work, None, fx=1.5, fy=1.5, interpolation=cv2.INTER_CUBIC), 1.5)):
        seen = [_corners(b) / zoom for b in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode,
                                                                   return_errors=True) if not b.valid]
        seen.sort(key=lambda corners: -cv2.contourArea(np.float32(corners)))  # whole codes before parts
        for corners in seen[:3]:
            to_template, marks, _error = register(work, PRINTED_FRAME, corners)
            if to_template is None or marks < 4:
                continue
            x0, y0, x1, y1 = PRINTED_FRAME["qr-code"]
            scale, margin = 12, 4
            out = np.array([[scale, 0, -scale * (x0 - margin)], [0, scale, -scale * (y0 - margin)], [0, 0, 1.0]])
            to_out = out @ to_template @ np.diag([factor, factor, 1.0])
            size = int((x1 - x0 + 2 * margin) * scale)
            flat = cv2.warpPerspective(gray, to_out, (size, size), flags=cv2.INTER_CUBIC,
                                       borderMode=cv2.BORDER_REPLICATE)
            found = _codes(flat) or _codes(cv2.addWeighted(flat, 2.0, cv2.GaussianBlur(flat, (0, 0), 3), -1.0, 0))
            if found:
                payload, flat_corners = found
                return payload, _project(np.linalg.inv(out @ to_template), flat_corners)
    return None, None


# --- Registration ------------------------------------------------------------------------------------------


def _rect_corners(rect):
    x0, y0, x1, y1 = rect
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float64)


def _center(rect):
    return np.array([(rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2])


def _project(matrix, points):
    points = np.asarray(points, dtype=np.float64).reshape(-1, 1, 2)
    return cv2.perspectiveTransform(points, matrix).reshape(-1, 2)


def _similarity(source, target):
    """Rotation, scale and shift (no perspective: it extrapolates wildly from a small code)."""
    matrix, _inliers = cv2.estimateAffinePartial2D(np.float32(source), np.float32(target), method=cv2.LMEDS)
    return np.vstack([matrix, [0, 0, 1]]) if matrix is not None else None


def mark_candidates(gray, px_per_mm):
    """Centres (image px) of solid dark squares about the corner marks' size (±45 %, any rotation, a little
    perspective), found on a half-size, light-normalised copy of the image."""
    half = _normalise(cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA), px_per_mm / 2)
    side = MARK_MM * px_per_mm / 2
    dark = (half < 130).astype(np.uint8)
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(dark, connectivity=8)
    if count <= 1:
        return np.zeros((0, 2))
    area = stats[1:, cv2.CC_STAT_AREA]
    w, h = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    keep = np.flatnonzero((area >= 0.3 * side * side) & (area <= 2.2 * side * side) & (w <= 2.1 * side) &
                          (h <= 2.1 * side) & (w >= 0.5 * side) & (h >= 0.5 * side) & (area >= 0.45 * w * h)) + 1
    found = []
    for index in keep:
        x, y, bw, bh = stats[index, :4]
        blob = (labels[y:y + bh, x:x + bw] == index).astype(np.uint8)
        moments = cv2.moments(blob, binaryImage=True)
        spread = (moments["mu20"] + moments["mu02"]) / max(moments["m00"], 1) ** 2
        if spread > 0.19:  # a square: 1/6 at any rotation; rings, crosses and lines spread more
            continue
        margin = int(round(side * 0.4)) + 1  # a corner mark stands on white paper (not in a pattern)
        top, left = max(0, y - margin), max(0, x - margin)
        surround = half[top:y + bh + margin, left:x + bw + margin]
        others = labels[top:y + bh + margin, left:x + bw + margin] != index
        if np.count_nonzero(others) and np.mean(surround[others] < 130) > 0.15:
            continue
        found.append(centroids[index] * 2 + 0.5)
    return np.array(found).reshape(-1, 2)


def _qr_error_mm(to_template, qr_corners, template_qr):
    return float(np.max(np.linalg.norm(_project(to_template, qr_corners) - template_qr, axis=1)))


def register(gray, layout, qr_corners, px_per_mm=None, check=None):
    """Candidate fits (homography image px → template mm, marks used, QR check in mm), best first.
    `check(matrix)` (the box frames) may reject a fit; the first accepted one is returned as
    (matrix, marks, qr_error) or (None, marks, None)."""
    template_qr = _rect_corners(layout["qr-code"])
    qr_mm = layout["qr-code"][2] - layout["qr-code"][0]
    if px_per_mm is None:
        px_per_mm = np.mean([np.linalg.norm(qr_corners[i] - qr_corners[(i + 1) % 4]) for i in range(4)]) / qr_mm
    estimate = _similarity(template_qr, qr_corners)  # template mm → image px
    if estimate is None:
        return None, 0, None
    # The page's four corner marks, and on a page with a receipt slip two more just above its cut line (the
    # bottom marks go with a slip cut off; a photo's perspective needs four marks).
    every = [name for name in ("corner-tr", "corner-tl", "corner-br", "corner-bl", "corner-cr", "corner-cl")
             if name in layout]
    names = every[:4] if len(every) > 4 else every
    quads = [names] + ([["corner-tr", "corner-tl", "corner-cr", "corner-cl"]] if len(every) == 6 else [])
    options = _mark_options(mark_candidates(gray, px_per_mm), layout, every, estimate, px_per_mm)
    for error, matrix, marks in _four_mark_fits(options, quads, layout, qr_corners, template_qr)[:6]:
        if error > MAX_QR_ERROR_PHOTO_MM * 2:
            break
        if check is None or check(matrix, marks):
            return matrix, marks, error
    for negative, residual, matrix in _partial_fits(options, names, layout, qr_corners, template_qr)[:6]:
        if residual > MAX_QR_ERROR_MM:
            continue
        if check is None or check(matrix, -negative):
            return matrix, -negative, residual
    return None, sum(bool(options[name]) for name in names), None


def _mark_options(candidates, layout, every, estimate, px_per_mm):
    """For each corner mark, up to four candidates near where the code's similarity fit puts it (the reach
    grows with the distance from the code: a keystone moves far marks more)."""
    qr_centre = _center(layout["qr-code"])
    options = {}
    for name in every:
        centre = _center(layout[name])
        guess = _project(estimate, [centre])[0]
        reach = (12 + 0.3 * np.linalg.norm(centre - qr_centre)) * px_per_mm
        if len(candidates):
            distance = np.linalg.norm(candidates - guess, axis=1)
            near = np.argsort(distance)[:4]
            options[name] = [candidates[i] for i in near if distance[i] <= reach]
        else:
            options[name] = []
    return options


def _four_mark_fits(options, quads, layout, qr_corners, template_qr):
    """Homographies from four marks, (QR error in mm, matrix, 4), best first."""
    fits = []
    combinations = ((quad, chosen) for quad in quads for chosen in product(*[options[name] for name in quad]))
    for marks_used, chosen in combinations:
        used = list(zip(marks_used, chosen, strict=True))
        source = np.array([point for _name, point in used])
        if len({(round(x), round(y)) for x, y in source}) < 4:
            continue  # one candidate taken for two marks
        target = np.array([_center(layout[name]) for name, _point in used])
        matrix = cv2.getPerspectiveTransform(np.float32(source), np.float32(target))
        if matrix is None or not np.all(np.isfinite(matrix)):
            continue
        fits.append((_qr_error_mm(matrix, qr_corners, template_qr), matrix, 4))
    fits.sort(key=lambda fit: fit[0])
    return fits


def _partial_fits(options, names, layout, qr_corners, template_qr):
    """Fewer marks: the code's corners join the fit (the box frames must confirm it), (-marks, residual,
    matrix), most marks and smallest residual first."""
    partial = []
    for chosen in product(*[options[name][:2] + [None] for name in names]):
        used = [(name, point) for name, point in zip(names, chosen, strict=True) if point is not None]
        if len(used) not in (2, 3):
            continue
        source = np.vstack([qr_corners, [point for _name, point in used]])
        target = np.vstack([template_qr, [_center(layout[name]) for name, _point in used]])
        if len(used) == 3:
            matrix, _mask = cv2.findHomography(source, target)
        else:
            matrix = _similarity(source, target)
        if matrix is None:
            continue
        residual = float(np.max(np.linalg.norm(_project(matrix, source) - target, axis=1)))
        partial.append((-len(used), residual, matrix))
    partial.sort(key=lambda fit: (fit[0], fit[1]))
    return partial


def _frame_template(width_px, height_px):
    frame = max(2, int(round(FRAME_MM * PX_PER_MM)))
    template = np.full((height_px, width_px), 255, np.uint8)
    template[:frame, :] = template[-frame:, :] = 0
    template[:, :frame] = template[:, -frame:] = 0
    return template


def refine(warped, boxes):
    """Match each printed box frame within ±2 mm; returns (2×3 correction or None, median residual mm,
    each box's own position (x0, y0 px) or None where its frame was not found clearly)."""
    search = 2 * PX_PER_MM
    expected, found, own = [], [], []
    for rect in boxes:
        x0, y0, x1, y1 = (int(round(v * PX_PER_MM)) for v in rect)
        template = _frame_template(x1 - x0, y1 - y0)
        top, left = max(0, y0 - search), max(0, x0 - search)
        crop = warped[top:y1 + search, left:x1 + search]
        if crop.shape[0] <= template.shape[0] or crop.shape[1] <= template.shape[1]:
            own.append(None)
            continue
        scores = cv2.matchTemplate(crop, template, cv2.TM_CCOEFF_NORMED)
        _min, best, _min_at, (bx, by) = cv2.minMaxLoc(scores)
        own.append((left + bx, top + by) if best > 0.6 else None)
        if best > 0.45:
            expected.append([x0, y0])
            found.append([left + bx, top + by])
    if len(expected) < 3:
        return None, None, own
    expected, found = np.float32(expected), np.float32(found)
    correction, inliers = cv2.estimateAffinePartial2D(expected, found, method=cv2.RANSAC,
                                                      ransacReprojThreshold=0.6 * PX_PER_MM)
    if correction is None:
        return None, None, own
    moved = expected @ correction[:, :2].T + correction[:, 2]
    residual = float(np.median(np.linalg.norm(moved - found, axis=1))) / PX_PER_MM
    return correction, residual, own


def template_image(master_pdf, page_index):
    """The blank form page at the warped resolution: what is printed is not ink a person added."""
    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(master_pdf)[page_index]
    array = page.render(scale=PX_PER_MM * 25.4 / 72, grayscale=True).to_numpy()
    array = array[..., 0] if array.ndim == 3 else array
    canvas = np.full((PAGE_MM[1] * PX_PER_MM, PAGE_MM[0] * PX_PER_MM), 255, np.uint8)
    height, width = min(canvas.shape[0], array.shape[0]), min(canvas.shape[1], array.shape[1])
    canvas[:height, :width] = array[:height, :width]
    return canvas


def printed_mask(template):
    """Pixels where the form itself has ink, widened by 0.4 mm for registration and blur."""
    return cv2.dilate((template < 200).astype(np.uint8), np.ones((7, 7), np.uint8)).astype(bool)


# --- Measuring a box ------------------------------------------------------------------------------------------


def _runs(mask):
    """Mean number of separate ink runs crossed by the rows and by the columns that have ink (the larger):
    a tick or cross crosses 1–2, a scribble many."""
    def along(m):
        rows = m[np.any(m, axis=1)]
        if not len(rows):
            return 0.0
        starts = np.count_nonzero(np.diff(rows.astype(np.int8), axis=1) == 1, axis=1) + rows[:, 0]
        return float(starts.mean())
    return max(along(mask), along(mask.T))


def measure_box(warped, rect_px, paper, frame_dark, printed=None, others=None, label_px=None, noise=0.0):
    """Ink figures of one box (rect in warped px), relative to the paper and the frame's darkness, not
    counting what is printed there: core (pen-dark share), mass, extent, faint share, runs, ring, label."""
    x0, y0, x1, y1 = rect_px
    contrast = max(paper - frame_dark, 40.0)
    inset = int(round((FRAME_MM + 0.45) * PX_PER_MM))
    core_px = warped[y0 + inset:y1 - inset, x0 + inset:x1 - inset].astype(np.float32)
    if core_px.size == 0:
        return {"core": 0.0, "mass": 0.0, "mean": 0.0, "extent": 0.0, "stroke": 0.0, "pieces": 0, "faint": 0.0,
                "speck": 0.0, "runs": 0.0, "ring": 0.0, "label": 0.0}
    core_px = cv2.blur(core_px, (3, 3))
    r = (paper - core_px) / contrast
    faint_level = max(FAINT_INK, FAINT_NOISE * noise)
    faint = r > faint_level
    strong = r > STRONG_INK
    mass = float(np.sum(np.where(faint, np.minimum(r, 1.0), 0.0))) / r.size
    mean = float(np.mean(np.clip(r, -0.5, 1.0)))
    if np.any(faint):
        # The extent of the largest trace (not of specks scattered over the core)
        count, _labels, stats, _c = cv2.connectedComponentsWithStats(faint.astype(np.uint8), connectivity=8)
        biggest = stats[1:, cv2.CC_STAT_AREA].argmax() + 1
        extent = max(stats[biggest, cv2.CC_STAT_WIDTH] / r.shape[1], stats[biggest, cv2.CC_STAT_HEIGHT] / r.shape[0])
        speck = stats[biggest, cv2.CC_STAT_AREA] / r.size
        line = (r - cv2.GaussianBlur(r, (0, 0), PX_PER_MM)) > 0.6 * faint_level
        stroke = float(np.count_nonzero(line & faint)) / np.count_nonzero(faint)
    else:
        extent = speck = stroke = 0.0
    gap, width = int(round(0.45 * PX_PER_MM)), int(round(2.0 * PX_PER_MM))
    top, left = max(0, y0 - gap - width), max(0, x0 - gap - width)
    bottom, right = y1 + gap + width, x1 + gap + width
    outer = warped[top:bottom, left:right].astype(np.float32)
    excluded = np.zeros(outer.shape, bool) if printed is None else printed[top:bottom, left:right].copy()
    if others is not None:  # other boxes (and their surroundings), not this one
        near = others[top:bottom, left:right].copy()
        pad = OTHERS_PAD
        near[max(0, y0 - pad - top):y1 + pad - top, max(0, x0 - pad - left):x1 + pad - left] -= 1
        excluded |= near > 0
    excluded[y0 - gap - top:y1 + gap - top, x0 - gap - left:x1 + gap - left] = True  # the box itself
    ring = _share((paper - cv2.blur(outer, (3, 3))) / contrast > max(0.15, faint_level * 1.5), ~excluded)
    label = 0.0
    if label_px is not None:
        lx0, ly0, lx1, ly1 = label_px
        area = warped[ly0:ly1, lx0:lx1].astype(np.float32)
        if area.size:
            free = np.ones(area.shape, bool) if printed is None else ~printed[ly0:ly1, lx0:lx1]
            if others is not None:
                free &= others[ly0:ly1, lx0:lx1] == 0
            inked = (paper - cv2.blur(area, (3, 3))) / contrast > max(0.3, faint_level * 1.5)
            # A ring drawn round a label crosses above and below its text; writing beside it (an "Other:"
            # answer, a neighbour's words) seldom does both: the smaller of the two bands counts.
            band = max(1, area.shape[0] // 3)
            label = min(_share(inked[:band], free[:band]), _share(inked[-band:], free[-band:]))
    pieces = 0
    if np.any(strong):  # a stroke a 1-bit threshold broke into pieces: its ink was near the threshold
        _count, _labels, parts, _c = cv2.connectedComponentsWithStats(strong.astype(np.uint8), connectivity=8)
        pieces = int(np.count_nonzero(parts[1:, cv2.CC_STAT_AREA] >= 3))
    return {"core": float(np.count_nonzero(strong)) / r.size, "mass": mass, "mean": mean, "extent": float(extent),
            "stroke": stroke, "pieces": pieces,
            "faint": float(np.count_nonzero(faint)) / r.size, "speck": float(speck), "runs": _runs(strong),
            "ring": ring, "label": label}


def _share(mask, where):
    total = np.count_nonzero(where)
    return float(np.count_nonzero(mask & where)) / total if total else 0.0


def decide(figures):
    """ticked | empty | uncertain | filled, from measure_box's figures."""
    core, mass, extent = figures["core"], figures["mass"], figures["extent"]
    if core >= FILLED_CORE or (core >= SCRIBBLE_CORE and figures["runs"] >= SCRIBBLE_RUNS):
        return "filled"
    if core >= SCRIBBLE_CORE:
        return "ticked" if figures["runs"] < CROSS_RUNS else "uncertain"
    if figures["faint"] >= FAINT_FILLED and mass >= FAINT_FILLED_MASS:
        return "filled"  # a box covered in pencil: no tick covers most of the box
    if core >= TICKED_STRONG and extent >= TICKED_EXTENT:
        return "ticked"
    if figures["speck"] >= FAINT_TICK and extent >= FAINT_TICK_EXTENT and mass >= FAINT_TICK_MASS and \
            figures["stroke"] >= FAINT_TICK_STROKE:
        return "ticked"
    if mass <= EMPTY_MASS and figures["mean"] <= EMPTY_MEAN and figures["speck"] <= EMPTY_SPECK and \
            figures["ring"] <= EMPTY_RING and figures["label"] <= EMPTY_LABEL:
        return "empty"
    return "uncertain"


def definite(state, figures, bilevel=False):
    """On a page whose marks cannot be read reliably: is this reading beyond doubt? A dark mark is; on a
    compressed or coarse (not 1-bit) page also a pencil stroke that is plainly there."""
    if state == "ticked":
        if figures["core"] >= DEFINITE_STRONG and figures["extent"] >= TICKED_EXTENT:
            return True
        return not bilevel and figures["mass"] >= DEFINITE_MASS and figures["speck"] >= DEFINITE_SPECK and \
            figures["stroke"] >= DEFINITE_STROKE and figures["extent"] >= DEFINITE_EXTENT
    if state == "filled":
        return figures["core"] >= FILLED_CORE
    return False


def _label_zones(boxes, place, texts=()):
    """Where each option's label is printed (a ring drawn around it means the option): right of its box,
    from 3 mm (overshooting strokes end before) up to 3.5 mm before the next box in the row or 35 mm,
    ±1.5 mm above and below; writing areas are not part of it."""
    placed = {anchor: place(rect) for anchor, rect in boxes.items()}
    zones = {}
    for anchor, (_x0, y0, x1, y1) in placed.items():
        end = x1 + 35 * PX_PER_MM
        for other, (ox0, oy0, _ox1, _oy1) in placed.items():
            if other != anchor and ox0 > x1 and abs(oy0 - y0) < (y1 - y0) / 2:
                end = min(end, ox0 - 3.5 * PX_PER_MM)
        for tx0, ty0, _tx1, ty1 in (place(rect) for rect in texts):
            if tx0 > x1 and ty0 < y1 + 1.5 * PX_PER_MM and ty1 > y0 - 1.5 * PX_PER_MM:
                end = min(end, tx0 - PX_PER_MM)
        start = x1 + 3 * PX_PER_MM
        if end - start >= 2 * PX_PER_MM:
            zones[anchor] = [int(start), int(y0 - 1.5 * PX_PER_MM), int(end), int(y1 + 1.5 * PX_PER_MM)]
    return zones


def read_page(gray, layout_for, printed_for=lambda version, page: None):
    """Read one page. `layout_for(version, page)` returns the form version's layout of that page
    (anchor → [x0, y0, x1, y1] in mm) or None when the version is unknown; `printed_for(version, page)`
    the mask of what the blank form prints (see `printed_mask`), so printed lines never count as ink."""
    quality = assess_quality(gray)
    factor, work, payload, qr_corners = _find_page_code(gray, quality)
    if payload is None:
        return PageReading("unidentified", problem="no page code found", quality=quality)
    version, serial, page = payload
    reading = PageReading("identified", version=version, serial=serial, page=page, quality=quality)
    layout = layout_for(version, page)
    if not layout or "qr-code" not in layout:
        reading.status, reading.problem = "unidentified", "unknown form version or page"
        return reading
    qr_mm = layout["qr-code"][2] - layout["qr-code"][0]
    work_ppm = np.mean([np.linalg.norm(qr_corners[i] - qr_corners[(i + 1) % 4]) for i in range(4)]) / qr_mm
    reading.px_per_mm = round(float(work_ppm / factor), 2)
    if reading.px_per_mm < LOW_PX_PER_MM and "low_resolution" not in quality:
        quality.append("low_resolution")
    boxes = {anchor: rect for anchor, rect in layout.items() if anchor.startswith("box-") and
             not anchor.endswith("-text") and 4 <= rect[2] - rect[0] <= 8}
    aligned = _align(reading, work, layout, boxes, qr_corners, work_ppm)
    if aligned is None:
        return reading
    warped, correction, own = aligned
    warped = reading.warped = _normalise(warped, PX_PER_MM)
    reading.unreliable = bool(UNRELIABLE & set(quality))
    own = dict(zip(boxes, own or [None] * len(boxes), strict=True))

    def place(rect, anchor=None):
        x0, y0, x1, y1 = (v * PX_PER_MM for v in rect)
        if correction is not None:
            (x0, y0), (x1, y1) = np.array([[x0, y0], [x1, y1]]) @ correction[:, :2].T + correction[:, 2]
        if anchor is not None and own.get(anchor) is not None:
            fx, fy = own[anchor]
            if np.hypot(fx - x0, fy - y0) <= PX_PER_MM:  # the box's own frame, within 1 mm
                x1, y1, x0, y0 = fx + (x1 - x0), fy + (y1 - y0), fx, fy
        return [int(round(v)) for v in (x0, y0, x1, y1)]

    printed = printed_for(version, page)
    placed = {anchor: place(rect, anchor) for anchor, rect in boxes.items()}
    zones = _label_zones(boxes, lambda rect: place(rect),
                         [rect for anchor, rect in layout.items() if anchor.endswith("-text")])
    _read_boxes(reading, warped, placed, zones, printed)
    white = float(np.percentile(warped[::4, ::4], 90))
    for anchor, rect in layout.items():
        if anchor.endswith("-text"):
            x0, y0, x1, y1 = place(rect)
            area = None if printed is None else printed[y0:y1, x0:x1]
            reading.texts[anchor] = {"ink": round(text_ink(warped[y0:y1, x0:x1], white, area), 4),
                                     "rect": [x0, y0, x1, y1]}
    return reading


def _find_page_code(gray, quality):
    """(scale factor, the working image, payload or None, the code's corners in the working image)."""
    height, width = gray.shape
    factor = min(1.0, MAX_SIDE / max(height, width))
    work = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) if factor < 1 else gray
    if "bilevel" in quality:
        work = cv2.GaussianBlur(work, (0, 0), 0.9)  # a dither becomes grey again
    payload, qr_corners = find_code(work)
    if payload is None and factor < 1:  # a large photo with the page far away: the code at full size
        payload, qr_corners = _code_full_size(gray)
        if payload is not None:
            qr_corners = qr_corners * factor
    if payload is None:  # a code seen but not read (perspective, few pixels): rectify it by the marks
        payload, qr_corners = _code_via_marks(gray, work, factor)
    return factor, work, payload, qr_corners


def _align(reading, work, layout, boxes, qr_corners, work_ppm):
    """The page warped onto the template (PX_PER_MM), with the small correction the box frames suggest and
    each box's own frame: (warped, correction, own), or None with the reading marked misregistered."""
    quality = reading.quality
    scale = np.diag([PX_PER_MM, PX_PER_MM, 1.0])
    size = (PAGE_MM[0] * PX_PER_MM, PAGE_MM[1] * PX_PER_MM)
    state = {}

    def warp(matrix):
        return cv2.warpPerspective(work, scale @ matrix, size, flags=cv2.INTER_LINEAR,
                                   borderMode=cv2.BORDER_REPLICATE)

    def check(matrix, marks):
        warped = warp(matrix)
        correction, frame_error, own = refine(warped, boxes.values())
        moved = None if correction is None else float(np.hypot(*correction[:, 2])) / PX_PER_MM
        if marks < 4 and boxes and (frame_error is None or frame_error > 0.5 or moved is None or moved > 1.0):
            return False  # code and two or three marks: the box frames must confirm the fit
        if marks == 4 and frame_error is not None and (frame_error > 0.8 or moved > 1.5):
            return False  # four marks, but the frames are elsewhere: one of them was not a corner mark
        state.update(warped=warped, correction=correction, frame_error=frame_error, own=own)
        return True

    to_template, reading.marks_found, reading.qr_error_mm = register(work, layout, qr_corners, work_ppm, check)
    if to_template is None:
        reading.status = "misregistered"
        reading.problem = ("fewer than two corner marks found" if reading.marks_found < 2 else
                           "the corner marks, the page code and the box frames disagree")
        return None
    if reading.marks_found == 4 and "photo" not in quality and _keystone_mm(to_template) > PHOTO_KEYSTONE_MM:
        quality.append("photo")
    limit = MAX_QR_ERROR_PHOTO_MM if "photo" in quality else MAX_QR_ERROR_MM
    if reading.qr_error_mm is not None and reading.qr_error_mm > limit:
        reading.status, reading.problem = "misregistered", "the page code is not where the marks put it"
        return None
    reading.upside_down = bool(to_template[0, 0] < 0 and to_template[1, 1] < 0)
    warped, correction, own = state.get("warped"), state.get("correction"), state.get("own")
    if warped is None:
        warped = warp(to_template)
        correction, reading.frame_error_mm, own = refine(warped, boxes.values())
    else:
        reading.frame_error_mm = state["frame_error"]
    return warped, correction, own


def _read_boxes(reading, warped, placed, zones, printed):
    """Measure and decide every tick box, each against its own paper and frame (see `measure_box`)."""
    quality = reading.quality
    others = np.zeros(warped.shape, np.uint8)  # boxes and 1.5 mm around them: a neighbour's overshoot is not ours
    for x0, y0, x1, y1 in placed.values():
        others[max(0, y0 - OTHERS_PAD):y1 + OTHERS_PAD, max(0, x0 - OTHERS_PAD):x1 + OTHERS_PAD] += 1
    paper_all = float(np.percentile(warped[::4, ::4], 90))
    figures_of = {}
    frames = []
    for anchor, (x0, y0, x1, y1) in placed.items():
        window = cv2.blur(warped[max(0, y0 - 24):y1 + 24, max(0, x0 - 24):x1 + 24], (3, 3))
        free = window if printed is None else window[~printed[max(0, y0 - 24):y1 + 24, max(0, x0 - 24):x1 + 24]]
        paper = float(np.median(free)) if free.size else paper_all
        frame_px = np.concatenate([warped[y0:y0 + 4, x0:x1].ravel(), warped[y1 - 4:y1, x0:x1].ravel(),
                                   warped[y0:y1, x0:x0 + 4].ravel(), warped[y0:y1, x1 - 4:x1].ravel()])
        frame_dark = float(np.percentile(frame_px, 25)) if frame_px.size else 0.0
        frames.append(paper - frame_dark)
        spread = 1.4826 * float(np.median(np.abs(free.astype(np.float32) - paper))) if free.size else 0.0
        noise = spread / max(paper - frame_dark, 40.0)
        figures_of[anchor] = (paper, frame_dark, noise)
    typical = float(np.median(frames)) if frames else 150.0
    for anchor, rect_px in placed.items():
        paper, frame_dark, noise = figures_of[anchor]
        if paper - frame_dark < 0.6 * typical:  # the frame not where expected: use the page's contrast
            frame_dark = paper - typical
        figures = measure_box(warped, rect_px, paper, frame_dark, printed, others,
                              zones.get(anchor), noise)
        box_state = decide(figures)
        if reading.unreliable and box_state != "empty" and not definite(box_state, figures, "bilevel" in quality):
            box_state = "uncertain"
        reading.boxes[anchor] = {"state": box_state, **{k: round(v, 4) for k, v in figures.items()}}
    if "bilevel" in quality:
        reading.rescan = _unreliable_empties(reading.boxes)


def _unreliable_empties(boxes):
    """On a 1-bit page an empty-looking box is trusted only where the page shows definite marks that came
    through whole (the person's pen survived). A page with none may have lost its pencil marks, and so may a
    page whose marks came through broken into pieces (pencil grain near the threshold: the same pencil's
    lighter ticks are gone, a dense scribble-out survives as a "tick"): a person looks (True).
    Nobody can see an erased pencil tick in the image either, so the import asks for a rescan in grey (or
    for the paper) instead of asking someone to judge the boxes from this image."""
    marks = [box.get("pieces", 1) for box in boxes.values() if box["state"] in ("ticked", "filled")]
    if boxes and (not marks or np.mean(marks) >= BROKEN_MEAN or max(marks) >= BROKEN_MAX):
        for box in boxes.values():
            box["state"] = "uncertain"
        return True
    return False


def _keystone_mm(to_template):
    """How far (mm) the homography departs from the best affine map over the page's corners."""
    page = np.float64([[0, 0], [PAGE_MM[0], 0], [PAGE_MM[0], PAGE_MM[1]], [0, PAGE_MM[1]]])
    image_points = _project(np.linalg.inv(to_template), page)
    design = np.hstack([image_points, np.ones((4, 1))])
    affine, *_rest = np.linalg.lstsq(design, page, rcond=None)
    return float(np.max(np.linalg.norm(design @ affine - page, axis=1)))


_LINE_KERNEL = cv2.getStructuringElement(cv2.MORPH_RECT, (12 * PX_PER_MM, 1))


def text_ink(region, white, printed=None):
    """Ink in a writing area, not counting the printed writing lines (long horizontal runs, and what the
    blank form prints there). Light pencil is 15–30 % darker than the paper: anything 10 % darker counts."""
    if region.size == 0:
        return 0.0
    dark = (cv2.blur(region, (3, 3)) < white * TEXT_DARK).astype(np.uint8)
    lines = cv2.dilate(cv2.morphologyEx(dark, cv2.MORPH_OPEN, _LINE_KERNEL), np.ones((5, 3), np.uint8))
    ink = dark & (1 - lines)
    if printed is not None and printed.shape == ink.shape:
        ink &= ~printed
    return float(np.count_nonzero(ink)) / region.size

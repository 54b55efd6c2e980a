"""Reading a scanned page of a printed form back (pure functions: numpy in, a reading out; no database).

1. Identify: zxing-cpp finds the page's QR code (form version, serial, page); if the whole page fails, a
   zoomed crop of each corner region is tried. zxing reports the code's corners in the code's own
   orientation, so a page fed upside down is recognised at no cost.
2. Register: the QR corners give a first estimate; the four corner marks are searched near where that
   estimate puts them. With three or four marks the page is mapped by them alone, and the QR corners
   serve as an independent check (they must land within 1.5 mm of the template's QR code), so a page
   cannot register one row off. With two marks (an edge cut off) code and marks are fitted together,
   must agree within 1.5 mm, and the printed box frames must confirm the fit; with fewer, a person looks.
3. Refine on the box frames (template matching within ±2 mm), then measure the ink in each box's core
   and in a ring just outside it, and decide ticked / empty / uncertain / filled ("cancelled").
4. Free-text fields with ink are cut out as snippets for people to transcribe.

Thresholds were tuned on synthetic scans (participation/scan_synth.py, `make bench`); see README.
"""

from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import cv2
import numpy as np
import zxingcpp

PX_PER_MM = 8  # the warped page: 1680 × 2376 px, about 200 dpi
PAGE_MM = (210, 297)
MAX_QR_ERROR_MM = 1.5
FRAME_MM = 0.5  # the printed box frame

# Box decisions (fractions of dark pixels). Core: the inside of the box minus a margin; ring: a band
# just outside. Between "empty" and "ticked" a person decides.
TICKED_CORE = 0.05
EMPTY_CORE = 0.008
EMPTY_RING = 0.05
FILLED_CORE = 0.80
DARK = 0.80  # darker than 80 % of the paper's white counts as ink (light pencil included)
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
    boxes: dict = field(default_factory=dict)  # anchor → {"state", "core", "ring"}
    texts: dict = field(default_factory=dict)  # anchor → {"ink", "rect" (px in the warped page)}
    warped: np.ndarray | None = None
    problem: str = ""
    quality: list = field(default_factory=list)  # problem codes: bilevel, low_resolution, compressed, photo
    unreliable: bool = False  # marks on this page cannot be read reliably: what is not definite goes to review


SINGLE_KINDS = {"single", "dropdown", "yesno", "scale", "matrix"}


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
        for anchor, state in zip(anchors, states, strict=True):
            if state == "uncertain" or (state == "ticked" and conflict) or (state == "filled" and not ticked):
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


def find_code(gray):
    """The page code: (payload tuple, its four corners in image px) or (None, None). Tried in turn:
    the page; the page sharpened (blurred scans); each quarter zoomed ×2, plain and sharpened."""
    found = _codes(gray)
    if found:
        return found
    sharp = cv2.addWeighted(gray, 1.8, cv2.GaussianBlur(gray, (0, 0), 2), -0.8, 0)
    found = _codes(sharp)
    if found:
        return found
    height, width = gray.shape
    for top, left in ((0, width // 2), (height // 2, 0), (0, 0), (height // 2, width // 2)):  # top right first
        for image in (gray, sharp):
            crop = image[top:top + height // 2, left:left + width // 2]
            zoomed = cv2.resize(crop, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
            found = _codes(zoomed, 2.0, (left, top))
            if found:
                return found
    return None, None


def _rect_corners(rect):
    x0, y0, x1, y1 = rect
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float64)


def _center(rect):
    return np.array([(rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2])


def _project(matrix, points):
    points = np.asarray(points, dtype=np.float64).reshape(-1, 1, 2)
    return cv2.perspectiveTransform(points, matrix).reshape(-1, 2)


def _find_mark(gray, guess, size_px, search_px):
    """The centre of a dark square of about size_px near guess, or None."""
    height, width = gray.shape
    x, y = int(round(guess[0])), int(round(guess[1]))
    x0, y0 = max(0, x - search_px), max(0, y - search_px)
    x1, y1 = min(width, x + search_px), min(height, y + search_px)
    if x1 - x0 < size_px or y1 - y0 < size_px:
        return None
    window = gray[y0:y1, x0:x1]
    dark = (window < 110).astype(np.uint8)
    count, _labels, stats, centroids = cv2.connectedComponentsWithStats(dark, connectivity=8)
    best, best_distance = None, None
    expected_area = size_px * size_px
    for index in range(1, count):
        left, top, w, h, area = stats[index]
        if not (0.5 * expected_area <= area <= 1.7 * expected_area):
            continue
        if not (0.7 <= w / max(h, 1) <= 1.4) or area < 0.75 * w * h:
            continue
        if left == 0 or top == 0 or left + w >= window.shape[1] or top + h >= window.shape[0]:
            continue  # touching the window or the cut-off edge: not a whole mark
        centre = centroids[index] + [x0, y0]
        distance = np.hypot(*(centre - guess))
        if best is None or distance < best_distance:
            best, best_distance = centre, distance
    return best


def _similarity(source, target):
    """Rotation, scale and shift (no perspective: it extrapolates wildly from a small code)."""
    matrix, _inliers = cv2.estimateAffinePartial2D(np.float32(source), np.float32(target), method=cv2.LMEDS)
    return np.vstack([matrix, [0, 0, 1]]) if matrix is not None else None


def register(gray, layout, qr_corners):
    """A homography from image px to template mm, the number of marks found, and the QR check in mm."""
    template_qr = _rect_corners(layout["qr-code"])
    scale = np.mean([np.linalg.norm(qr_corners[i] - qr_corners[(i + 1) % 4]) for i in range(4)]) / (
        layout["qr-code"][2] - layout["qr-code"][0]
    )
    template_marks, image_marks = [], []
    estimate = _similarity(template_qr, qr_corners)  # template mm → image px, improved with every mark found
    for name in ("corner-tr", "corner-tl", "corner-br", "corner-bl"):  # nearest to the code first
        if name not in layout or estimate is None:
            continue
        rect = layout[name]
        guess = _project(estimate, [_center(rect)])[0]
        found = _find_mark(gray, guess, (rect[2] - rect[0]) * scale, int(7 * scale))
        if found is not None:
            template_marks.append(_center(rect))
            image_marks.append(found)
            estimate = _similarity(np.vstack([template_qr, template_marks]), np.vstack([qr_corners, image_marks]))
    template_marks, image_marks = np.array(template_marks), np.array(image_marks)
    marks = len(image_marks)
    if marks == 4:
        to_template, _mask = cv2.findHomography(image_marks, template_marks)
    elif marks == 3:
        to_template = np.vstack([cv2.getAffineTransform(image_marks.astype(np.float32),
                                                        template_marks.astype(np.float32)), [0, 0, 1]])
    elif marks == 2:
        # Two marks and the code: a rotation-scale-shift fit of six points; how well the code's corners
        # agree with the two marks is the check.
        to_template = _similarity(np.vstack([qr_corners, image_marks]), np.vstack([template_qr, template_marks]))
        if to_template is None:
            return None, marks, None
        residual = np.linalg.norm(_project(to_template, image_marks) - template_marks, axis=1)
        qr_residual = np.linalg.norm(_project(to_template, qr_corners) - template_qr, axis=1)
        return to_template, marks, float(max(residual.max(), qr_residual.max()))
    else:
        return None, marks, None  # the code alone could place the page a row off: a person looks
    qr_error = float(np.max(np.linalg.norm(_project(to_template, qr_corners) - template_qr, axis=1)))
    return to_template, marks, qr_error


def _frame_template(width_px, height_px):
    frame = max(2, int(round(FRAME_MM * PX_PER_MM)))
    template = np.full((height_px, width_px), 255, np.uint8)
    template[:frame, :] = template[-frame:, :] = 0
    template[:, :frame] = template[:, -frame:] = 0
    return template


def refine(warped, boxes):
    """Match each printed box frame within ±2 mm; returns (2×3 correction or None, median residual mm)."""
    search = 2 * PX_PER_MM
    expected, found = [], []
    for rect in boxes:
        x0, y0, x1, y1 = (int(round(v * PX_PER_MM)) for v in rect)
        template = _frame_template(x1 - x0, y1 - y0)
        top, left = max(0, y0 - search), max(0, x0 - search)
        crop = warped[top:y1 + search, left:x1 + search]
        if crop.shape[0] <= template.shape[0] or crop.shape[1] <= template.shape[1]:
            continue
        scores = cv2.matchTemplate(crop, template, cv2.TM_CCOEFF_NORMED)
        _min, best, _min_at, (bx, by) = cv2.minMaxLoc(scores)
        if best > 0.45:
            expected.append([x0, y0])
            found.append([left + bx, top + by])
    if len(expected) < 4:
        return None, None
    expected, found = np.float32(expected), np.float32(found)
    correction, inliers = cv2.estimateAffinePartial2D(expected, found, method=cv2.RANSAC,
                                                      ransacReprojThreshold=0.6 * PX_PER_MM)
    if correction is None:
        return None, None
    moved = expected @ correction[:, :2].T + correction[:, 2]
    residual = float(np.median(np.linalg.norm(moved - found, axis=1))) / PX_PER_MM
    return correction, residual


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


def _ink(region, white, printed=None):
    if region.size == 0:
        return 0.0
    dark = region < white * DARK
    if printed is None:
        return float(np.count_nonzero(dark)) / region.size
    free = ~printed
    return float(np.count_nonzero(dark & free)) / max(1, np.count_nonzero(free))


def measure_box(warped, rect_px, white, printed=None):
    """(core, ring) ink fractions of one box (rect in warped px), not counting what is printed there."""
    x0, y0, x1, y1 = rect_px
    inset = int(round((FRAME_MM + 0.45) * PX_PER_MM))
    core = warped[y0 + inset:y1 - inset, x0 + inset:x1 - inset]
    gap, width = int(round(0.45 * PX_PER_MM)), int(round(2.0 * PX_PER_MM))
    top, left = max(0, y0 - gap - width), max(0, x0 - gap - width)
    bottom, right = y1 + gap + width, x1 + gap + width
    outer = warped[top:bottom, left:right]
    excluded = np.zeros(outer.shape, bool) if printed is None else printed[top:bottom, left:right].copy()
    excluded[y0 - gap - top:y1 + gap - top, x0 - gap - left:x1 + gap - left] = True  # the box itself
    return float(_ink(core, white)), float(_ink(outer, white, excluded))


def decide(core, ring):
    if core >= FILLED_CORE:
        return "filled"
    if core >= TICKED_CORE:
        return "ticked"
    if core <= EMPTY_CORE and ring <= EMPTY_RING:
        return "empty"
    return "uncertain"


def read_page(gray, layout_for, printed_for=lambda version, page: None):
    """Read one page. `layout_for(version, page)` returns the form version's layout of that page
    (anchor → [x0, y0, x1, y1] in mm) or None when the version is unknown; `printed_for(version, page)`
    the mask of what the blank form prints (see `printed_mask`), so printed lines never count as ink."""
    payload, qr_corners = find_code(gray)
    if payload is None:
        return PageReading("unidentified", problem="no page code found")
    version, serial, page = payload
    reading = PageReading("identified", version=version, serial=serial, page=page)
    layout = layout_for(version, page)
    if not layout or "qr-code" not in layout:
        reading.status, reading.problem = "unidentified", "unknown form version or page"
        return reading
    to_template, reading.marks_found, reading.qr_error_mm = register(gray, layout, qr_corners)
    if to_template is None:
        reading.status, reading.problem = "misregistered", "fewer than two corner marks found"
        return reading
    reading.upside_down = bool(to_template[0, 0] < 0 and to_template[1, 1] < 0)
    scale = np.diag([PX_PER_MM, PX_PER_MM, 1.0])
    size = (PAGE_MM[0] * PX_PER_MM, PAGE_MM[1] * PX_PER_MM)
    warped = cv2.warpPerspective(gray, scale @ to_template, size, flags=cv2.INTER_LINEAR,
                                 borderMode=cv2.BORDER_CONSTANT, borderValue=255)
    reading.warped = warped
    boxes = {anchor: rect for anchor, rect in layout.items() if anchor.startswith("box-") and
             not anchor.endswith("-text") and 4 <= rect[2] - rect[0] <= 8}
    correction, reading.frame_error_mm = refine(warped, boxes.values())
    if reading.qr_error_mm is not None and reading.qr_error_mm > MAX_QR_ERROR_MM:
        reading.status, reading.problem = "misregistered", "the page code is not where the marks put it"
        return reading
    if reading.marks_found == 2:
        # The printed box frames must be found where code and marks put them, with a correction of at
        # most 1 mm (a larger one could be a row off).
        moved = None if correction is None else float(np.hypot(*correction[:, 2])) / PX_PER_MM
        if reading.frame_error_mm is None or reading.frame_error_mm > 0.5 or moved is None or moved > 1.0:
            reading.status, reading.problem = "misregistered", "two corner marks and the box frames disagree"
            return reading
    white = float(np.percentile(warped[::4, ::4], 90))

    def place(rect):
        x0, y0, x1, y1 = (v * PX_PER_MM for v in rect)
        if correction is not None:
            (x0, y0), (x1, y1) = np.array([[x0, y0], [x1, y1]]) @ correction[:, :2].T + correction[:, 2]
        return [int(round(v)) for v in (x0, y0, x1, y1)]

    printed = printed_for(version, page)
    for anchor, rect in boxes.items():
        core, ring = measure_box(warped, place(rect), white, printed)
        reading.boxes[anchor] = {"state": decide(core, ring), "core": round(core, 4), "ring": round(ring, 4)}
    for anchor, rect in layout.items():
        if anchor.endswith("-text"):
            x0, y0, x1, y1 = place(rect)
            reading.texts[anchor] = {"ink": round(text_ink(warped[y0:y1, x0:x1], white), 4), "rect": [x0, y0, x1, y1]}
    return reading


_LINE_KERNEL = cv2.getStructuringElement(cv2.MORPH_RECT, (12 * PX_PER_MM, 1))


def text_ink(region, white):
    """Ink in a writing area, not counting the printed writing lines (long horizontal runs)."""
    if region.size == 0:
        return 0.0
    dark = (region < white * DARK).astype(np.uint8)
    lines = cv2.dilate(cv2.morphologyEx(dark, cv2.MORPH_OPEN, _LINE_KERNEL), np.ones((5, 3), np.uint8))
    return float(np.count_nonzero(dark & (1 - lines))) / region.size

"""Blank backs of duplex scans, recognised before anything else is read.

A duplex scanner makes one image per side; the back of a one-sided form is empty paper on which the
front's print shows through faintly and mirrored (its QR code can even decode once the image is
mirrored). Such a page is set aside silently instead of becoming a task. The test is pure (numpy and
OpenCV, no database) and deliberately conservative: a page is blank only when nothing on it is
darker than show-through can be. Every printed form carries four solid 6 mm corner marks and a 20 mm
QR code in full black; even one corner mark alone (36 mm²) is three times the ink a blank page may
have, and faint print (a toner-starved copy at half contrast) is still far darker than show-through.
A real page that is nearly empty therefore is never "blank": it goes on to the reader and, if that
cannot identify it, to a person.

Between the two lies faint content: show-through, or a real page printed very faintly. Intensity alone
cannot tell them apart, geometry can: the QR code sits in the top right corner of its page, in the
code's own frame, whatever way the page was fed; zxing decodes a mirrored code too, and then reports it
in the top left (its frame is transposed). So faint content is a blank back only when its code decodes
mirrored; a faint page whose code reads the right way round, or whose code cannot be read at all, is not
blank (the reader and then a person look at it).
"""

import cv2
import numpy as np

WORK_DPI = 100  # enough to keep a 0.3 mm printed line, cheap to filter
A4_LONG_MM = 297.0
MARGIN = 0.03  # a scanner's dark edge or the bed's shadow is not ink
INK_LEVEL = 0.65  # darker than 65 % of the local paper brightness: print or pen, never show-through
BLANK_INK = 0.0002  # at most 0.02 % of the page (≈ 12 mm² on A4): dust, a staple hole
FAINT_LEVEL = 0.92  # anything darker than this is content of some kind (show-through or faint print)


def normalise(gray):
    """The page at about WORK_DPI (assuming A4) divided by its own paper brightness (a morphological
    background estimate), so uneven light and grey paper read as 255 and ink as the fraction left (uint8)."""
    gray = np.asarray(gray)
    if gray.ndim == 3:
        gray = cv2.cvtColor(gray, cv2.COLOR_RGB2GRAY)
    height, width = gray.shape[:2]
    factor = max(1, round(max(height, width) / (WORK_DPI * A4_LONG_MM / 25.4)))
    if factor > 1:  # an integer factor on a cropped multiple: OpenCV's fast averaging path
        height, width = height - height % factor, width - width % factor
        gray = cv2.resize(gray[:height, :width], (width // factor, height // factor), interpolation=cv2.INTER_AREA)
    # The paper: the brightest level around every point (ink up to ~8 mm wide removed), then smoothed;
    # estimated at a quarter of the size, which is plenty for light that changes over centimetres.
    h4, w4 = max(1, gray.shape[0] // 4), max(1, gray.shape[1] // 4)
    small = cv2.resize(gray[:h4 * 4, :w4 * 4], (w4, h4), interpolation=cv2.INTER_AREA)
    small = cv2.blur(cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))), (9, 9))
    paper = cv2.resize(small, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(gray, np.maximum(paper, 1), scale=255)  # 255 = paper, uint8


def _inner(level):
    height, width = level.shape
    my, mx = int(height * MARGIN), int(width * MARGIN)
    return level[my:height - my or None, mx:width - mx or None]


def _fraction(inner, below):
    if inner.size == 0:
        return 0.0
    ink = (inner < round(below * 255)).astype(np.uint8)
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))  # single-pixel speckle
    return float(np.count_nonzero(ink)) / inner.size


def ink_fraction(gray):
    """The share of the page (margins excluded) covered by real ink: darker than INK_LEVEL after light
    normalisation, with single-pixel speckle (scanner noise, JPEG) removed."""
    return _fraction(_inner(normalise(gray)), INK_LEVEL)


def code_is_mirrored(gray):
    """True when the page's QR code decodes only as a mirror image (it is the back of a printed page);
    False when it reads the right way round; None when no code decodes."""
    import zxingcpp

    found = None
    for code in zxingcpp.read_barcodes(np.ascontiguousarray(gray)):
        p = code.position
        corners = np.array([[p.top_left.x, p.top_left.y], [p.top_right.x, p.top_right.y],
                            [p.bottom_right.x, p.bottom_right.y], [p.bottom_left.x, p.bottom_left.y]], float)
        centre = corners.mean(axis=0) - np.array([gray.shape[1] / 2, gray.shape[0] / 2])
        right, down = corners[1] - corners[0], corners[3] - corners[0]
        across = float(centre @ right) / max(float(np.linalg.norm(right)), 1e-6)
        along = float(centre @ down) / max(float(np.linalg.norm(down)), 1e-6)
        if across > 0 > along:
            return False  # top right in its own frame: a page the right way round (any rotation)
        if across < 0 < along:
            found = True
    return found


def is_blank(gray):
    """True for an empty page or one with only mirrored show-through; False for anything with real ink or
    faint content that is not provably a mirror image."""
    gray = np.asarray(gray)
    if gray.ndim == 3:
        gray = cv2.cvtColor(gray, cv2.COLOR_RGB2GRAY)
    inner = _inner(normalise(gray))
    if _fraction(inner, INK_LEVEL) > BLANK_INK:
        return False
    if _fraction(inner, FAINT_LEVEL) <= BLANK_INK:
        return True  # empty paper
    return code_is_mirrored(gray) is True

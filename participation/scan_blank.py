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
"""

import cv2
import numpy as np

WORK_DPI = 100  # enough to keep a 0.3 mm printed line, cheap to filter
A4_LONG_MM = 297.0
MARGIN = 0.03  # a scanner's dark edge or the bed's shadow is not ink
INK_LEVEL = 0.65  # darker than 65 % of the local paper brightness: print or pen, never show-through
BLANK_INK = 0.0002  # at most 0.02 % of the page (≈ 12 mm² on A4): dust, a staple hole


def normalise(gray):
    """The page at about WORK_DPI (assuming A4) divided by its own paper brightness (a morphological
    background estimate), so uneven light and grey paper read as 1.0 and ink as the fraction left."""
    gray = np.asarray(gray)
    if gray.ndim == 3:
        gray = cv2.cvtColor(gray, cv2.COLOR_RGB2GRAY)
    height, width = gray.shape[:2]
    scale = min(1.0, WORK_DPI * A4_LONG_MM / 25.4 / max(height, width))
    if scale < 1.0:
        gray = cv2.resize(gray, (max(1, round(width * scale)), max(1, round(height * scale))),
                          interpolation=cv2.INTER_AREA)
    gray = gray.astype(np.float32)
    # The paper: the brightest level around every point (ink up to ~8 mm wide removed), then smoothed.
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (31, 31))
    paper = cv2.GaussianBlur(cv2.dilate(gray, kernel), (0, 0), 15)
    return np.clip(gray / np.maximum(paper, 1.0), 0.0, 1.0)


def ink_fraction(gray):
    """The share of the page (margins excluded) covered by real ink: darker than INK_LEVEL after light
    normalisation, with single-pixel speckle (scanner noise, JPEG) removed."""
    level = normalise(gray)
    height, width = level.shape
    my, mx = int(height * MARGIN), int(width * MARGIN)
    inner = level[my:height - my or None, mx:width - mx or None]
    if inner.size == 0:
        return 0.0
    ink = (inner < INK_LEVEL).astype(np.uint8)
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    return float(np.count_nonzero(ink)) / inner.size


def is_blank(gray):
    """True for an empty page (at most faint show-through), False for anything with real ink on it."""
    return ink_fraction(gray) <= BLANK_INK

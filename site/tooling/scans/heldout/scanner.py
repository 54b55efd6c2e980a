"""How a page reaches the reader: office scanners, fax, sideways feeds, photocopies, phone photos,
torn-off slips, strangers and blank backs. Each function takes a page raster (uint8, grey or BGR, at
`dpi`) with the marks already on it and returns (file bytes, conditions)."""

import io
import math

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

MM = 25.4


def _levels(image, black, white):
    lut = np.clip(black + (white - black) * np.arange(256) / 255.0, 0, 255).astype(np.uint8)
    return cv2.LUT(image, lut)


_TILES = {}


def _noise(image, sigma, rng):
    """Sensor noise of standard deviation `sigma`: a cached random tile, shifted per page, repeated."""
    if sigma <= 0:
        return image
    channels = 1 if image.ndim == 2 else image.shape[2]
    tile = _TILES.get(channels)
    if tile is None:
        generator = np.random.default_rng(7)
        shape = (509, 509) if channels == 1 else (509, 509, channels)
        tile = _TILES[channels] = np.clip(generator.normal(128, 16, shape), 0, 255).astype(np.uint8)
    tile = np.roll(tile, tuple(int(v) for v in rng.integers(0, 509, 2)), axis=(0, 1))
    h, w = image.shape[:2]
    noise = cv2.repeat(tile, h // 509 + 1, w // 509 + 1)[:h, :w]
    return cv2.addWeighted(image, 1.0, noise, sigma / 16, -128 * sigma / 16)


def _blur(image, sigma):
    return cv2.GaussianBlur(image, (0, 0), sigma) if sigma > 0.05 else image


def _affine(image, angle_deg, scale, shift_px, border, upside_down=False):
    h, w = image.shape[:2]
    angle = angle_deg + (180 if upside_down else 0)
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, scale)
    matrix[:, 2] += shift_px
    value = border if image.ndim == 2 else (border, border, border)
    return cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                          borderValue=value)


def _jpeg(image, quality):
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    assert ok
    return data.tobytes()


def _png(image):
    ok, data = cv2.imencode(".png", image, [cv2.IMWRITE_PNG_COMPRESSION, 1])
    assert ok
    return data.tobytes()


def office(image, dpi, rng, upside_down=None):
    """A sheet feeder or flatbed: skew up to 3 degrees, slight blur, paper tone and noise, JPEG 50-95."""
    angle = float(rng.uniform(-3, 3))
    flip = bool(rng.random() < 0.1) if upside_down is None else upside_down
    shift = rng.uniform(-2, 2, 2) * dpi / MM
    black, white = float(rng.uniform(5, 40)), float(rng.uniform(228, 252))
    image = _levels(image, black, white)
    image = _affine(image, angle, 1.0, shift, int(rng.uniform(235, 255)), flip)
    sigma = float(rng.uniform(0.2, 0.9))
    image = _blur(image, sigma)
    image = _noise(image, float(rng.uniform(0.5, 3)), rng)
    quality = int(rng.integers(50, 96))
    return _jpeg(image, quality), {"dpi": dpi, "skew": round(angle, 2), "upside_down": flip, "blur": round(sigma, 2),
                                   "jpeg_quality": quality, "colour": image.ndim == 3}


def _bayer(n=8):
    m = np.array([[0]])
    while m.shape[0] < n:
        m = np.block([[4 * m, 4 * m + 2], [4 * m + 3, 4 * m + 1]])
    return (m + 0.5) / m.size


def fax(image, dpi, rng):
    """1-bit at 150-200 dpi: thresholded (fixed level) or dithered; TIFF G4 or 1-bit PNG."""
    if image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    angle = float(rng.uniform(-1.5, 1.5))
    image = _affine(image, angle, 1.0, rng.uniform(-2, 2, 2) * dpi / MM, 255, bool(rng.random() < 0.05))
    image = _blur(image, float(rng.uniform(0.3, 0.7)))
    dithered = bool(rng.random() < 0.3)
    if dithered:
        h, w = image.shape
        matrix = _bayer(8)
        tiled = np.tile(matrix, (h // 8 + 1, w // 8 + 1))[:h, :w]
        bits = image.astype(np.float32) / 255 > tiled
        threshold = None
    else:
        threshold = int(rng.integers(105, 170))
        bits = image > threshold
    count = int(bits.size * rng.uniform(0, 0.0006))
    bits[rng.integers(0, bits.shape[0], count), rng.integers(0, bits.shape[1], count)] = False
    picture = Image.fromarray(bits.astype(np.uint8) * 255).convert("1")
    out = io.BytesIO()
    if rng.random() < 0.6:
        picture.save(out, format="TIFF", compression="group4", dpi=(dpi, dpi))
        fmt = "tiff_g4"
    else:
        picture.save(out, format="PNG", dpi=(dpi, dpi), optimize=False)
        fmt = "png_1bit"
    return out.getvalue(), {"dpi": dpi, "skew": round(angle, 2), "dithered": dithered, "threshold": threshold,
                            "format": fmt}


def sideways(image, dpi, rng):
    """Fed rotated: 90 or 270 degrees (sometimes 180), otherwise an office scan."""
    turn = int(rng.choice([1, 3, 2], p=[0.42, 0.42, 0.16]))
    angle = float(rng.uniform(-2, 2))
    image = _levels(image, float(rng.uniform(5, 35)), float(rng.uniform(230, 252)))
    image = _affine(image, angle, 1.0, rng.uniform(-2, 2, 2) * dpi / MM, 250)
    image = np.ascontiguousarray(np.rot90(image, turn))
    image = _blur(image, float(rng.uniform(0.2, 0.8)))
    quality = int(rng.integers(55, 96))
    return _jpeg(image, quality), {"dpi": dpi, "rotation": 90 * turn, "skew": round(angle, 2), "jpeg_quality": quality}


def photocopy(image, dpi, rng):
    """Second or third generation: grey background, speckle, lost contrast, scale 97-103 %, toner streaks."""
    if image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    generations = int(rng.integers(2, 4))
    h, w = image.shape
    scale_total = 1.0
    for _ in range(generations - 1):
        scale = float(rng.uniform(0.985, 1.015))
        scale_total *= scale
        image = _affine(image, float(rng.uniform(-0.8, 0.8)), scale, rng.uniform(-1.5, 1.5, 2) * dpi / MM,
                        int(rng.uniform(150, 230)))
        image = _levels(image, float(rng.uniform(15, 45)), float(rng.uniform(205, 240)))
        image = _blur(image, float(rng.uniform(0.4, 0.9)))
        count = int(h * w * rng.uniform(0.0002, 0.0012))
        image[rng.integers(0, h, count), rng.integers(0, w, count)] = rng.integers(20, 120)
    # toner streaks: a few vertical bands, lighter or darker, along the feed direction
    for _ in range(int(rng.integers(1, 5))):
        x = int(rng.integers(0, w))
        width = int(rng.integers(1, max(2, int(dpi / MM * 2))))
        band = image[:, x:x + width]
        image[:, x:x + width] = np.clip(band.astype(np.int16) + int(rng.uniform(-40, 25)), 0, 255)
    # a grey cast over the whole page
    image = _levels(image, 0, float(rng.uniform(215, 245)))
    angle = float(rng.uniform(-1.5, 1.5))
    image = _affine(image, angle, 1.0, (0, 0), 245, bool(rng.random() < 0.08))
    image = _noise(image, float(rng.uniform(1, 4)), rng)
    quality = int(rng.integers(60, 93))
    return _jpeg(image, quality), {"dpi": dpi, "generations": generations, "scale": round(scale_total, 4),
                                   "skew": round(angle, 2), "jpeg_quality": quality}


def _background(width, height, rng, drop_shadow=None):
    """A table top at low resolution: wood grain or a plain desk, with a few other things on it."""
    small_w, small_h = max(8, width // 8), max(8, height // 8)
    if rng.random() < 0.55:
        base = np.array([rng.uniform(40, 90), rng.uniform(80, 130), rng.uniform(120, 185)])  # BGR brown
        yy, xx = np.mgrid[0:small_h, 0:small_w].astype(np.float32)
        angle = rng.uniform(0, np.pi)
        u = xx * math.cos(angle) + yy * math.sin(angle)
        v = -xx * math.sin(angle) + yy * math.cos(angle)
        grain = np.sin(u / rng.uniform(2, 6) + 3 * np.sin(v / rng.uniform(20, 60)) + rng.uniform(0, 6))
        shade = 1 + 0.12 * grain[..., None]
        kind = "wood"
    else:
        base = rng.uniform(60, 220, 3)
        shade = np.ones((small_h, small_w, 1), np.float32)
        kind = "desk"
    small = (base[None, None, :] * shade).astype(np.float32)
    small += rng.normal(0, 4, small.shape)
    for _ in range(int(rng.integers(1, 4))):  # a pen, a mug, another paper
        colour = rng.uniform(20, 240, 3).tolist()
        cx, cy = rng.uniform(0, small_w), rng.uniform(0, small_h)
        if rng.random() < 0.5:
            axes = (int(rng.uniform(3, small_w / 6)), int(rng.uniform(3, small_h / 6)))
            cv2.ellipse(small, (int(cx), int(cy)), axes, float(rng.uniform(0, 180)), 0, 360, colour, -1, cv2.LINE_AA)
        else:
            box = cv2.boxPoints(((cx, cy), (rng.uniform(2, small_w / 3), rng.uniform(2, small_h / 3)),
                                 float(rng.uniform(0, 180))))
            cv2.fillConvexPoly(small, box.astype(np.int32), colour, cv2.LINE_AA)
    small = np.clip(small, 0, 255).astype(np.uint8)
    small = cv2.GaussianBlur(small, (0, 0), 0.7)
    if drop_shadow is not None:  # the sheet's soft shadow on the table
        shadow = np.zeros((small_h, small_w), np.float32)
        cv2.fillConvexPoly(shadow, (drop_shadow / 8).astype(np.int32), 1.0)
        shadow = cv2.GaussianBlur(shadow, (0, 0), 3)
        small = (small.astype(np.float32) * (1 - shadow[..., None] / 3)).astype(np.uint8)
    return cv2.resize(small, (width, height), interpolation=cv2.INTER_LINEAR), kind


def photo_geometry(rng):
    """The photo's size (long side, short side); photo() turns it to suit the page."""
    return [(4000, 3000), (3264, 2448), (1600, 1200), (2000, 1500)][int(rng.choice(4, p=[0.25, 0.2, 0.35, 0.2]))]


def photo(image, dpi, rng, frame):
    """A phone photo of the sheet on a table: perspective (keystone up to 15 degrees), any rotation,
    uneven light and a soft shadow, slight blur, background around the page, JPEG."""
    if image.ndim == 2:
        image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    ph, pw = image.shape[:2]
    # warm paper, not pure white
    image = cv2.multiply(image, np.array([rng.uniform(0.86, 0.97), rng.uniform(0.9, 0.99), rng.uniform(0.93, 1.0), 0]))
    # camera: page in the plane z=0 (mm), tilted and turned, seen from distance d with focal length f
    page_w, page_h = pw / dpi * MM, ph / dpi * MM
    tilt = math.radians(rng.uniform(0, 15))
    direction = rng.uniform(0, 2 * np.pi)
    ax, ay = tilt * math.cos(direction), tilt * math.sin(direction)
    if rng.random() < 0.8:
        turn = math.radians(rng.choice([0, 90, 180, 270]) + rng.normal(0, 6))
    else:
        turn = rng.uniform(0, 2 * np.pi)
    rx = np.array([[1, 0, 0], [0, math.cos(ax), -math.sin(ax)], [0, math.sin(ax), math.cos(ax)]])
    ry = np.array([[math.cos(ay), 0, math.sin(ay)], [0, 1, 0], [-math.sin(ay), 0, math.cos(ay)]])
    # mostly the phone is held the way the page lies (portrait frame for an upright page)
    upright = abs(math.cos(turn)) >= abs(math.sin(turn))
    portrait = upright if rng.random() < 0.85 else not upright
    width, height = (min(frame), max(frame)) if portrait else (max(frame), min(frame))
    rz = np.array([[math.cos(turn), -math.sin(turn), 0], [math.sin(turn), math.cos(turn), 0], [0, 0, 1]])
    rotation = ry @ rx @ rz
    corners = np.array([[-page_w / 2, -page_h / 2, 0], [page_w / 2, -page_h / 2, 0],
                        [page_w / 2, page_h / 2, 0], [-page_w / 2, page_h / 2, 0]])
    distance = rng.uniform(320, 480)
    cam = corners @ rotation.T + np.array([0, 0, distance])
    projected = cam[:, :2] / cam[:, 2:3]
    # fit into the frame: the page spans 80-96 % of it (less when turned at a slant), never leaves it
    span = projected.max(0) - projected.min(0)
    fill = rng.uniform(0.8, 0.96)
    scale = min(width * fill / span[0], height * fill / span[1])
    projected *= scale
    lo, hi = projected.min(0), projected.max(0)
    room = np.array([width, height]) - (hi - lo)
    offset = -lo + room * rng.uniform(0.2, 0.8, 2)
    dst = (projected + offset).astype(np.float32)
    src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], np.float32)
    homography = cv2.getPerspectiveTransform(src, dst)
    out, table = _background(width, height, rng, drop_shadow=dst + rng.uniform(5, 25, 2))
    cv2.warpPerspective(image, homography, (width, height), dst=out, flags=cv2.INTER_LINEAR,
                        borderMode=cv2.BORDER_TRANSPARENT)
    # light: a gradient, a vignette and a soft shadow (a hand or the phone) across part of the page
    small_w, small_h = width // 16, height // 16
    yy, xx = np.mgrid[0:small_h, 0:small_w].astype(np.float32)
    gx, gy = rng.normal(0, 1, 2)
    gradient = (xx / small_w - 0.5) * gx + (yy / small_h - 0.5) * gy
    light = 1 - rng.uniform(0.1, 0.35) * (gradient - gradient.min()) / (np.ptp(gradient) + 1e-6)
    r2 = ((xx / small_w - 0.5) ** 2 + (yy / small_h - 0.5) ** 2)
    light *= 1 - rng.uniform(0.05, 0.25) * r2 / r2.max()
    shade = np.zeros((small_h, small_w), np.float32)
    p = np.array([rng.uniform(0, small_w), rng.uniform(0, small_h)])
    normal = rng.normal(0, 1, 2)
    side = ((xx - p[0]) * normal[0] + (yy - p[1]) * normal[1]) > 0
    shade[side] = 1
    shade = cv2.GaussianBlur(shade, (0, 0), rng.uniform(1.5, 5))
    shadow_depth = float(rng.uniform(0.2, 0.45))
    light *= 1 - shadow_depth * shade
    exposure = float(rng.uniform(1.0, 1.25))  # the phone exposes for the bright page
    light = np.repeat((np.clip(light * exposure, 0, 1.3) * 180)[..., None], 3, axis=2).astype(np.uint8)
    light = cv2.resize(light, (width, height), interpolation=cv2.INTER_LINEAR)
    out = cv2.multiply(out, light, scale=1 / 180)
    sigma = float(rng.uniform(0.8, 2.5)) * max(width, height) / 4000  # focus and shake, at 12 MP
    out = _blur(out, sigma)
    out = _noise(out, float(rng.uniform(1, 4)), rng)
    quality = int(rng.integers(70, 93))
    conditions = {"frame": [width, height], "keystone": round(math.degrees(tilt), 1),
                  "rotation": round(math.degrees(turn) % 360, 1),
                  "page_dpi_in_photo": round(float(np.linalg.norm(dst[3] - dst[0])) / page_h * MM, 1),
                  "shadow": round(shadow_depth, 2), "blur": round(sigma, 2), "jpeg_quality": quality,
                  "table": table, "page_corners": dst.round(1).tolist()}
    return _jpeg(out, quality), conditions


def slip(image, dpi, rng, top_mm, bottom_mm):
    """A torn-off receipt slip on a scanner: the strip below the dashed line, torn edge on top."""
    if image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    px = dpi / MM
    top, bottom = int(top_mm * px), min(image.shape[0], int((bottom_mm + rng.uniform(2, 10)) * px))
    piece = image[top:bottom].copy()
    h, w = piece.shape
    # cut along the dashed line with scissors or torn by hand: a wavy edge up to 1.4 mm into the strip
    edge = (np.cumsum(rng.normal(0, 0.25, w)) * px * 0.05).clip(-0.6 * px, 0.6 * px) + 0.8 * px
    rows = np.arange(h)[:, None]
    bed = int(rng.uniform(235, 255)) if rng.random() < 0.75 else int(rng.uniform(15, 45))
    piece[rows < edge[None, :]] = bed
    if rng.random() < 0.5:  # fed through the feeder on its own: the scan is the slip's size
        canvas, placed = piece, "feeder"
    else:  # laid on a flatbed: an A4 scan with the slip somewhere on it
        canvas = np.full((max(int(297 * px), h + 1), max(int(210 * px), w)), bed, np.uint8)
        y = int(rng.uniform(0, canvas.shape[0] - h))
        canvas[y:y + h, :w] = piece
        placed = "flatbed"
    angle = float(rng.uniform(-6, 6))
    canvas = _affine(_levels(canvas, 10, 245), angle, 1.0, (0, 0), bed)
    canvas = _blur(canvas, 0.5)
    quality = int(rng.integers(60, 95))
    return _jpeg(canvas, quality), {"dpi": dpi, "placed": placed, "skew": round(angle, 2), "jpeg_quality": quality}


WORDS = ("sehr geehrte damen und herren wir bitten sie die rechnung für den zeitraum bis zum ende des monats "
         "zu begleichen bei fragen erreichen sie uns montag bis freitag unter der angegebenen nummer "
         "ihre zählernummer der abschlag ändert sich ab dem nächsten monat mit freundlichen grüßen stadtwerke "
         "termin bescheid antrag frist unterlagen beigefügt vertrag kundennummer bitte beachten")
WORDS = WORDS.split()


def stranger(dpi, rng):
    """A page of some other letter: letterhead, paragraphs, perhaps a table, check boxes or a QR code."""
    px = dpi / MM
    w, h = int(210 * px), int(297 * px)
    page = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(page)
    base = "/usr/share/fonts/truetype/dejavu/"
    body = ImageFont.truetype(base + "DejaVuSerif.ttf", int(3.6 * px))
    bold = ImageFont.truetype(base + "DejaVuSans-Bold.ttf", int(5.5 * px))
    draw.text((int(20 * px), int(15 * px)), rng.choice(["Stadtwerke Lübeck", "Hansestadt Lübeck · Bürgeramt",
                                                         "Krankenkasse Nord", "Mieterverein e.V."]), 0, font=bold)
    draw.line((int(20 * px), int(26 * px), int(190 * px), int(26 * px)), fill=0, width=max(1, int(0.4 * px)))
    y = 45 * px
    draw.text((int(20 * px), int(y)), "Frau/Herrn\nMusterstraße 1\n23552 Lübeck", 0, font=body)
    y += 30 * px
    for _ in range(int(rng.integers(4, 9))):
        for _ in range(int(rng.integers(2, 6))):
            line = " ".join(rng.choice(WORDS, int(rng.integers(9, 14)))).capitalize()
            draw.text((int(20 * px), int(y)), line, 0, font=body)
            y += 5.2 * px
        y += 4 * px
        if y > 250 * px:
            break
    extra = rng.choice(["none", "boxes", "qr", "table"])
    if extra == "boxes":
        for k, label in enumerate(["Ja", "Nein", "Weiß nicht"]):
            x = int((20 + 40 * k) * px)
            draw.rectangle((x, int(262 * px), x + int(5 * px), int(267 * px)), outline=0, width=max(1, int(0.4 * px)))
            draw.text((x + int(7 * px), int(262 * px)), label, 0, font=body)
    elif extra == "qr":
        import segno

        qr = segno.make(f"https://service.example.org/vorgang/{int(rng.integers(1e6))}", error="m")
        buf = io.BytesIO()
        qr.save(buf, kind="png", scale=max(2, int(0.6 * px)), border=0)
        code = Image.open(io.BytesIO(buf.getvalue())).convert("L")
        page.paste(code, (int(160 * px), int(250 * px)))
    elif extra == "table":
        for r in range(5):
            yy = int((255 + 6 * r) * px)
            draw.line((int(20 * px), yy, int(190 * px), yy), fill=0, width=1)
    image = np.asarray(page).copy()
    data, conditions = office(image, dpi, rng)
    conditions["extra"] = str(extra)
    return data, conditions


def blank_back(front, dpi, rng):
    """The back of a page scanned duplex: blank paper with the front's print showing through, mirrored."""
    if front.ndim == 3:
        front = cv2.cvtColor(front, cv2.COLOR_BGR2GRAY)
    strength = float(rng.uniform(0.03, 0.12))
    h, w = front.shape
    half = cv2.resize(np.ascontiguousarray(front[:, ::-1]), (w // 2, h // 2), interpolation=cv2.INTER_AREA)
    through = cv2.resize(cv2.GaussianBlur(half, (0, 0), rng.uniform(0.5, 1.5) * dpi / 200), (w, h))
    image = cv2.convertScaleAbs(through, alpha=strength, beta=255 * (1 - strength))  # 255 - (255 - t) * k
    data, conditions = office(image, dpi, rng)
    conditions["show_through"] = round(strength, 3)
    return data, conditions

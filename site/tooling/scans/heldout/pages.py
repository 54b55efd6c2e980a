"""One held-out page from a stamped sheet: render, mark, scan. Free of Django, so worker processes
can run it."""

import json
import os
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium

from tooling.scans.heldout import scanner
from tooling.scans.heldout.ink import Painter, Pen

MM = 25.4


@dataclass
class HeldOutPage:
    image: bytes  # the file as a scanner/phone would deliver it (JPEG, PNG, or TIFF; 1-bit TIFF/PNG for fax)
    subset: str  # office | fax | sideways | photocopy | photo | slip | stranger | blank_back
    truth: dict


_documents = {}
SHARED_PDFS = {}  # pdf key -> bytes, filled before worker processes fork


def _document(key, pdf):
    pid = os.getpid()
    doc = _documents.get((pid, key))
    if doc is None:
        _documents.clear()
        doc = _documents[(pid, key)] = pdfium.PdfDocument(pdf)
    return doc


def render(pdf_key, pdf, index, dpi):
    page = _document(pdf_key, pdf)[index]
    image = page.render(scale=dpi / 72, grayscale=True).to_numpy()
    page.close()
    return np.ascontiguousarray(image[..., 0] if image.ndim == 3 else image)


def _box_px(rect, s):
    x0, y0, x1, y1 = (v * s for v in rect)
    return x0, y0, x1, y1, (x0 + x1) / 2, (y0 + y1) / 2, ((x1 - x0) + (y1 - y0)) / 2


def mark_page(canvas, info, plan, dpi, rng):
    """Put the sheet's answers of this page on the raster; returns (boxes, ambiguous, marks, shapes)."""
    s = dpi / MM
    pen = Pen(plan["pen"], rng)
    painter = Painter(canvas, s, rng)
    boxes, ambiguous, marks, shapes = {}, [], {}, {}
    for box in info.boxes:
        if box.anchor in plan["ranking"]:  # a place number written in, not a tick: not part of the truth
            if box.anchor in plan["digits"]:
                painter.digit(pen, *_box_px(box.rect, s)[4:])
            continue
        entry = plan["boxes"].get(box.anchor)
        boxes[box.anchor] = entry["truth"] if entry else "empty"
        if not entry:
            continue
        x0, y0, x1, y1, cx, cy, b = _box_px(box.rect, s)
        shape = entry["shape"]
        if shape == "cross":
            painter.cross(pen, cx, cy, b, rng.uniform(0.55, 0.95))
        elif shape == "tick":
            painter.tick(pen, cx, cy, b, rng.uniform(0.7, 1.1))
        elif shape == "fill":
            painter.fill(pen, cx, cy, b)
        elif shape == "overshoot":
            if rng.random() < 0.5:
                painter.cross(pen, cx, cy, b, rng.uniform(1.4, 2.1))
            else:
                painter.tick(pen, cx, cy, b, rng.uniform(1.4, 2.0))
        elif shape == "dot":
            painter.dot(pen, cx, cy, b, rng.uniform(0.8, 2.0))
        elif shape == "circle":
            rect = box.label_rect or box.rect
            painter.circle(pen, tuple(v * s for v in rect))
        elif shape == "scribble_out":
            if rng.random() < 0.5:
                painter.cross(pen, cx, cy, b, rng.uniform(0.6, 0.9))
            else:
                painter.tick(pen, cx, cy, b, rng.uniform(0.7, 1.0))
            painter.scribble(pen, cx, cy, b)
        shapes[box.anchor] = shape
        marks[box.anchor] = "pencil_light" if pen.name == "pencil_light" and shape != "scribble_out" else shape
        if entry["ambiguous"]:
            ambiguous.append(box.anchor)
    # stray strokes near empty boxes
    empty = [box for box in info.boxes if boxes.get(box.anchor) == "empty" and box.anchor not in marks]
    if empty and rng.random() < 0.25:
        clear = [tuple(v * s for v in box.rect) for box in info.boxes]
        for _ in range(int(rng.integers(1, 3))):
            box = empty[int(rng.integers(len(empty)))]
            if painter.stray(pen, tuple(v * s for v in box.rect), clear):
                marks.setdefault(box.anchor, "stray")
                shapes.setdefault(box.anchor, "stray")
    # handwriting on the writing lines, and after "Other:" when it was ticked
    for x0, x1, y in info.lines:
        if rng.random() < 0.55:
            painter.write(pen, x0 * s, x1 * s, y * s - rng.uniform(0.8, 2.0) * s, rng.uniform(0.3, 0.95))
    for anchor, (x0, x1, y) in info.other_lines.items():
        if anchor in plan["other"]:
            painter.write(pen, x0 * s, x1 * s, y * s - 1.2 * s, rng.uniform(0.4, 0.9))
    return boxes, ambiguous, marks, shapes


def cut_slip(canvas, info, dpi, rng, photo=False):
    """The resident cut the receipt off along the dashed line: a scanner sees its lid below the cut,
    a phone sees the table (the sheet is simply shorter)."""
    s = dpi / MM
    top = max(1, int((info.slip_top + rng.uniform(-1.0, 1.5)) * s))
    if photo:
        return np.ascontiguousarray(canvas[:top])
    canvas[top:] = int(rng.uniform(238, 255))
    return canvas


def make_page(job):
    """job: dict made by the package (see __init__.py); returns a HeldOutPage."""
    rng = np.random.default_rng(job["rng"])
    subset = job["subset"]
    truth = {"version": job.get("version"), "serial": job.get("serial"), "page": job.get("page"),
             "kind": job["kind"], "boxes": {}, "ambiguous": [], "marks": {}, "subset": subset}
    if subset == "stranger":
        dpi = int(rng.choice([200, 240, 300]))
        data, conditions = scanner.stranger(dpi, rng)
        truth.update(version=None, serial=None, page=None, kind="stranger", conditions=conditions)
        return HeldOutPage(data, subset, plain(truth))
    info = job["info"]
    if subset == "photo":
        frame = scanner.photo_geometry(rng)
        dpi = int(np.clip(max(frame) * 0.8 / (info.size[1] / MM), 100, 300))
    elif subset == "fax":
        dpi = int(rng.choice([150, 200, 204]))
    elif subset == "slip":
        dpi = int(rng.choice([200, 300]))
    else:
        dpi = int(rng.choice([200, 240, 300], p=[0.45, 0.15, 0.4]))
    colour = subset == "photo" or (subset == "office" and rng.random() < 0.3)
    canvas = render(job["pdf_key"], job.get("pdf") or SHARED_PDFS[job["pdf_key"]], job["index"], dpi)
    if colour:
        canvas = np.ascontiguousarray(np.repeat(canvas[..., None], 3, axis=2))
    if subset == "slip":
        data, conditions = scanner.slip(canvas, dpi, rng, info.slip_top, info.slip_bottom)
        truth.update(kind="slip", conditions=conditions)
        return HeldOutPage(data, subset, plain(truth))
    # the ink is the sheet's: the same on a rescan of the same page, whatever the scanner does
    ink_rng = np.random.default_rng(job.get("ink_rng", job["rng"]))
    boxes, ambiguous, marks, shapes = mark_page(canvas, info, job["plan"], dpi, ink_rng)
    truth.update(boxes=boxes, ambiguous=ambiguous, marks=marks, shapes=shapes, pen=job["plan"]["pen"])
    if job.get("slip_cut"):
        canvas = cut_slip(canvas, info, dpi, rng, photo=subset == "photo")
        truth["slip_cut"] = True
    if subset == "blank_back":
        data, conditions = scanner.blank_back(canvas, dpi, rng)
        truth.update(kind="blank_back", version=None, serial=None, page=None, boxes={}, ambiguous=[], marks={},
                     shapes={}, front={"version": job["version"], "serial": job["serial"], "page": job["page"]})
        truth.pop("pen", None)
    elif subset == "office":
        data, conditions = scanner.office(canvas, dpi, rng)
    elif subset == "fax":
        data, conditions = scanner.fax(canvas, dpi, rng)
    elif subset == "sideways":
        data, conditions = scanner.sideways(canvas, dpi, rng)
    elif subset == "photocopy":
        data, conditions = scanner.photocopy(canvas, dpi, rng)
    elif subset == "photo":
        data, conditions = scanner.photo(canvas, dpi, rng, frame)
    else:
        raise ValueError(subset)
    truth["conditions"] = conditions
    return HeldOutPage(data, subset, plain(truth))


def plain(value):
    """JSON-safe (numpy numbers become Python numbers)."""
    return json.loads(json.dumps(value, default=lambda v: v.item() if hasattr(v, "item") else str(v)))

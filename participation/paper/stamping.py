"""Numbered sheets fast: the form is rendered once, then each sheet's pages get their own QR code
(URL, form version, serial, page) and the serial in large digits, drawn as plain rectangles with
PDFium, so no font is needed and 1,000 sheets take seconds, not minutes."""

import io

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import segno

MM = 72 / 25.4  # PDF points per millimetre
PAGE_HEIGHT_MM = 297

# Seven-segment digits: a, b, c, d, e, f, g as (x, y, w, h) in units of a 2 × 4 cell.
SEGMENTS = {
    "a": (0.2, 0, 1.6, 0.3), "b": (1.7, 0.2, 0.3, 1.6), "c": (1.7, 2.2, 0.3, 1.6), "d": (0.2, 3.7, 1.6, 0.3),
    "e": (0, 2.2, 0.3, 1.6), "f": (0, 0.2, 0.3, 1.6), "g": (0.2, 1.85, 1.6, 0.3),
}
DIGIT_SEGMENTS = {
    "0": "abcdef", "1": "bc", "2": "abged", "3": "abgcd", "4": "fgbc", "5": "afgcd", "6": "afgedc", "7": "abc",
    "8": "abcdefg", "9": "abcdfg", "-": "g",
}


def _rect(page, x_mm, y_mm, w_mm, h_mm):
    """A black rectangle; (x, y) from the page's top left in mm."""
    bottom = (PAGE_HEIGHT_MM - y_mm - h_mm) * MM
    obj = raw.FPDFPageObj_CreateNewRect(x_mm * MM, bottom, w_mm * MM, h_mm * MM)
    raw.FPDFPageObj_SetFillColor(obj, 0, 0, 0, 255)
    raw.FPDFPath_SetDrawMode(obj, raw.FPDF_FILLMODE_ALTERNATE, 0)
    raw.FPDFPage_InsertObject(page, obj)


def _draw_qr(page, payload, box):
    x0, y0, x1, _y1 = box
    size = x1 - x0
    matrix = list(segno.make(payload, error="m", micro=False, mask=QR_MASK).matrix)
    module = size / len(matrix)
    for row_index, row in enumerate(matrix):
        start = None
        for col_index, dark in enumerate([*row, 0]):  # runs of dark modules become one rectangle
            if dark and start is None:
                start = col_index
            elif not dark and start is not None:
                _rect(page, x0 + start * module, y0 + row_index * module, (col_index - start) * module, module)
                start = None


def _draw_digits(page, text, x, y, cell_mm=1.6):
    for char in text:
        for segment in DIGIT_SEGMENTS.get(char, ""):
            sx, sy, sw, sh = SEGMENTS[segment]
            _rect(page, x + sx * cell_mm, y + sy * cell_mm, sw * cell_mm, sh * cell_mm)
        x += cell_mm * 2.8


CHUNK = 25  # sheets stamped per small document: PDFium finds pages by walking the page list
# A fixed QR mask: choosing the best of eight took 60 % of the stamping time; zxing-cpp reads every
# code either way (tests decode them), and the codes are printed large on white paper.
QR_MASK = 4


def _stamp_page(page, layout, serial, number, page_payload, receipt_payload, receipt_text):
    boxes = layout.get(f"page-{number}", {})
    box = boxes["qr-code"]
    _draw_qr(page, page_payload(serial, number), box)
    cell = 1.6
    _draw_digits(page, serial, box[0] - 2.8 * cell * (len(serial) + 1), box[1] + 4, cell)  # left of the code
    if "qr-receipt" in boxes:
        _draw_qr(page, receipt_payload(serial), boxes["qr-receipt"])
        if "receipt-number" in boxes:
            x0, y0, x1, y1 = boxes["receipt-number"]
            text = receipt_text(serial)
            # As large as the box allows: the large-print slip has a larger box, and larger digits.
            cell = min((y1 - y0) / 4.4, (x1 - x0 - 1) / (2.8 * max(len(text), 1)))
            _draw_digits(page, text, x0 + 0.5, y0 + 0.2 * cell, cell)


def _stamp_chunk(master, pages_per_sheet, serials, layout, stampers):
    chunk = pdfium.PdfDocument.new()
    chunk.import_pages(master, pages=list(range(pages_per_sheet)) * len(serials))
    for index, serial in enumerate(serials):
        for number in range(1, pages_per_sheet + 1):
            page = chunk[index * pages_per_sheet + number - 1]
            _stamp_page(page.raw, layout, serial, number, *stampers)
            raw.FPDFPage_GenerateContent(page.raw)
            page.close()
    buffer = io.BytesIO()
    chunk.save(buffer)
    return pdfium.PdfDocument(buffer.getvalue())


def stamp_sheets(master_pdf, serials, layout, *, page_payload, receipt_payload, receipt_text, on_progress=None):
    """One PDF: for every serial, the master's pages, each stamped with its QR code and the serial, and
    the receipt slip (on the page whose layout has one) with its own code and the receipt number.

    `layout` is the form version's map: boxes as (x1, y1, x2, y2) in mm from the top left, per page.
    """
    master = pdfium.PdfDocument(master_pdf)
    pages_per_sheet = len(master)
    stampers = (page_payload, receipt_payload, receipt_text)
    if len(serials) == 1:
        # One sheet is stamped in place, which keeps the master's tags (structure tree) for screen readers.
        for number in range(1, pages_per_sheet + 1):
            page = master[number - 1]
            _stamp_page(page.raw, layout, serials[0], number, *stampers)
            raw.FPDFPage_GenerateContent(page.raw)
            page.close()
        buffer = io.BytesIO()
        master.save(buffer)
        if on_progress:
            on_progress(1)
        return buffer.getvalue()
    output = pdfium.PdfDocument.new()
    done = 0
    for start in range(0, len(serials), CHUNK):
        part = serials[start:start + CHUNK]
        output.import_pages(_stamp_chunk(master, pages_per_sheet, part, layout, stampers))
        done += len(part)
        if on_progress:
            on_progress(done)
    buffer = io.BytesIO()
    output.save(buffer)
    return buffer.getvalue()

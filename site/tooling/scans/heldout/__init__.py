"""Held-out test pages for the scan reader, written from a description of real-world conditions.

It shares no code with the reader: it prints sheets with `printing.master` / `printing.stamp`, finds
every tick box itself in the rendered PDF (squares in the image, labels by PDF text extraction, names
from the form definition: `locate.py`, `form.py`) and keys its truth by the printed anchors `box-...`.

Mix of `generate()`: office 28 %, photo 16 %, fax 12 %, photocopy 12 %, sideways 10 %, stranger 8 %,
blank_back 8 %, slip 6 % (exact counts, shuffled; restricted to `subsets` and renormalised). Sheets are
used page after page; the page that holds only the receipt slip (if the form has one) is kept by the
resident and appears only as a "slip". About 70 ms of one core per page; 1,000 pages in ~50 s with
two processes.

Conditions (ranges are drawn per page, subsets are mixed per page):

- office: 200/240/300 dpi, grey (70 %) or colour (30 %), JPEG quality 50-95, skew +-3 deg, shift +-2 mm,
  blur sigma 0.2-0.9 px, paper tone (black 5-40, white 228-252), sensor noise, 10 % upside down.
- fax: 1-bit at 150/200/204 dpi, fixed threshold 105-170 (erases light pencil) or 8x8 ordered dither
  (30 %), skew +-1.5 deg, specks; TIFF Group 4 (60 %) or 1-bit PNG.
- sideways: fed at 90 or 270 deg (84 %) or 180 deg, skew +-2 deg, JPEG 55-95.
- photocopy: 2nd or 3rd generation: each copy scales 98.5-101.5 % (total 97-103 %), skews +-0.8 deg,
  lifts black to 15-45 and greys the white to 205-240, blurs and adds speckle; toner streaks along the
  feed; final scan skew +-1.5 deg, JPEG 60-92.
- photo: a phone photo of the sheet on a wood or plain desk with other things on it; frame 4000x3000
  (25 %), 3264x2448 (20 %), 2000x1500 (20 %) or 1600x1200 (35 %), held the way the page lies (85 %)
  or across it; the page's outline
  spans 80-96 % of the frame (a page turned at a slant in a small frame gets ~75 dpi:
  conditions["page_dpi_in_photo"]); camera tilt (keystone) 0-15 deg in any direction at 32-48 cm;
  rotation a quarter turn +-6 deg (80 %) or any; gradient light 10-35 %, vignette, a soft shadow edge
  20-45 % deep across part of the frame, drop shadow of the sheet, blur 0.8-2.5 px at 4000 px (scaled
  with the frame), noise, exposure 1.0-1.25, JPEG 70-92. conditions["page_corners"] gives the page's
  corners in the photo (top left, top right, bottom right, bottom left of the printed page).
- slip: the torn-off receipt slip (below the dashed line), torn top edge, fed alone or on a flatbed.
- stranger: a page of some other letter (letterhead, text, sometimes check boxes, a table or a QR code
  of another service), scanned like an office page.
- blank_back: the back of a page scanned duplex: blank paper with the front showing through mirrored
  (3-12 % of its contrast, blurred).

People: one pen per sheet (ballpoint blue/black, felt pen red/green, pencil dark 35-55 % grey, light
pencil 15-30 % darker than paper); per ticked box a cross, tick, blob fill, overshoot (1.4-2.1 x the
box), dot (0.8-2 mm, ambiguous) or a circle round the label with the box left empty (ambiguous; truth
"ticked"); a blob beside other ticks in a multiple-choice question is ambiguous too (the form says a
filled box takes an answer back); 6 % of answered questions carry a scribbled-out box (4-13 zigzags,
once or twice across, 50-95 % of the box inked; truth "empty") besides the real answer;
strays near empty boxes (truth "empty", marks "stray"); handwriting on writing lines and after "Other:";
consent ticked on 90 % of sheets; required questions answered 93 %, optional 72 %, a conditional section
mostly skipped unless its condition holds; on pages that carry the receipt slip, 30 % of residents cut
it off (truth["slip_cut"], the bottom of the page is then missing, corner marks included).

Truth per page: version (FormVersion pk), serial, page (1-based), kind, boxes {anchor: ticked|empty}
for every tick box on the page (ranking boxes, which hold written numbers, are left out), ambiguous,
marks {anchor: shape or "pencil_light"}, shapes {anchor: shape}, pen, subset, conditions. Strangers and
blank backs have version/serial/page None (a blank back names its front in truth["front"]); a slip keeps
the version, serial and page it was cut from.

Serials are six digits from `serials_for(seed, n, target.pk)` (a run per seed and form; a stack uses
seed + 1000003); `register_sheets(target, version, serials)` creates the print batch and sheets a reader
needs to accept them (the command's --register does it).

Stacks (`stack()`): one device per stack (office 3/7, photocopy, sideways, fax, photo 1/7 each), duplex
(60 %, never for photos: every sheet page followed by its blank back), one page missing, one sheet fed
twice, one stranger, up to two receipt slips of sheets whose slip was cut off or has a page of its own.
"""

import hashlib

import numpy as np

from tooling.scans.heldout.form import form_definition
from tooling.scans.heldout.locate import locate
from tooling.scans.heldout.pages import HeldOutPage, make_page
from tooling.scans.heldout.people import fill_sheet

__all__ = ["HeldOutPage", "SUBSETS", "generate", "stack", "register_sheets", "serials_for", "prepare"]

SUBSETS = ("office", "fax", "sideways", "photocopy", "photo", "slip", "stranger", "blank_back")
WEIGHTS = {"office": 0.28, "fax": 0.12, "sideways": 0.1, "photocopy": 0.12, "photo": 0.16, "slip": 0.06,
           "stranger": 0.08, "blank_back": 0.08}
SHEET_SUBSETS = ("office", "fax", "sideways", "photocopy", "photo")

_located = {}


class Prepared:
    """A target printed: master PDF, form version, located boxes and the stamped sheets."""

    def __init__(self, target, sheets, seed, sheet_pages=None):
        from participation.paper import printing

        self.target = target
        master, version, _refused = printing.master(target)
        self.version = version
        self.definition = form_definition(target, version.language)
        key = (version.pk, hashlib.sha256(master).hexdigest())
        if key not in _located:
            _located[key] = locate(master, self.definition.expected, self.definition.slip_marker,
                                   rtl=self.definition.rtl)
        self.pages = _located[key]
        self.page_count = len(self.pages)
        self.content_pages = [p.number for p in self.pages if not p.slip_only]
        self.slip_page = next((p.number for p in self.pages if p.slip_top is not None), None)
        if sheet_pages is not None:  # as many sheets as these many sheet pages take
            sheets = max(1, -(-sheet_pages // len(self.content_pages)))
        self.serials = serials_for(seed, sheets, target.pk)
        self.seed = int(seed)
        self.pdf = printing.stamp(target, master, version, self.serials)
        self.pdf_key = hashlib.sha256(self.pdf).hexdigest()

    def job(self, sheet, page, plan, subset, rng_key, **extra):
        info = self.pages[page - 1]
        return {"ink_rng": [self.seed, 4, sheet, page], "pdf": self.pdf, "pdf_key": self.pdf_key,
                "index": sheet * self.page_count + page - 1,
                "info": info, "plan": plan, "subset": subset, "rng": rng_key, "version": self.version.pk,
                "serial": self.serials[sheet], "page": page, "kind": self.definition.kind, **extra}


def prepare(target, sheets, seed=2027):
    return Prepared(target, sheets, seed)


def serials_for(seed, count, target_id=0):
    """Six-digit serials, a run of `count` per (seed, target): different forms never share a serial."""
    base = 100000 + (int(seed) * 7919 + int(target_id) * 104723) % 790000
    return [f"{base + k:06d}" for k in range(count)]


def register_sheets(target, version, serials):
    """A print batch holding these serials, so that a reader accepts the generated sheets."""
    from participation.paper.models import PrintBatch, Sheet

    key = {"survey": target} if target.__class__.__name__ == "SurveyPage" else {"process": target}
    batch = PrintBatch.objects.create(count=len(serials), status=PrintBatch.Status.DONE, done=len(serials),
                                      form_version=version, language=version.language, **key)
    clash = Sheet.objects.filter(serial__in=serials).exclude(**{f"batch__{k}": v for k, v in key.items()})
    if clash.exists():
        raise ValueError(f"serials already used by another form, e.g. {clash.first().serial}; use another seed")
    existing = set(Sheet.objects.filter(serial__in=serials).values_list("serial", flat=True))
    Sheet.objects.bulk_create([Sheet(batch=batch, serial=s) for s in serials if s not in existing])
    return batch


def _allocate(pages, subsets, rng):
    names = [s for s in SUBSETS if s in subsets]
    weights = np.array([WEIGHTS[s] for s in names])
    weights = weights / weights.sum()
    counts = np.floor(weights * pages).astype(int)
    for k in np.argsort(-(weights * pages - counts))[: pages - counts.sum()]:
        counts[k] += 1
    plan = [name for name, count in zip(names, counts, strict=True) for _ in range(count)]
    rng.shuffle(plan)
    return plan


def _sheet_plan(prepared, seed, sheet):
    rng = np.random.default_rng([int(seed), 1, sheet])
    return fill_sheet(prepared.definition.groups, rng, prepared.definition.kind)


def _slip_cut(prepared, page, rng):
    info = prepared.pages[page - 1]
    return info.slip_top is not None and not info.slip_only and rng.random() < 0.3


def _run(jobs, processes):
    if not processes or processes <= 1 or len(jobs) < 8:
        return [make_page(job) for job in jobs]
    import multiprocessing

    from tooling.scans.heldout import pages as page_module

    # forked workers inherit the stamped PDFs: the jobs carry only their keys
    page_module.SHARED_PDFS.update({job["pdf_key"]: job["pdf"] for job in jobs if "pdf" in job})
    light = [{k: v for k, v in job.items() if k != "pdf"} for job in jobs]
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            return pool.map(make_page, light, chunksize=4)
    finally:
        page_module.SHARED_PDFS.clear()


GENERATOR_VERSION = 1  # bump when the output for a seed changes (invalidates the on-disk cache)


def generate(target, pages, seed=2027, subsets=None, *, processes=None, cache=None):
    """`pages` held-out pages of `target` (a SurveyPage or a ParticipationProcessPage, as printing.master
    takes it), subsets mixed in fixed proportions (WEIGHTS, restricted to `subsets`), deterministic per seed.

    processes: worker processes (fork) for the image work. cache: a folder (e.g. var/scan_heldout) that
    keeps the pages per (form version, master PDF, seed, pages, subsets, GENERATOR_VERSION)."""
    subsets = tuple(subsets or SUBSETS)
    unknown = set(subsets) - set(SUBSETS)
    if unknown:
        raise ValueError(f"unknown subsets: {sorted(unknown)}")
    if cache:
        return _cached(target, pages, seed, subsets, processes, cache)
    rng = np.random.default_rng([int(seed), 0])
    order = _allocate(pages, subsets, rng)
    # sheets are used page after page; a blank back is the back of the next sheet page (whose front is
    # not in the list), a slip is cut from the sheet being used
    uses_page = SHEET_SUBSETS + ("blank_back",)
    prepared = Prepared(target, None, seed, sheet_pages=sum(1 for s in order if s in uses_page))
    content = prepared.content_pages
    jobs, cursor, plans = [], 0, {}

    def plan_of(sheet):
        if sheet not in plans:
            plans[sheet] = _sheet_plan(prepared, seed, sheet)
        return plans[sheet]

    for index, subset in enumerate(order):
        key = [int(seed), 2, index]
        page_rng = np.random.default_rng([int(seed), 3, index])
        if subset == "stranger":
            jobs.append({"subset": subset, "rng": key, "kind": "stranger"})
            continue
        sheet, page = divmod(cursor, len(content))
        sheet, page = min(sheet, len(prepared.serials) - 1), content[page]
        if subset in uses_page:
            cursor += 1
        if subset == "slip":
            if prepared.slip_page is None:
                subset = "office"
            else:
                page = prepared.slip_page
        jobs.append(prepared.job(sheet, page, plan_of(sheet), subset, key,
                                 slip_cut=subset != "slip" and _slip_cut(prepared, page, page_rng)))
    return _run(jobs, processes)


def _cached(target, pages, seed, subsets, processes, folder):
    import pickle
    from pathlib import Path

    from participation.paper import printing

    master, version, _refused = printing.master(target)
    key = hashlib.sha256(repr((version.pk, hashlib.sha256(master).hexdigest(), int(seed), pages, sorted(subsets),
                                GENERATOR_VERSION)).encode()).hexdigest()[:24]
    path = Path(folder) / f"heldout-{key}.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())  # noqa: S301 - our own cache file under var/
    result = generate(target, pages, seed, subsets, processes=processes)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(pickle.dumps(result))
    partial.replace(path)
    return result


def _prepared(target, sheets, seed):
    return Prepared(target, max(1, sheets), seed)


def stack(target, sheets, seed=2027, *, processes=None):
    """One uploaded stack of `sheets` filled sheets, as one scanner delivers it: sheets in order, with a
    sheet scanned twice, a missing page, a stranger (some other letter), blank backs when scanned duplex
    and torn-off receipt slips. Returns (pages, expected) with expected = {"sheets": sheets expected to be
    counted (complete and not duplicated), "duplicates": pages that repeat a page already in the stack,
    "blank_backs": n, "strangers": n, "slips": n, "missing": [(serial, page)]}.

    The page that holds nothing but the receipt slip (if the form has one) is kept by the resident: it
    is not in the stack and not "missing"."""
    rng = np.random.default_rng([int(seed), 10])
    prepared = _prepared(target, sheets, seed + 1000003)
    content = prepared.content_pages
    subset = str(rng.choice(["office", "office", "office", "photocopy", "sideways", "fax", "photo"]))
    duplex = subset != "photo" and bool(rng.random() < 0.6)  # a phone takes fronts only
    order = [(sheet, page) for sheet in range(sheets) for page in content]
    missing = []
    if sheets >= 2:  # one page of one sheet did not make it into the stack
        gone = order[int(rng.integers(len(order)))]
        order.remove(gone)
        missing.append((prepared.serials[gone[0]], gone[1]))
    duplicates = 0
    complete = [s for s in range(sheets) if not any(prepared.serials[s] == m[0] for m in missing)]
    if complete:  # the same sheet fed again further down
        again = complete[int(rng.integers(len(complete)))]
        bounds = [i for i in range(len(order) + 1) if i in (0, len(order)) or order[i][0] != order[i - 1][0]]
        at = bounds[int(rng.integers(len(bounds)))]  # between two sheets
        pages_again = [(again, page) for page in content]
        order[at:at] = pages_again
        duplicates = len(pages_again)
    cut = {(sheet, page): _slip_cut(prepared, page, np.random.default_rng([int(seed), 12, sheet, page]))
           for sheet in range(sheets) for page in content}
    extras = [("stranger", None, None)]
    if prepared.slip_page is not None:  # receipts that were cut off (or had a page of their own)
        torn = [sheet for sheet in range(sheets)
                if prepared.slip_page not in content or cut[(sheet, prepared.slip_page)]]
        for sheet in sorted({torn[int(rng.integers(len(torn)))] for _ in range(2)} if torn else ()):
            extras.append(("slip", sheet, prepared.slip_page))
    entries = [("sheet", sheet, page) for sheet, page in order]
    for extra in extras:  # between sheets' pages, never between a page and its own back
        entries.insert(int(rng.integers(len(entries) + 1)), extra)
    if duplex:  # every sheet page is followed by its back (strangers and slips: scanned single-sided)
        entries = [item for entry in entries
                   for item in ([entry, ("blank_back", *entry[1:])] if entry[0] == "sheet" else [entry])]
    strangers = sum(1 for e in entries if e[0] == "stranger")
    slips = sum(1 for e in entries if e[0] == "slip")
    jobs, plans = [], {}
    for index, (what, sheet, page) in enumerate(entries):
        key = [int(seed), 11, index]
        if what == "stranger":
            jobs.append({"subset": "stranger", "rng": key, "kind": "stranger"})
            continue
        if sheet not in plans:
            plans[sheet] = _sheet_plan(prepared, seed + 1000003, sheet)
        job_subset = {"sheet": subset, "blank_back": "blank_back", "slip": "slip"}[what]
        jobs.append(prepared.job(sheet, page, plans[sheet], job_subset, key,
                                 slip_cut=what != "slip" and cut[(sheet, page)]))
    result = _run(jobs, processes)
    expected = {"sheets": len(complete), "duplicates": duplicates,
                "blank_backs": sum(1 for e in entries if e[0] == "blank_back"), "strangers": strangers,
                "slips": slips, "missing": missing, "duplex": duplex, "scanner": subset,
                "serials": prepared.serials, "version": prepared.version.pk}
    return result, expected

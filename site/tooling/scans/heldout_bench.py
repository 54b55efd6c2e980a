"""The held-out scan benchmark: pages made by `tooling.scans.heldout` (a generator written from a
description of real stacks, sharing no code with the reader), read exactly as the import pipeline reads
them, scored per subset with the 95 % Clopper–Pearson interval of every rate (0 of n is not 0 %).

The reader's thresholds are frozen before this runs: nothing here feeds back into them. The tuning set
is `site/tooling/scans/synth.py` (`manage.py scan_benchmark`); this one is `manage.py scan_heldout_benchmark`
and part of `make bench`. A small smoke run is in the test suite.
"""

import logging
import math
import os
import time
from concurrent.futures import ProcessPoolExecutor

# Goals (issue 22), checked on the held-out set.
GOALS = {
    "scan_identified_min": 0.99,
    "photo_identified_min": 0.95,
    "boxes_wrong_max": 0.001,
    "boxes_wrong_upper_max": 0.002,
    "boxes_review_max": 0.05,
    "scan_pages_per_second_min": 10.0,
}
SHEET_KINDS = {"survey", "idea"}

logging.getLogger("fontTools").setLevel(logging.WARNING)  # WeasyPrint's font subsetting talks a lot
logging.getLogger("weasyprint").setLevel(logging.ERROR)


# Confidence bounds -------------------------------------------------------------------------------------------
def _binom_cdf(x, n, p):
    """P(X ≤ x) for X ~ Binomial(n, p), summed in log space (exact for the n and x met here)."""
    if p <= 0:
        return 1.0
    if p >= 1:
        return 1.0 if x >= n else 0.0
    log_p, log_q = math.log(p), math.log1p(-p)
    total, base = 0.0, math.lgamma(n + 1)
    for k in range(x + 1):
        total += math.exp(base - math.lgamma(k + 1) - math.lgamma(n - k + 1) + k * log_p + (n - k) * log_q)
    return min(1.0, total)


def clopper_pearson(x, n, confidence=0.95):
    """The exact two-sided interval (lower, upper) of a rate seen x times in n trials."""
    if n == 0:
        return 0.0, 1.0
    alpha = 1 - confidence

    def solve(target, k):  # the p at which P(X ≤ k) = target (decreasing in p)
        low, high = 0.0, 1.0
        for _step in range(60):
            middle = (low + high) / 2
            if _binom_cdf(k, n, middle) > target:
                low = middle
            else:
                high = middle
        return (low + high) / 2

    upper = 1.0 if x >= n else solve(alpha / 2, x)
    lower = 0.0 if x <= 0 else 1 - solve(alpha / 2, n - x)  # the upper bound of the complementary rate
    return lower, upper


# Work in the processes ---------------------------------------------------------------------------------------
def stored_gray(data):
    """The page as the import pipeline stores and reads it: split from the file, kept as the pipeline keeps
    it, decoded again."""
    import io

    import numpy as np
    from PIL import Image

    from participation.paper import scan_import

    kind = scan_import.sniff(data[:8])
    for array in scan_import.split(data, kind):
        stored = scan_import._jpeg(array)
        return np.asarray(Image.open(io.BytesIO(stored)).convert("L"))
    return None


def _read(data):
    from participation.paper import scan_import
    from participation.paper.scanning import decide_groups, read_page

    gray = stored_gray(data)
    started = time.perf_counter()
    reading = read_page(gray, scan_import._layout, scan_import._mask)
    final = {}
    if reading.status == "identified":
        version = scan_import.version_data(reading.version)
        final = decide_groups(reading.boxes, version["kinds"] if version else {})
    return (reading.status, reading.version, reading.serial, reading.page, final,
            list(reading.quality) + (["rescan"] if reading.rescan else []), time.perf_counter() - started)


def _pool(workers):
    from django.db import connections

    connections.close_all()  # every forked process opens its own
    import multiprocessing

    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


def generate(target, pages, seed=2027, subsets=None, workers=2, cache=None):
    """The held-out pages (deterministic for a seed), made by the generator's own worker processes."""
    from tooling.scans import heldout as scan_heldout

    return scan_heldout.generate(target, pages, seed=seed, subsets=subsets, processes=workers, cache=cache)


def read_all(pages, workers=2):
    """Read every page in `workers` processes (in this one when workers ≤ 1); (readings, wall seconds)."""
    images = [page.image for page in pages]
    if workers <= 1:
        started = time.perf_counter()
        readings = [_read(image) for image in images]
        return readings, time.perf_counter() - started
    with _pool(workers) as pool:
        started = time.perf_counter()
        readings = list(pool.map(_read, images, chunksize=4))
        return readings, time.perf_counter() - started


# Scoring -------------------------------------------------------------------------------------------------------
def _empty_figures():
    return {"pages": 0, "sheet_pages": 0, "identified": 0, "wrong_sheet": 0, "not_identified": 0,
            "others_identified": 0, "boxes": 0, "boxes_wrong": 0, "boxes_review": 0, "boxes_rescan": 0,
            "boxes_missing": 0,
            "ambiguous": 0, "ambiguous_decided": 0, "read_seconds": 0.0, "quality_flagged": 0, "wrong": [],
            "review_by_mark": {}, "wrong_by_mark": {}}


def score(pages, readings):
    """Figures per subset and in all: see `summarise` for the rates."""
    subsets = {}
    for page, (status, version, serial, number, final, quality, seconds) in zip(pages, readings, strict=True):
        truth = page.truth
        figures = subsets.setdefault(page.subset, _empty_figures())
        figures["pages"] += 1
        figures["read_seconds"] += seconds
        figures["quality_flagged"] += int(bool(set(quality) - {"rescan"}))
        identified = status == "identified"
        if truth.get("kind") not in SHEET_KINDS:
            # A stranger, a torn-off receipt slip or a blank back must never be counted as a sheet's page.
            figures["others_identified"] += int(identified and (version, serial, number) != (
                truth.get("version"), truth.get("serial"), truth.get("page")))
            continue
        figures["sheet_pages"] += 1
        if not identified:
            figures["not_identified"] += 1
            continue
        if (version, serial, number) != (truth["version"], truth["serial"], truth["page"]):
            figures["wrong_sheet"] += 1
            continue
        figures["identified"] += 1
        ambiguous = set(truth.get("ambiguous", ()))
        for anchor, expected in truth["boxes"].items():
            decision = final.get(anchor)
            if anchor in ambiguous:
                figures["ambiguous"] += 1
                figures["ambiguous_decided"] += int(decision in ("ticked", "empty"))
                continue
            figures["boxes"] += 1
            if decision is None:
                figures["boxes_missing"] += 1
                figures["boxes_wrong"] += 1
            elif decision == "review":
                figures["boxes_review"] += 1  # a page held for a grey rescan counts here too (not decided)
                figures["boxes_rescan"] += int("rescan" in quality)
                mark = truth.get("marks", {}).get(anchor) or ("none" if expected == "empty" else "?")
                figures["review_by_mark"][mark] = figures["review_by_mark"].get(mark, 0) + 1
            elif decision != expected:
                figures["boxes_wrong"] += 1
                mark = truth.get("marks", {}).get(anchor) or ("none" if expected == "empty" else "?")
                figures["wrong_by_mark"][mark] = figures["wrong_by_mark"].get(mark, 0) + 1
                if len(figures["wrong"]) < 20:
                    figures["wrong"].append({"serial": serial, "page": number, "anchor": anchor, "read": decision,
                                             "truth": expected, "mark": truth.get("marks", {}).get(anchor, "")})
    total = _empty_figures()
    for figures in subsets.values():
        for key, value in figures.items():
            if isinstance(value, dict):
                for mark, count in value.items():
                    total[key][mark] = total[key].get(mark, 0) + count
            else:
                total[key] = total[key] + value
    return {name: summarise(figures) for name, figures in sorted(subsets.items())} | {"all": summarise(total)}


def summarise(figures):
    """Rates with their 95 % intervals."""
    result = {key: value for key, value in figures.items() if key != "wrong"}
    result["wrong_examples"] = figures["wrong"][:20]

    def rate(x, n):
        low, high = clopper_pearson(x, n)
        return {"x": x, "n": n, "rate": x / n if n else 0.0, "lower": low, "upper": high}

    result["identified_rate"] = rate(figures["identified"], figures["sheet_pages"])
    result["wrong_sheet_rate"] = rate(figures["wrong_sheet"] + figures["others_identified"], figures["pages"])
    result["boxes_wrong_rate"] = rate(figures["boxes_wrong"], figures["boxes"])
    result["boxes_review_rate"] = rate(figures["boxes_review"], figures["boxes"])
    result["boxes_rescan_rate"] = rate(figures["boxes_rescan"], figures["boxes"])
    return result


def scan_speed(pages, workers=2):
    """Pages per second for scans (every subset but photos) with `workers` processes, wall clock."""
    scans = [page for page in pages if page.subset != "photo"]
    if not scans:
        return 0.0
    _readings, wall = read_all(scans, workers)
    return len(scans) / max(wall, 1e-9)


def run(target, pages=1000, seed=2027, workers=None, subsets=None, cache=None):
    workers = workers or min(2, os.cpu_count() or 1)
    made = generate(target, pages, seed=seed, subsets=subsets, workers=workers, cache=cache)
    readings, wall = read_all(made, workers)
    figures = score(made, readings)
    figures["all"]["pages_per_second"] = len(made) / max(wall, 1e-9)
    figures["all"]["scan_pages_per_second"] = scan_speed(made, workers)
    figures["all"]["workers"] = workers
    return figures


def goals_met(figures):
    """Which goals hold: name → (holds, shown value)."""
    total = figures["all"]
    scans = _merge([f for name, f in figures.items() if name not in ("all", "photo")])
    photo = figures.get("photo")
    photo_rate = None if photo is None else photo["identified_rate"]["rate"]
    checks = {
        "0 pages on a wrong sheet": (total["wrong_sheet_rate"]["x"] == 0, str(total["wrong_sheet_rate"]["x"])),
        "≥ 99 % of scanned sheets identified": (scans["rate"] >= GOALS["scan_identified_min"],
                                                f"{100 * scans['rate']:.2f} %"),
        "≥ 95 % of phone photos identified": (photo_rate is not None and photo_rate >= GOALS["photo_identified_min"],
                                              "–" if photo_rate is None else f"{100 * photo_rate:.1f} %"),
        "≤ 0.1 % of boxes wrong without review": (total["boxes_wrong_rate"]["rate"] <= GOALS["boxes_wrong_max"],
                                                  f"{100 * total['boxes_wrong_rate']['rate']:.3f} %"),
        "upper 95 % bound ≤ 0.2 %": (total["boxes_wrong_rate"]["upper"] <= GOALS["boxes_wrong_upper_max"],
                                     f"{100 * total['boxes_wrong_rate']['upper']:.3f} %"),
        "≤ 5 % of boxes to review": (total["boxes_review_rate"]["rate"] <= GOALS["boxes_review_max"],
                                     f"{100 * total['boxes_review_rate']['rate']:.2f} %"),
    }
    if "scan_pages_per_second" in total:
        speed = total["scan_pages_per_second"]
        checks["≥ 10 scanned pages/s, 2 processes"] = (speed >= GOALS["scan_pages_per_second_min"], f"{speed:.1f}")
    return checks


def _merge(subsets):
    identified = sum(f["identified_rate"]["x"] for f in subsets)
    pages = sum(f["identified_rate"]["n"] for f in subsets)
    return {"x": identified, "n": pages, "rate": identified / pages if pages else 0.0}


def table(figures):
    """Lines of a plain-text table: one row per subset, then all."""
    header = (f"{'subset':<11} {'pages':>5} {'identified':>18} {'wrong sheet':>11} {'boxes':>6} "
              f"{'wrong unreviewed (95 % upper)':>30} {'to review (95 % upper)':>24} {'of which rescan':>15}")
    lines = [header, "-" * len(header)]
    for name, f in figures.items():
        ident = f["identified_rate"]
        wrong = f["boxes_wrong_rate"]
        review = f["boxes_review_rate"]
        lines.append(
            f"{name:<11} {f['pages']:>5} {ident['x']:>5}/{ident['n']:<5} {100 * ident['rate']:5.1f} % "
            f"{f['wrong_sheet'] + f['others_identified']:>11} {f['boxes']:>6} "
            f"{wrong['x']:>5} {100 * wrong['rate']:6.3f} % ({100 * wrong['upper']:6.3f} %)        "
            f"{100 * review['rate']:6.2f} % ({100 * review['upper']:5.2f} %)        "
            f"{100 * f['boxes_rescan_rate']['rate']:6.2f} %")
    return lines


# Whole stacks through the import pipeline --------------------------------------------------------------------
SETTLED = {"counted", "duplicate", "blank", "manual"}


def as_tiff(pages):
    """One multi-page TIFF of the pages as the generator delivers them (1-bit pages stay 1-bit)."""
    import io

    from PIL import Image

    frames = [Image.open(io.BytesIO(page.image)) for page in pages]
    frames = [frame if frame.mode in ("1", "L", "RGB") else frame.convert("RGB") for frame in frames]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:], compression="tiff_deflate")
    return buffer.getvalue()


def _ensure_sheets(target, serials):
    """The numbered sheets the stack's pages carry, as a print batch would have made them."""
    from participation.paper.models import PrintBatch, Sheet

    missing = sorted(set(serials) - set(Sheet.objects.filter(serial__in=serials).values_list("serial", flat=True)))
    if not missing:
        return
    owner = {"survey": target} if target._meta.model_name == "surveypage" else {"process": target}
    batch = PrintBatch.objects.create(count=len(missing), **owner)
    Sheet.objects.bulk_create([Sheet(batch=batch, serial=serial) for serial in missing])


def account(scan_import):
    """Every page of an import by outcome, counted here independently of the pipeline's own checks: a page
    is lost when it is neither settled (counted, duplicate, blank back, entered by hand) nor covered by an
    open task (its own, or one of its sheet's: a sheet waiting for a page or a review is one task) nor
    still waiting to be read."""
    from participation.paper.models import ReviewTask

    outcome = {"pages": 0, "lost": 0, "open_task": 0, "pending": 0, "lost_pages": []}
    tasks = ReviewTask.objects.filter(status="open")
    open_pages = set(tasks.values_list("page_id", flat=True))
    open_sheets = set(tasks.exclude(page__sheet_key="").values_list("page__sheet_key", flat=True))
    for page in scan_import.pages.all():
        outcome["pages"] += 1
        if page.status in SETTLED:
            outcome[page.status] = outcome.get(page.status, 0) + 1
        elif page.pk in open_pages or (page.sheet_key and page.sheet_key in open_sheets):
            outcome["open_task"] += 1
        elif page.status == "pending":
            outcome["pending"] += 1
        else:
            outcome["lost"] += 1
            outcome["lost_pages"].append((page.index, page.status, page.serial, page.page_number))
    return outcome


def run_stacks(target, stacks=3, sheets=12, seed=2027, user=None):
    """Upload `stacks` held-out stacks (duplicates, a missing page, strangers, blank backs, torn-off slips)
    through the real import tasks, run in this process; their outcome against the generator's expectation."""
    import hashlib

    from celery import current_app
    from django.core.files.base import ContentFile

    from participation.paper.models import ScanImport, Sheet
    from participation.paper.tasks import import_scan
    from tooling.scans import heldout as scan_heldout

    results = []
    logging.getLogger("celery.app.trace").setLevel(logging.WARNING)  # a line per page task otherwise
    eager = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    try:
        for number in range(stacks):
            pages, expected = scan_heldout.stack(target, sheets, seed=seed + number)
            serials = sorted({p.truth["serial"] for p in pages if p.truth.get("kind") in SHEET_KINDS
                              and p.truth.get("serial")})
            _ensure_sheets(target, serials)
            data = as_tiff(pages)
            scan_import = ScanImport(original_name=f"heldout-stack-{seed + number}.tif",
                                     sha256=hashlib.sha256(data).hexdigest(), uploaded_by=user)
            scan_import.file.save(scan_import.original_name, ContentFile(data), save=False)
            scan_import.save()
            import_scan.delay(scan_import.pk)
            scan_import.refresh_from_db()
            outcome = account(scan_import)
            sheets_counted = Sheet.objects.filter(serial__in=serials).exclude(response=None, idea=None).count()
            results.append({"stack": number, "expected": expected, "outcome": outcome,
                            "sheets_counted": sheets_counted, "status": scan_import.status})
    finally:
        current_app.conf.task_always_eager = eager
    return results


def stack_lines(results):
    """One line per stack: what the pipeline made of it against what the generator put in."""
    lines = []
    for result in results:
        expected, outcome = result["expected"], result["outcome"]
        lines.append(
            f"stack {result['stack'] + 1}: {outcome['pages']} pages → sheets counted {result['sheets_counted']} "
            f"of {expected.get('sheets')}, duplicates {outcome.get('duplicate', 0)} of {expected.get('duplicates')}, "
            f"blank backs {outcome.get('blank', 0)} of {expected.get('blank_backs')}, open tasks "
            f"{outcome['open_task']}, pending {outcome['pending']}, LOST {outcome['lost']}")
    return lines

"""The scan reader's benchmark on the TUNING set: synthetic filled pages of the demo survey's printed form
under the conditions of tooling.scans.synth (office scans, 1-bit fax, photocopies, sideways pages,
phone photos), read by a pool of worker processes. Reports per subset: pages, identified %, pages on a
wrong sheet, boxes decided wrong without review, boxes to review, pages per second; ambiguous marks
(dots, blobs, circles around the label) are scored apart. `python manage.py scan_benchmark`; a small run
is part of the test suite."""

import math
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor

import numpy as np

_STATE = {}

# Share of pages per condition in the tuning set.
MIX = {"office": 0.35, "fax": 0.15, "copy": 0.15, "sideways": 0.10, "photo": 0.25}


def _setup(pdf, layouts, masks, kinds, seed):
    import cv2
    import django

    django.setup()  # a spawned process: the question kinds (with their StreamField blocks) need Django's apps

    cv2.setNumThreads(1)  # one thread per worker process: the processes are the parallelism
    _STATE.update(pdf=pdf, layouts=layouts, masks=masks, kinds=kinds, seed=seed)


def _generate(job):
    from tooling.scans.synth import make_page

    index, version, serial, page, harsh, *rest = job
    condition = rest[0] if rest else None
    rng = np.random.default_rng([_STATE["seed"], index])
    return make_page(_STATE["pdf"], index, version, serial, page, _STATE["layouts"][(version, page)],
                     _STATE["kinds"], rng, harsh, condition)


def _read(jpeg):
    from participation.paper.scanning import decide_groups, read_page
    from tooling.scans.synth import decode

    started = time.perf_counter()
    reading = read_page(decode(jpeg), lambda v, p: _STATE["layouts"].get((v, p)),
                        lambda v, p: _STATE["masks"].get((v, p)))
    final = decide_groups(reading.boxes, _STATE["kinds"]) if reading.status == "identified" else {}
    texts = {anchor: text["ink"] for anchor, text in reading.texts.items()}
    return (reading.status, reading.version, reading.serial, reading.page, final, texts,
            time.perf_counter() - started, list(reading.quality), reading.unreliable)


def prepare(survey, pages, mix=None):
    """The printed sheets (with serials) for `pages` pages, their layouts and printed masks, and the jobs
    (index, version, serial, page, harsh, condition). Without a mix: the plain office scans (half harsh)."""
    from participation.paper import printing
    from participation.paper.scanning import printed_mask, template_image
    from participation.surveys.questions import all_questions

    master, version, _refused = printing.master(survey)
    sheets = pages // version.page_count + 1
    serials = [f"{800000 + n:06d}" for n in range(sheets)]
    pdf = printing.stamp(survey, master, version, serials)
    layouts = {(version.pk, n + 1): version.layout[f"page-{n + 1}"] for n in range(version.page_count)}
    masks = {(version.pk, n + 1): printed_mask(template_image(master, n)) for n in range(version.page_count)}
    kinds = {q.id: q.kind for q in all_questions(survey)}
    conditions = [None] * pages
    if mix:
        conditions = []
        for name, share in mix.items():
            conditions += [name] * int(round(share * pages))
        conditions = (conditions + [next(iter(mix))] * pages)[:pages]
        np.random.default_rng(pages).shuffle(conditions)
    jobs = [(n, version.pk, serials[n // version.page_count], n % version.page_count + 1, n % 2 == 1,
             conditions[n]) for n in range(pages)]
    return pdf, layouts, masks, kinds, jobs


def run(survey, pages=1000, workers=2, seed=2026, mix=MIX):
    pdf, layouts, masks, kinds, jobs = prepare(survey, pages, mix)
    setup = (pdf, layouts, masks, kinds, seed)
    # Fresh processes (spawn): a child forked after the parent used OpenCV's thread pool can hang in it.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_setup, initargs=setup) as pool:
        generated = list(pool.map(_generate, jobs, chunksize=4))
        started = time.perf_counter()
        readings = list(pool.map(_read, [jpeg for jpeg, _truth in generated], chunksize=4))
        wall = time.perf_counter() - started
    return score([truth for _jpeg, truth in generated], readings, wall, workers)


def upper_bound(failures, n):
    """The upper end of the 95 % (Wilson) confidence interval of a rate, in per cent: 0 of n is not 0 %."""
    if n == 0:
        return 100.0
    z = 1.96
    p = failures / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return round(100 * (centre + spread) / (1 + z * z / n), 3)


def _empty():
    return {"pages": 0, "identified": 0, "wrong_sheet": 0, "misregistered": 0, "unreliable": 0, "boxes": 0,
            "boxes_wrong": 0, "boxes_review": 0, "ambiguous": 0, "ambiguous_wrong": 0, "ambiguous_review": 0,
            "texts": 0, "texts_missed": 0, "seconds_reading": 0.0, "wrong_examples": []}


def _finish(part, workers):
    part["identified_pct"] = round(100 * part["identified"] / max(1, part["pages"]), 2)
    part["boxes_wrong_pct"] = round(100 * part["boxes_wrong"] / max(1, part["boxes"]), 3)
    part["boxes_wrong_upper_pct"] = upper_bound(part["boxes_wrong"], part["boxes"])
    part["boxes_review_pct"] = round(100 * part["boxes_review"] / max(1, part["boxes"]), 2)
    # Two workers read two pages at a time: pages per second from the mean reading time per page.
    part["pages_per_second_est"] = round(workers * part["pages"] / max(part.pop("seconds_reading"), 1e-9), 1)
    part["wrong_examples"] = part["wrong_examples"][:10]
    return part


def score(truths, readings, wall, workers):
    from participation.paper.scanning import TEXT_INK

    total = _empty()
    subsets = {}
    for truth, reading in zip(truths, readings, strict=True):
        status, version, serial, page, final, texts, seconds, quality, unreliable = (list(reading) + [[], False])[:9]
        condition = getattr(truth, "condition", None) or ("harsh" if truth.harsh else "clean")
        for part in (total, subsets.setdefault(condition, _empty())):
            part["pages"] += 1
            part["seconds_reading"] += seconds
            part["misregistered"] += status == "misregistered"
            part["unreliable"] += bool(unreliable)
        if status != "identified":
            continue
        if (version, serial, page) != (truth.version, truth.serial, truth.page):
            for part in (total, subsets[condition]):
                part["wrong_sheet"] += 1
            continue
        ambiguous = getattr(truth, "ambiguous", set())
        for part in (total, subsets[condition]):
            part["identified"] += 1
            for anchor, ticked in truth.ticked.items():
                prefix = "ambiguous" if anchor in ambiguous else "boxes"
                part[prefix] += 1
                decision = final.get(anchor, "review")
                if decision == "review":
                    part[f"{prefix}_review"] += 1
                elif (decision == "ticked") != ticked:
                    part[f"{prefix}_wrong"] += 1
                    if prefix == "boxes":
                        part["wrong_examples"].append((truth.serial, truth.page, anchor[-12:], ticked,
                                                       getattr(truth, "instrument", "")))
            for anchor, written in truth.written.items():
                part["texts"] += 1
                part["texts_missed"] += int(written and texts.get(anchor, 0) <= TEXT_INK)
    result = _finish(total, workers)
    result.update(harsh_pages=sum(t.harsh for t in truths), workers=workers, seconds=round(wall, 2),
                  pages_per_second=round(result["pages"] / max(wall, 1e-9), 1),
                  subsets={name: _finish(part, workers) for name, part in sorted(subsets.items())})
    scans = [p for name, p in result["subsets"].items() if name != "photo"]
    result["scans_pages_per_second_est"] = round(
        sum(p["pages"] for p in scans) / max(1e-9, sum(p["pages"] / max(p["pages_per_second_est"], 1e-9)
                                                       for p in scans)), 1) if scans else None
    return result

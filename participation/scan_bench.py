"""The scan reader's benchmark: synthetic filled scans of the demo survey's printed form (half of them
harsh), read by a pool of worker processes; prints box accuracy, review rate, identification rate,
wrong-sheet count and pages per second. `python manage.py scan_benchmark` (part of `make bench`);
a small run is part of the test suite."""

import time
from concurrent.futures import ProcessPoolExecutor

import numpy as np

_STATE = {}


def _setup(pdf, layouts, masks, kinds, seed):
    _STATE.update(pdf=pdf, layouts=layouts, masks=masks, kinds=kinds, seed=seed)


def _generate(job):
    from participation.scan_synth import make_page

    index, version, serial, page, harsh = job
    rng = np.random.default_rng([_STATE["seed"], index])
    return make_page(_STATE["pdf"], index, version, serial, page, _STATE["layouts"][(version, page)],
                     _STATE["kinds"], rng, harsh)


def _read(jpeg):
    from participation.scan_synth import decode
    from participation.scanning import decide_groups, read_page

    started = time.perf_counter()
    reading = read_page(decode(jpeg), lambda v, p: _STATE["layouts"].get((v, p)),
                        lambda v, p: _STATE["masks"].get((v, p)))
    final = decide_groups(reading.boxes, _STATE["kinds"]) if reading.status == "identified" else {}
    texts = {anchor: text["ink"] for anchor, text in reading.texts.items()}
    return (reading.status, reading.version, reading.serial, reading.page, final, texts,
            time.perf_counter() - started)


def prepare(survey, pages):
    """The printed sheets (with serials) for `pages` pages, their layouts and printed masks."""
    from participation import printing
    from participation.scanning import printed_mask, template_image
    from participation.surveys import all_questions

    master, version, _refused = printing.master(survey)
    sheets = pages // version.page_count + 1
    serials = [f"{800000 + n:06d}" for n in range(sheets)]
    pdf = printing.stamp(survey, master, version, serials)
    layouts = {(version.pk, n + 1): version.layout[f"page-{n + 1}"] for n in range(version.page_count)}
    masks = {(version.pk, n + 1): printed_mask(template_image(master, n)) for n in range(version.page_count)}
    kinds = {q.id: q.kind for q in all_questions(survey)}
    jobs = [(n, version.pk, serials[n // version.page_count], n % version.page_count + 1, n % 2 == 1)
            for n in range(pages)]
    return pdf, layouts, masks, kinds, jobs


def run(survey, pages=1000, workers=2, seed=2026):
    pdf, layouts, masks, kinds, jobs = prepare(survey, pages)
    setup = (pdf, layouts, masks, kinds, seed)
    with ProcessPoolExecutor(workers, initializer=_setup, initargs=setup) as pool:
        generated = list(pool.map(_generate, jobs, chunksize=8))
        started = time.perf_counter()
        readings = list(pool.map(_read, [jpeg for jpeg, _truth in generated], chunksize=8))
        wall = time.perf_counter() - started
    return score([truth for _jpeg, truth in generated], readings, wall, workers)


def score(truths, readings, wall, workers):
    from participation.scanning import TEXT_INK

    result = {"pages": len(truths), "harsh_pages": sum(t.harsh for t in truths), "identified": 0,
              "wrong_sheet": 0, "misregistered": 0, "boxes": 0, "boxes_wrong": 0, "boxes_review": 0,
              "texts": 0, "texts_missed": 0, "workers": workers, "seconds": round(wall, 2)}
    for truth, (status, version, serial, page, final, texts, _seconds) in zip(truths, readings, strict=True):
        if status == "misregistered":
            result["misregistered"] += 1
        if status != "identified":
            continue
        if (version, serial, page) != (truth.version, truth.serial, truth.page):
            result["wrong_sheet"] += 1
            continue
        result["identified"] += 1
        for anchor, ticked in truth.ticked.items():
            result["boxes"] += 1
            decision = final.get(anchor, "review")
            if decision == "review":
                result["boxes_review"] += 1
            elif (decision == "ticked") != ticked:
                result["boxes_wrong"] += 1
        for anchor, written in truth.written.items():
            result["texts"] += 1
            result["texts_missed"] += int(written and texts.get(anchor, 0) <= TEXT_INK)
    result["identified_pct"] = round(100 * result["identified"] / max(1, result["pages"]), 2)
    result["boxes_wrong_pct"] = round(100 * result["boxes_wrong"] / max(1, result["boxes"]), 3)
    result["boxes_review_pct"] = round(100 * result["boxes_review"] / max(1, result["boxes"]), 2)
    result["pages_per_second"] = round(result["pages"] / max(wall, 1e-9), 1)
    return result

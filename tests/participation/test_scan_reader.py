"""The scan reader on synthetic scans of the real printed form: the small version of the benchmark,
and the cases that must never go wrong (upside down, an edge cut off, a page that registers off)."""

import cv2
import numpy as np
import pytest

from participation import scan_bench
from participation.models import SurveyPage
from participation.scan_synth import decode, fill, render
from participation.scanning import decide_groups, read_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def prepared(demo_site):
    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    pdf, layouts, masks, kinds, jobs = scan_bench.prepare(survey, 4)
    return {"pdf": pdf, "layouts": layouts, "masks": masks, "kinds": kinds, "jobs": jobs, "survey": survey}


def read(image, prepared):
    return read_page(image, lambda v, p: prepared["layouts"].get((v, p)), lambda v, p: prepared["masks"].get((v, p)))


def filled_page(prepared, seed=1, dpi=200):
    _index, version, serial, page, _harsh = prepared["jobs"][0]
    image = render(prepared["pdf"], 0, dpi)
    truth, _written = fill(image, prepared["layouts"][(version, page)], dpi, prepared["kinds"],
                           np.random.default_rng(seed), False)
    return image, truth, (version, serial, page)


def ticked_of(reading, kinds):
    return {a for a, decision in decide_groups(reading.boxes, kinds).items() if decision == "ticked"}


def test_the_small_benchmark_meets_the_budgets(prepared, capsys):
    result = scan_bench.run(prepared["survey"], pages=60, workers=2, seed=7)
    with capsys.disabled():
        print(f"\nscan reader, 60 synthetic pages (30 harsh): {result}")
    assert result["wrong_sheet"] == 0
    assert result["boxes_wrong"] == 0  # 0.05 % of ~450 boxes would already be less than one
    assert result["identified_pct"] >= 95 and result["boxes_review_pct"] <= 3
    # Pages per second are measured by `make bench` (300 pages): a busy machine must not fail the suite.


def test_a_page_fed_upside_down_is_read_the_right_way_round(prepared):
    image, truth, identity = filled_page(prepared)
    reading = read(cv2.rotate(image, cv2.ROTATE_180), prepared)
    assert reading.status == "identified" and (reading.version, reading.serial, reading.page) == identity
    assert reading.upside_down
    assert ticked_of(reading, prepared["kinds"]) == {a for a, ticked in truth.items() if ticked}


def test_an_edge_cut_off_loses_a_corner_mark_but_not_the_page(prepared):
    image, truth, _identity = filled_page(prepared, seed=2)
    cut = image[: -int(14 * 200 / 25.4)]  # the bottom 14 mm are missing: both lower marks gone
    reading = read(cut, prepared)
    assert reading.status == "identified" and reading.marks_found == 2
    assert ticked_of(reading, prepared["kinds"]) == {a for a, ticked in truth.items() if ticked}


def test_a_page_whose_code_is_not_where_the_marks_put_it_goes_to_a_person(prepared):
    image, _truth, _identity = filled_page(prepared, seed=3)
    layout = prepared["layouts"][prepared["jobs"][0][1:2] + (1,)]
    x0, y0, x1, y1 = (int(round(v * 200 / 25.4)) for v in layout["qr-code"])
    shifted = np.full_like(image, 255)
    shift = int(5 * 200 / 25.4)  # everything but the code moved 5 mm down: one row off, or worse
    shifted[shift:] = image[:-shift]
    margin = 12
    shifted[y0 - margin:y1 + margin, x0 - margin:x1 + margin] = image[y0 - margin:y1 + margin, x0 - margin:x1 + margin]
    reading = read(shifted, prepared)
    assert reading.status == "misregistered" and reading.boxes == {}  # nothing read from a doubtful page


def test_a_page_that_is_not_a_form_is_not_identified(prepared):
    blank = np.full((2339, 1654), 255, np.uint8)
    cv2.putText(blank, "Liebe Stadtverwaltung", (200, 400), cv2.FONT_HERSHEY_SIMPLEX, 3, 0, 5)
    assert read(blank, prepared).status == "unidentified"


def test_synthetic_scans_are_jpeg_and_decode(prepared):
    scan_bench._setup(prepared["pdf"], prepared["layouts"], prepared["masks"], prepared["kinds"], 1)
    jpeg, truth = scan_bench._generate(prepared["jobs"][1])
    assert jpeg[:2] == b"\xff\xd8" and decode(jpeg).ndim == 2 and truth.ticked

"""The held-out benchmark's scoring is honest (a wrong box counts, a box sent to review does not, 0 of n is
not 0 %), and a small smoke set of held-out pages and one held-out stack run through the real reader and
import pipeline in the suite (`make bench` runs 1,200 pages and three stacks)."""

import pytest

from tooling.scans import heldout as scan_heldout
from tooling.scans.heldout import HeldOutPage
from tooling.scans.heldout_bench import clopper_pearson, read_all, run_stacks, score


def test_confidence_bounds_match_the_exact_binomial_interval():
    low, high = clopper_pearson(0, 1000)
    assert low == 0 and high == pytest.approx(1 - 0.025 ** (1 / 1000), rel=1e-6)  # 0 of 1,000 is up to 0.37 %
    low, high = clopper_pearson(5, 100)
    assert low == pytest.approx(0.01643, abs=1e-4) and high == pytest.approx(0.11283, abs=1e-4)
    assert clopper_pearson(100, 100)[1] == 1.0


def _page(subset, kind, boxes, ambiguous=()):
    truth = {"version": 1, "serial": "500001", "page": 1, "kind": kind, "boxes": boxes,
             "ambiguous": list(ambiguous), "marks": {}}
    return HeldOutPage(image=b"", subset=subset, truth=truth)


def test_scoring_counts_wrong_boxes_reviews_and_pages_on_a_wrong_sheet():
    pages = [
        _page("office", "survey", {"box-a-1": "ticked", "box-a-2": "empty", "box-b-1": "ticked"},
              ambiguous=["box-b-1"]),
        _page("fax", "survey", {"box-a-1": "ticked", "box-a-2": "empty"}),
        _page("photo", "survey", {"box-a-1": "ticked"}),
        _page("stranger", "stranger", {}),
    ]
    readings = [
        ("identified", 1, "500001", 1, {"box-a-1": "ticked", "box-a-2": "review", "box-b-1": "empty"}, [], 0.01),
        ("identified", 1, "500001", 1, {"box-a-1": "empty"}, ["bilevel"], 0.01),  # one wrong, one not read
        ("identified", 1, "500002", 1, {"box-a-1": "ticked"}, [], 0.01),  # right boxes, wrong sheet
        ("identified", 1, "500003", 1, {}, [], 0.01),  # some other letter taken for a sheet
    ]
    figures = score(pages, readings)
    assert figures["office"]["boxes_review"] == 1 and figures["office"]["boxes_wrong"] == 0
    assert figures["office"]["ambiguous"] == 1 and figures["office"]["boxes"] == 2
    assert figures["fax"]["boxes_wrong"] == 2 and figures["fax"]["boxes_missing"] == 1
    assert figures["photo"]["wrong_sheet"] == 1 and figures["photo"]["identified"] == 0
    assert figures["stranger"]["others_identified"] == 1
    assert figures["all"]["wrong_sheet_rate"]["x"] == 2
    assert figures["all"]["boxes_wrong_rate"]["x"] == 2 and figures["all"]["boxes_wrong_rate"]["n"] == 4


def test_a_smoke_set_of_held_out_pages_is_read_without_a_page_on_a_wrong_sheet(survey):
    pages = scan_heldout.generate(survey, 16, seed=31, subsets=["office", "fax", "photocopy", "sideways",
                                                                 "stranger", "blank_back"])
    readings, _seconds = read_all(pages, workers=1)
    figures = score(pages, readings)
    total = figures["all"]
    assert total["pages"] == 16 and total["sheet_pages"] >= 8
    assert total["wrong_sheet"] == 0 and total["others_identified"] == 0
    assert total["identified"] == total["sheet_pages"]  # every scanned sheet page is identified
    assert total["boxes"] > 50
    assert total["boxes_wrong"] == 0, total["wrong_examples"]


def test_a_held_out_stack_loses_no_page_in_the_import_pipeline(survey):
    (result,) = run_stacks(survey, stacks=1, sheets=3, seed=41)
    outcome, expected = result["outcome"], result["expected"]
    assert result["status"] == "done"
    assert outcome["lost"] == 0 and outcome["pending"] == 0
    # Blank backs are set aside silently; one whose show-through code cannot be read waits with a task
    # (safe); a real page is never taken for a blank back.
    assert expected["blank_backs"] // 2 <= outcome.get("blank", 0) <= expected["blank_backs"]
    assert outcome.get("duplicate", 0) == expected["duplicates"]
    assert result["sheets_counted"] + outcome["open_task"] >= expected["sheets"]

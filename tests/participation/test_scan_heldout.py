"""The held-out generator: its own box locator names every printed box, pages are deterministic per seed,
the truth agrees with the question kinds and with the ink on the page, and stacks add up."""

import datetime
import io
from collections import Counter

import numpy as np
import pytest
from django.utils import timezone
from PIL import Image

from participation.ideas.models import ParticipationProcessPage
from participation.surveys.models import SurveyPage
from tooling.scans import heldout as scan_heldout
from tooling.scans.heldout.pages import mark_page, render

pytestmark = pytest.mark.django_db


@pytest.fixture
def arabic_survey(demo_site):
    """The demo survey's Arabic translation: boxes stand right of their labels."""
    return SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="ar")


@pytest.fixture
def idea_call(demo_site):
    return ParticipationProcessPage.objects.get(slug="ideen-digitale-beteiligung", locale__language_code="de")


@pytest.fixture
def every_kind_survey(demo_site):
    """A survey with every kind of tick box: yes/no, scale, matrix (with "no answer"), dropdown, ranking, other."""
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page.specific
    now = timezone.now()
    common = {"help_text": "", "required": False, "show_if_question": "", "show_if_answer": ""}
    questions = [
        ("yesno", {"text": "Fahren Sie Bus?", "key": "bus", **common}),
        ("dropdown", {"text": "Wie oft?", "key": "oft", "options": [{"label": "Täglich"}, {"label": "Selten"}],
                      **common}),
        ("matrix", {"text": "Wie bewerten Sie …", "key": "noten", "minimum": 1, "maximum": 4, "min_label": "",
                    "max_label": "", "allow_no_answer": True,  # a "no answer" column, as online
                    "rows": [{"label": "Pünktlichkeit"}, {"label": "Sauberkeit"}, {"label": "Preis"}], **common}),
        ("ranking", {"text": "Was ist am wichtigsten?", "key": "rang",
                     "options": [{"label": "Takt"}, {"label": "Preis"}], **common}),
        ("scale", {"text": "Wie zufrieden?", "key": "zufrieden", "minimum": 0, "maximum": 10, "min_label": "",
                   "max_label": "", "allow_no_answer": True, **common}),
        ("multiple", {"text": "Was fehlt?", "key": "fehlt", "allow_other": True, "min_choices": None,
                      "max_choices": None, "options": [{"label": "Bänke"}, {"label": "Licht"}], **common}),
    ]
    page = SurveyPage(title="Alle Kästchen", slug="alle-kaestchen", audience=SurveyPage.Audience.ANYONE,
                      opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=9),
                      questions=[("section", {"title": "Seite 1", "intro": "", "show_if_question": "",
                                              "show_if_answer": "", "questions": questions})])
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _anchors_of(prepared):
    return Counter(box.anchor for info in prepared.pages for box in info.boxes)


@pytest.mark.parametrize("name", ["survey", "idea_call", "every_kind_survey", "arabic_survey"])
def test_the_locator_finds_every_box_of_the_form_exactly_once(name, request):
    target = request.getfixturevalue(name)
    prepared = scan_heldout.prepare(target, 1)
    found = _anchors_of(prepared)
    expected = [anchor for anchor, *_rest in prepared.definition.expected]
    assert found == Counter(expected)
    assert "box-consent" in found
    if name == "idea_call":
        assert {a for a in found if a.startswith("box-category-")} == {
            f"box-category-{c.slug}" for c in target.allowed_categories()}
        assert len([a for a in found if a.startswith("box-district-")]) == 10
    if name == "arabic_survey":  # the label is left of its box
        for info in prepared.pages:
            assert all(box.label_rect[2] < box.rect[0] for box in info.boxes)
    if name == "every_kind_survey":
        kinds = {a.rsplit("-", 1)[-1] for a in found}
        assert {"yes", "no", "na", "other", "0", "10"} <= kinds
        assert sum(1 for a in found if a.endswith(("-1", "-2", "-3", "-4"))) >= 3 * 4
    # every box carries its label (for circles round the label) except the matrix cells
    for info in prepared.pages:
        for box in info.boxes:
            x0, y0, x1, y1 = box.rect
            assert 6 < x1 - x0 < 7.2 and 6 < y1 - y0 < 7.2
            assert box.label_rect is not None or box.anchor.count("-") > 10


def test_sheets_of_different_forms_get_different_serials(survey, idea_call):
    first = scan_heldout.prepare(survey, 3, seed=2027).serials
    second = scan_heldout.prepare(idea_call, 3, seed=2027).serials
    assert len(set(first) | set(second)) == 6 and all(len(s) == 6 and s.isdigit() for s in first + second)


def test_generate_is_deterministic_per_seed(survey):
    first = scan_heldout.generate(survey, 2, seed=11, subsets=["fax", "photo"])
    again = scan_heldout.generate(survey, 2, seed=11, subsets=["fax", "photo"])
    other = scan_heldout.generate(survey, 2, seed=12, subsets=["fax", "photo"])
    assert [p.image for p in first] == [p.image for p in again]
    assert [p.truth for p in first] == [p.truth for p in again]
    assert [p.image for p in first] != [p.image for p in other]


def _check_kinds(prepared, page):
    truth = page.truth
    boxes = truth["boxes"]
    on_page = {box.anchor for box in prepared.pages[truth["page"] - 1].boxes}
    ranking = {a for g in prepared.definition.groups if g.kind == "ranking" for a in g.anchors}
    assert set(boxes) == on_page - ranking
    for group in prepared.definition.groups:
        ticked = [a for a in group.anchors if boxes.get(a) == "ticked"]
        if group.kind in ("single", "consent"):
            assert len(ticked) <= 1, group.id
        elif group.kind == "multiple":
            assert len(ticked) <= (group.max_choices or len(group.anchors))
    for anchor, mark in truth["marks"].items():
        if mark in ("scribble_out", "stray"):
            assert boxes[anchor] == "empty"
        else:
            assert boxes[anchor] == "ticked"
    assert set(truth["ambiguous"]) <= {a for a, v in boxes.items() if v == "ticked"}
    assert all(truth["shapes"][a] in ("dot", "circle", "fill") for a in truth["ambiguous"])


@pytest.mark.parametrize(("name", "count", "subsets"), [
    ("survey", 12, scan_heldout.SUBSETS), ("idea_call", 6, ("office", "fax", "slip", "photo", "blank_back"))])
def test_every_subset_makes_readable_files_whose_truth_fits_the_questions(name, count, subsets, request):
    target = request.getfixturevalue(name)
    pages = scan_heldout.generate(target, count, seed=3, subsets=subsets)
    assert Counter(p.subset for p in pages).keys() == set(subsets)
    prepared = scan_heldout.prepare(target, 1)
    for page in pages:
        image = Image.open(io.BytesIO(page.image))
        image.load()
        truth = page.truth
        assert truth["subset"] == page.subset
        if page.subset == "fax":
            assert image.mode == "1" and image.format in ("TIFF", "PNG")
        elif page.subset == "photo":
            assert image.format == "JPEG" and max(image.size) >= 1600 and image.mode == "RGB"
        if page.subset == "stranger":
            assert truth["kind"] == "stranger" and truth["serial"] is None
        elif page.subset == "blank_back":
            assert truth["kind"] == "blank_back" and truth["front"]["serial"] and not truth["boxes"]
        elif page.subset == "slip":
            assert truth["kind"] == "slip" and not truth["boxes"]
        else:
            assert truth["kind"] == ("survey" if name == "survey" else "idea")
            assert truth["version"] == prepared.version.pk and truth["serial"].isdigit()
            _check_kinds(prepared, page)
        if page.subset == "office":  # the sheet's own QR code says what the truth says
            import zxingcpp

            payloads = [code.text for code in zxingcpp.read_barcodes(image)]
            assert any(f"v={truth['version']}&s={truth['serial']}&p={truth['page']}" in p for p in payloads)
    ticked = sum(v == "ticked" for p in pages for v in p.truth["boxes"].values())
    assert ticked > 0


def test_the_truth_matches_the_ink_in_the_boxes(survey):
    """Marks drawn on a clean raster: ink in the box core exactly where the truth has a mark in the box."""
    prepared = scan_heldout.prepare(survey, 12, seed=5)
    s = 200 / 25.4
    seen = Counter()
    for sheet in range(12):
        plan = scan_heldout._sheet_plan(prepared, 5, sheet)
        for page in prepared.content_pages:
            canvas = render(prepared.pdf_key, prepared.pdf, sheet * prepared.page_count + page - 1, 200)
            blank = canvas.copy()
            boxes, _ambiguous, _marks, shapes = mark_page(canvas, prepared.pages[page - 1], plan, 200,
                                                          np.random.default_rng([sheet, page]))
            for box in prepared.pages[page - 1].boxes:
                if box.anchor not in boxes:
                    continue
                x0, y0, x1, y1 = (int(round(v * s)) for v in box.rect)
                core = (slice(y0 + 6, y1 - 6), slice(x0 + 6, x1 - 6))
                ink = float((blank[core].astype(int) - canvas[core]).clip(0).mean())
                shape = shapes.get(box.anchor)
                if shape in (None, "stray", "circle"):
                    assert ink < 0.5, (box.anchor, shape, ink)
                else:
                    assert ink > 0.5, (box.anchor, shape, ink)
                seen[shape] += 1
    assert seen[None] > 10 and seen["cross"] + seen["tick"] > 5


def test_a_stack_adds_up(survey):
    pages, expected = scan_heldout.stack(survey, 3, seed=21)
    kinds = Counter(p.truth["kind"] for p in pages)
    assert kinds["blank_back"] == expected["blank_backs"]
    assert kinds["stranger"] == expected["strangers"] == 1
    assert kinds["slip"] == expected["slips"]
    fronts = [(p.truth["serial"], p.truth["page"]) for p in pages if p.truth["kind"] == "survey"]
    assert sum(n - 1 for n in Counter(fronts).values()) == expected["duplicates"] > 0
    assert all(m not in fronts for m in expected["missing"]) and len(expected["missing"]) == 1
    content = scan_heldout.prepare(survey, 1).content_pages
    complete = [s for s in expected["serials"] if all((s, p) in fronts for p in content)]
    assert expected["sheets"] == len(complete) == 2
    if expected["blank_backs"]:  # duplex: every front is followed by its back
        for before, after in zip(pages, pages[1:], strict=False):
            if after.truth["kind"] == "blank_back":
                assert after.truth["front"]["serial"] == before.truth["serial"]


def test_the_command_writes_images_and_their_truth(survey, tmp_path):
    import json

    from django.core.management import call_command

    call_command("scan_heldout", pages=3, out=str(tmp_path), seed=4, subsets=["office", "fax"], processes=1,
                 cache="", stdout=io.StringIO())
    written = json.loads((tmp_path / "truth.json").read_text())
    assert len(written["pages"]) == 3
    for entry in written["pages"]:
        assert (tmp_path / entry["file"]).stat().st_size > 10_000
        assert entry["truth"]["serial"] and entry["truth"]["boxes"]

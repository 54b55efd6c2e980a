"""A desk worker at a tablet photographs five filled survey sheets (ten pages) with its camera, uploads the
ten photos at once, watches each being read, clears the review queue with the keyboard and finds the
answers in the survey results under "paper"."""

import re
from unittest import mock

import pytest

from participation import scan_heldout
from participation.models import FormVersion, ReviewTask, ScanPage, SurveyPage, SurveyResponse
from participation.scan_heldout import scanner
from tests.browser.helpers import press, sign_in_by_keyboard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TABLET = {"width": 820, "height": 1180}
SHEETS = 5
NOT_IDENTIFIED = [ScanPage.Status.UNIDENTIFIED, ScanPage.Status.MISREGISTERED]


def phone_photos(survey, seed=2207):
    """Ten held-out phone photos: both pages of five sheets, registered as printed sheets. The phone takes
    2000 x 1500 pictures (the generator's smallest-but-one frame; the draw is kept so the rest of each
    photo is as the generator makes it) to keep the test fast."""
    photo_geometry = scanner.photo_geometry
    with mock.patch.object(scanner, "photo_geometry", lambda rng: (photo_geometry(rng), (2000, 1500))[1]):
        photos = scan_heldout.generate(survey, 2 * SHEETS, seed=seed, subsets=["photo"])
    assert {p.subset for p in photos} == {"photo"}
    version = FormVersion.objects.get(pk=photos[0].truth["version"])
    assert version.page_count == 2
    serials = sorted({p.truth["serial"] for p in photos})
    assert len(serials) == SHEETS
    scan_heldout.register_sheets(survey, version, serials)
    return photos


def no_sideways_scrolling(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at {TABLET['width']}px"


def test_photograph_sheets_on_a_tablet_and_clear_the_review_queue_by_keyboard(browser_page, tmp_path):
    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    photos = phone_photos(survey)
    truth = {(p.truth["serial"], p.truth["page"]): p.truth["boxes"] for p in photos}
    files = []
    for number, photo in enumerate(photos, start=1):
        path = tmp_path / f"IMG_{number:04d}.jpg"
        path.write_bytes(photo.image)
        files.append(str(path))

    page = browser_page
    page.set_viewport_size(TABLET)
    sign_in_by_keyboard(page, "scan@luebeck.example", "Scan-Erfassung-1")

    page.goto("/de/papiererfassung/scans/")
    page.assert_accessible()
    no_sideways_scrolling(page)
    camera = page.get_by_label("Fotos aufnehmen")
    assert camera.get_attribute("accept") == "image/*"
    assert camera.get_attribute("capture") == "environment"
    assert camera.get_attribute("multiple") is not None
    camera.set_input_files(files)
    page.get_by_role("button", name="Hochladen und lesen").focus()
    press(page, "Enter")

    # every photo has its own row: read (the worker runs eagerly here), a full bar, warnings in words
    assert "10 Dateien werden gelesen" in page.locator("main").inner_text()
    rows = page.locator("tr[data-batch-status]")
    assert rows.count() == 2 * SHEETS
    names = set()
    for index in range(rows.count()):
        row = rows.nth(index)
        names.add(row.locator("th").inner_text())
        assert re.fullmatch(r"Gelesen \(1/1\)", row.locator("[data-status]").inner_text()), row.inner_text()
        assert row.locator("progress").evaluate("bar => bar.value / bar.max") == 1
        if row.locator("[data-quality]").count():
            assert "Hinweis zur Qualität:" in row.locator("[data-quality]").inner_text()
    assert names == {f"IMG_{number:04d}.jpg" for number in range(1, 11)}
    warned = ScanPage.objects.exclude(quality=[]).values_list("scan_import__original_name", flat=True)
    shown = page.locator("tr[data-batch-status]:has([data-quality]) th").all_inner_texts()
    assert set(shown) >= set(warned)
    page.assert_accessible()
    no_sideways_scrolling(page)

    pages = ScanPage.objects.all()
    assert pages.count() == 2 * SHEETS
    identified = [p for p in pages if p.status not in NOT_IDENTIFIED]
    for scan_page in identified:  # a page the machine identified is never put on a wrong sheet
        assert (scan_page.serial, scan_page.page_number) in truth
    both_read = {s for s, _ in truth if sum(1 for p in identified if p.serial == s) == 2}
    consented = {s for s in both_read if any(boxes.get("box-consent") == "ticked"
                                             for (serial, _n), boxes in truth.items() if serial == s)}

    page.goto("/de/papiererfassung/pruefen/")
    page.assert_accessible()
    no_sideways_scrolling(page)
    page.get_by_role("button", name="Prüfung beginnen").focus()
    press(page, "Enter")
    checked = set()
    for _round in range(80):
        if page.url.endswith("/papiererfassung/pruefen/"):
            break
        kind = "text" if "/text/" in page.url else ("boxes" if page.locator("main [data-paper-entry]").count()
                                                   else "page")
        if kind not in checked:
            page.assert_accessible()
            no_sideways_scrolling(page)
            checked.add(kind)
        if kind == "text":
            fields = page.locator("[name^=value-]")
            for index in range(fields.count()):
                fields.nth(index).focus()
                page.keyboard.type("Mehr Busse am Abend")
            page.get_by_role("button", name="Speichern und weiter").focus()
            press(page, "Enter")
            continue
        task = ReviewTask.objects.select_related("page").get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))
        on_paper = truth.get((task.page.serial, task.page.page_number), {})
        if kind == "boxes":  # tick exactly what is ticked on the paper, then Enter
            boxes = page.locator("main [data-paper-entry] input[type=checkbox]")
            for index in range(boxes.count()):
                box = boxes.nth(index)
                box.focus()
                if box.is_checked() != (on_paper.get(box.get_attribute("value")) == "ticked"):
                    page.keyboard.press("Space")
            press(page, "Enter")
        else:  # a page task: a photo nobody could read is entered by hand, consent as on the paper
            if task.reason == "no_consent":
                action = "count" if on_paper.get("box-consent") == "ticked" else "discard"
            else:
                action = "manual"
            page.locator(f"main button[name=action][value={action}]").focus()
            press(page, "Enter")
    assert "Prüfliste ist leer" in page.locator("main").inner_text()
    assert not ReviewTask.objects.filter(status="open").exists()
    counted = SurveyResponse.objects.filter(channel="paper", capture_method__startswith="scan")
    assert set(counted.values_list("paper_sheet", flat=True)) == consented

    page.goto(survey.url + "ergebnisse/")
    assert page.locator("[data-channel=paper]").inner_text() == str(len(consented))
    page.assert_accessible()
    print(f"identified {len(identified)} of {2 * SHEETS} photos; counted {len(consented)}; screens {checked}")

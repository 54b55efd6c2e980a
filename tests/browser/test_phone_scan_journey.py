"""A desk worker at a tablet photographs five filled survey sheets (ten pages) with its camera, uploads the
ten photos at once, watches each being read, clears the review queue with the keyboard and finds the
answers in the survey results under "paper"."""

from unittest import mock

import pytest
from playwright.sync_api import expect

from participation.paper.models import FormVersion, ReviewTask, ScanImport, ScanPage
from participation.surveys.models import SurveyPage
from tests.browser.helpers import assert_scanned_sheets_counted, press, sign_in_by_keyboard
from tooling.scans import heldout as scan_heldout
from tooling.scans.heldout import scanner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TABLET = {"width": 820, "height": 1180}
SHEETS = 5
NOT_IDENTIFIED = [ScanPage.Status.UNIDENTIFIED, ScanPage.Status.MISREGISTERED]


def phone_photos(survey, seed=2207):
    """Ten held-out phone photos: both pages of five sheets, registered as printed sheets. The tablet takes
    2000 x 1500 pictures, the last one 1600 x 1200 (too few pixels for an A4 page: a quality warning); the
    generator's own draw of the frame is kept, so each photo is otherwise as it makes them."""
    photo_geometry = scanner.photo_geometry
    frames = iter([(2000, 1500)] * 9 + [(1600, 1200)])
    with mock.patch.object(scanner, "photo_geometry", lambda rng: (photo_geometry(rng), next(frames))[1]):
        photos = scan_heldout.generate(survey, 2 * SHEETS, seed=seed, subsets=["photo"])
    assert {p.subset for p in photos} == {"photo"}
    version = FormVersion.objects.get(pk=photos[0].truth["version"])
    assert version.page_count == 2
    serials = sorted({p.truth["serial"] for p in photos})
    assert len(serials) == SHEETS
    scan_heldout.register_sheets(survey, version, serials)
    return photos


FOCUS_SHOWN = """element => {
    const seen = (style) => (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
        || style.boxShadow !== "none";
    for (let node = element; node && node !== document.body; node = node.parentElement) {
        if (seen(getComputedStyle(node))) return true;
        if (node !== element && !node.matches(":focus-within")) break;
    }
    return false;
}"""


def tab_to(page, target, limit=25):
    """Press Tab (only Tab) until `target` has the focus; every stop on the way shows where the focus is."""
    for _press in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
        active = page.evaluate_handle("document.activeElement")
        assert active.evaluate(FOCUS_SHOWN), f"no visible focus on {active.evaluate('e => e.outerHTML')[:200]}"
    raise AssertionError(f"{target} is not reached by Tab on {page.url}")


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
    tab_to(page, camera, limit=40)  # reached from the top of the page by Tab, focus shown
    # Space would open the camera (a file chooser here); headless Chromium opens that chooser only most
    # of the time, so the ten photos are handed to the focused input directly
    camera.set_input_files(files)
    tab_to(page, page.get_by_role("button", name="Hochladen und lesen"), limit=3)
    sent = []  # the worker is held back until the rows are on screen, to watch them move
    with mock.patch("participation.paper.scan_views.dispatch", lambda task, *args: sent.append((task, args))):
        press(page, "Enter")
    main = page.locator("main")
    assert "10 Dateien werden gelesen" in main.inner_text()
    assert "IMG_0010.jpg: Die Auflösung ist zu gering" in main.inner_text()  # said at once, in words
    rows = page.locator("tr[data-batch-status]")
    assert rows.count() == len(sent) == 2 * SHEETS
    assert set(rows.locator("th").all_inner_texts()) == {f"IMG_{n:04d}.jpg" for n in range(1, 11)}
    assert set(rows.locator("[data-status]").all_inner_texts()) == {"In der Warteschlange (0/0)"}
    page.assert_accessible()
    no_sideways_scrolling(page)

    for task, args in sent:  # the worker reads the photos while the page is open
        task.apply(args)
    # every bar fills and says so; what became of each photo and what reading found about its quality
    # appear in its row, and the queue link counts the new tasks: all without reloading the page
    open_tasks = ReviewTask.objects.filter(status="open").count()
    expect(page.locator("[data-queue-link]")).to_have_text(f"Prüfliste ({open_tasks} Aufgaben)")
    warned = set(ScanPage.objects.exclude(quality=[]).values_list("scan_import__original_name", flat=True))
    warned |= set(ScanImport.objects.exclude(quality=[]).values_list("original_name", flat=True))
    assert "IMG_0010.jpg" in warned
    for index in range(rows.count()):
        row = rows.nth(index)
        name = row.locator("th").inner_text()
        expect(row.locator("[data-status]")).to_have_text("Gelesen (1/1)")
        assert row.locator("progress").evaluate("bar => bar.value / bar.max") == 1
        tasks = ReviewTask.objects.filter(status="open", page__scan_import__original_name=name).count()
        expect(row.locator("[data-open]")).to_have_text(str(tasks))
        if name in warned:
            expect(row.locator("[data-quality]")).to_contain_text("Hinweis zur Qualität:")
        else:
            expect(row.locator("[data-quality]")).to_have_count(0)
    expect(page.locator("tr:has-text('IMG_0010.jpg') [data-quality]")).to_contain_text("Auflösung ist zu gering")
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
    tab_to(page, page.get_by_role("button", name="Prüfung beginnen"), limit=40)
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
                tab_to(page, fields.nth(index), limit=3)  # the first has the focus; then past its flags
                if fields.nth(index).evaluate("field => field.tagName") == "SELECT":
                    page.keyboard.press("ArrowDown")  # a district: the first one
                else:
                    page.keyboard.type("Mehr Busse am Abend")
            tab_to(page, page.get_by_role("button", name="Speichern und weiter"), limit=3)
            press(page, "Enter")
            continue
        task = ReviewTask.objects.select_related("page").get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))
        on_paper = truth.get((task.page.serial, task.page.page_number), {})
        if kind == "boxes":  # tick exactly what is ticked on the paper, then Enter
            boxes = page.locator("main [data-paper-entry] input[type=checkbox]")
            for index in range(boxes.count()):  # the first box has the focus; Tab walks the others
                box = boxes.nth(index)
                tab_to(page, box, limit=1 if index == 0 else 2)
                if box.is_checked() != (on_paper.get(box.get_attribute("value")) == "ticked"):
                    page.keyboard.press("Space")
            press(page, "Enter")
        else:  # a page task: a photo nobody could read is entered by hand, consent as on the paper
            if task.reason == "no_consent":
                action = "count" if on_paper.get("box-consent") == "ticked" else "discard"
            else:
                action = "manual"
            tab_to(page, page.locator(f"main button[name=action][value={action}]"), limit=4)
            press(page, "Enter")
    assert_scanned_sheets_counted(page, survey, consented)

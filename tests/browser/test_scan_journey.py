"""An analyst uploads a 20-page scan, watches it being read, clears the review queue with the keyboard
and finds the answers in the survey results under "paper"."""

import pytest

from participation.surveys.models import SurveyPage
from tests.browser.helpers import assert_scanned_sheets_counted, press, sign_in_by_keyboard
from tests.participation.scan_helpers import filled_stack

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_upload_a_scan_and_clear_the_review_queue_by_keyboard(browser_page, tmp_path):
    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    data, truth, version = filled_stack(survey, 20 // 2, seed=21)
    consented = {serial for (serial, _page), (ticked, _written) in truth.items() if ticked.get("box-consent")}
    assert version.page_count == 2  # 10 sheets, 20 pages
    scan = tmp_path / "stapel.tif"
    scan.write_bytes(data)
    page = browser_page
    sign_in_by_keyboard(page, "scan@luebeck.example", "Scan-Erfassung-1")

    page.goto("/de/papiererfassung/scans/")
    page.assert_accessible()
    page.get_by_label("Dateien auswählen").set_input_files(str(scan))
    page.get_by_role("button", name="Hochladen und lesen").focus()
    press(page, "Enter", timeout=60_000)  # 20 pages read before the page answers: slow on a busy machine
    status = page.locator("[data-status]").first
    status.wait_for()
    assert "(20/20)" in status.inner_text()  # the worker ran; the bar shows every page read
    page.assert_accessible()

    page.goto("/de/papiererfassung/pruefen/")
    page.assert_accessible()
    page.get_by_role("button", name="Prüfung beginnen").focus()
    press(page, "Enter")
    checked = set()
    for _round in range(80):
        if page.url.endswith("/papiererfassung/pruefen/"):
            break
        kind = "text" if "/text/" in page.url else "task"
        if kind not in checked:
            page.assert_accessible()
            checked.add(kind)
        if kind == "text":
            fields = page.locator("[name^=value-]")
            for index in range(fields.count()):
                fields.nth(index).focus()
                page.keyboard.type("Mehr Busse am Abend")
            page.get_by_role("button", name="Speichern und weiter").focus()
            press(page, "Enter")
        else:
            boxes = page.locator("main [data-paper-entry] input[type=checkbox]")
            if boxes.count():
                boxes.first.focus()
                page.keyboard.press("Space")  # toggle the first box …
                page.keyboard.press("Space")  # … and back: as the machine read it
                press(page, "Enter")  # Enter accepts what is ticked
            else:  # a page task: a sheet without the consent tick is set aside, anything else typed in by hand
                no_consent = page.locator("main button[name=action][value=count]").count()
                page.locator(f"main button[name=action][value={'discard' if no_consent else 'manual'}]").focus()
                press(page, "Enter")
    assert_scanned_sheets_counted(page, survey, consented)

"""An analyst enters ten paper sheets without the mouse; a duplicate is refused; results show them."""

import pytest

from participation.paper.models import PrintBatch, Sheet
from participation.paper.tasks import _next_serials
from participation.surveys.models import SurveyPage
from tests.browser.helpers import press, sign_in_by_keyboard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_ten_sheets_by_keyboard(browser_page):
    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    batch = PrintBatch.objects.create(survey=survey, count=10)
    serials = _next_serials(10)
    Sheet.objects.bulk_create([Sheet(batch=batch, serial=serial) for serial in serials])
    page = browser_page
    sign_in_by_keyboard(page, "papier@luebeck.example", "Papier-Erfassung-1")

    page.goto("/de/papiererfassung/")
    page.assert_accessible()
    for number, serial in enumerate(serials):
        page.get_by_label("Bogennummer").focus()
        page.keyboard.type(serial)
        press(page, "Enter")
        if number == 0:
            page.assert_accessible()
        first_option = page.locator("input[type=radio]").first
        first_option.focus()
        page.keyboard.press(str(1 + number % 4))  # the number key picks the option
        page.keyboard.press("Enter")  # next question
        page.keyboard.press("Tab")
        page.get_by_role("button", name="Bogen abschließen").focus()
        press(page, "Enter")
        assert f"Bogen {serial} erfasst" in page.locator("main").inner_text()

    page.get_by_label("Bogennummer").focus()
    page.keyboard.type(serials[3])
    press(page, "Enter")
    assert "bereits" in page.locator("#id_serial-error").inner_text()
    page.assert_accessible()

    page.goto("/de/umfrage-mobilitaet/ergebnisse/")
    assert page.locator('td[data-channel="paper"]').inner_text() == "10"
    page.assert_accessible()

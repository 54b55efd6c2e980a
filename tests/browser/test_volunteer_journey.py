"""A volunteer finds an opportunity, signs up for a shift and signs off again, keyboard only."""

import pytest

from tests.browser.helpers import press, sign_in_by_keyboard
from volunteering.models import Signup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_find_sign_up_and_sign_off_by_keyboard(browser_page):
    page = browser_page
    volunteer = sign_in_by_keyboard(page, "ehrenamt@example.org", "Ehrenamt-Lübeck-1", group=None)
    page.goto("/de/engagement/")
    page.assert_accessible()
    page.get_by_role("link", name="Digitale Sprechstunde in der Stadtbibliothek").focus()
    press(page, "Enter")
    page.assert_accessible()
    page.locator("main form button").first.focus()
    press(page, "Enter")
    assert "Sie sind eingetragen" in page.locator("main").inner_text()  # the demo organisation auto-confirms
    assert Signup.objects.get(volunteer=volunteer).status == "confirmed"
    page.get_by_role("link", name="Meine Anmeldungen").first.focus()
    press(page, "Enter")
    page.assert_accessible()
    page.get_by_role("button", name="Von „Digitale Sprechstunde in der Stadtbibliothek“ abmelden").focus()
    press(page, "Enter")
    assert "abgemeldet" in page.locator("main").inner_text()
    assert Signup.objects.get(volunteer=volunteer).status == "cancelled"

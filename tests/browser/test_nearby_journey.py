"""A volunteer searches engagements near a district of the region, keyboard only (issue 26)."""

import pytest

from core.models import District
from tests.browser.helpers import press

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_search_near_a_district_by_keyboard(browser_page):
    page = browser_page
    page.goto("/de/engagement/")
    page.get_by_label("Ausgangspunkt (Stadtteil)").focus()
    page.keyboard.type("Moisling")  # a native select: typing picks the district
    page.get_by_label("Entfernung").select_option(label="bis 5 km")
    page.get_by_role("button", name="Anzeigen").focus()
    press(page, "Enter")
    page.wait_for_url("**near=moisling*")
    cards = page.locator(".idea-list .kern-card")
    assert cards.first.inner_text().count("km entfernt") == 1
    assert "Lesepatin oder Lesepate in Moisling" in cards.first.inner_text()  # in Moisling itself: 0,0 km
    assert "das nächste zuerst" in page.locator("main [role=status]").inner_text()
    assert District.objects.get(slug="moisling").latitude is not None
    page.assert_accessible()

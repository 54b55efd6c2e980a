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


def test_profile_suggestions_with_reasons_sign_up_and_cancel_by_keyboard(browser_page):
    from django.utils import timezone

    from volunteering.models import Shift

    page = browser_page
    volunteer = sign_in_by_keyboard(page, "profil@example.org", "Ehrenamt-Lübeck-2", group=None)
    first = Shift.objects.filter(opportunity__slug="digitale-sprechstunde").order_by("starts_at").first()
    weekday = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"][
        timezone.localtime(first.starts_at).weekday()]
    page.get_by_role("link", name="Ehrenamt").first.focus()
    press(page, "Enter")
    page.get_by_role("link", name="Vorschläge für mich").focus()
    press(page, "Enter")  # no profile yet: the profile form comes first
    assert page.url.endswith("/de/engagement/mein-profil/")
    page.assert_accessible()
    for box in (page.get_by_role("group", name="Was möchten Sie tun?").get_by_label("Digitale Hilfe"),
                page.get_by_role("group", name=weekday).get_by_label("nachmittags"),
                page.get_by_label("Türkçe")):
        box.focus()
        page.keyboard.press("Space")
    page.get_by_label("Ihr Stadtteil").focus()
    page.keyboard.type("Innenstadt")  # a focused select jumps to the option typed
    page.get_by_role("button", name="Speichern und Vorschläge zeigen").focus()
    press(page, "Enter")
    page.assert_accessible()
    first_card = page.locator("main ol.suggestions > li").first
    reasons = first_card.locator("[data-reasons]").inner_text()
    assert "Digitale Hilfe" in reasons and "nachmittags" in reasons and "Stadtteil" in reasons
    first_card.get_by_role("button").focus()
    press(page, "Enter")
    assert "Sie sind eingetragen" in page.locator("main").inner_text()
    signup = Signup.objects.get(volunteer=volunteer)
    assert signup.status == "confirmed" and signup.shift.opportunity.slug == "digitale-sprechstunde"
    page.get_by_role("link", name="Meine Anmeldungen").first.focus()
    press(page, "Enter")
    page.get_by_role("button", name="Von „Digitale Sprechstunde in der Stadtbibliothek“ abmelden").focus()
    press(page, "Enter")
    signup.refresh_from_db()
    assert signup.status == "cancelled"

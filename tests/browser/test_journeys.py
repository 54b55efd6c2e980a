"""User journeys in real headless Chromium, each page checked with axe-core."""

import re

import pytest
from django.core import mail

# serialized_rollback: the flush between transactional tests would also remove the root page,
# locales and groups that migrations create.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.sqlite
def test_visitor_opens_home_page_and_switches_language(browser_page, demo_site):
    page = browser_page
    page.goto("/")
    assert page.url.endswith("/de/")
    assert page.locator("html").get_attribute("lang") == "de"
    assert "Mitgestalten in der Smart City Region Lübeck" in page.locator("h1").inner_text()
    page.assert_accessible()

    # Keyboard: the first Tab reaches the skip link, Enter moves focus into main.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Shape the Smart City Region Lübeck"
    page.assert_accessible()

    # The footer leads to the translated legal pages.
    page.get_by_role("link", name="Legal notice").click()
    page.wait_for_url("**/en/impressum/")
    page.assert_accessible()
    page.get_by_role("link", name="Deutsch").click()
    page.wait_for_url("**/de/impressum/")
    assert page.locator("h1").inner_text() == "Impressum"


def test_resident_signs_up_verifies_logs_in_and_out(browser_page, demo_site):
    page = browser_page
    page.goto("/de/")
    page.get_by_role("link", name="Registrieren").click()
    page.wait_for_url("**/de/konto/signup/")
    page.assert_accessible()

    # A mismatched password is reported next to the field, and the email stays filled in.
    page.get_by_label("E-Mail").fill("anna.schmidt@example.org")
    page.get_by_label("Passwort", exact=True).fill("Travemünde-2026!")
    page.get_by_label("Passwort (Wiederholung)").fill("etwas anderes")
    page.get_by_role("button", name="Registrieren").click()
    assert page.locator(".kern-error").count() >= 1
    assert page.get_by_label("E-Mail").input_value() == "anna.schmidt@example.org"
    page.assert_accessible()

    page.get_by_label("Passwort", exact=True).fill("Travemünde-2026!")
    page.get_by_label("Passwort (Wiederholung)").fill("Travemünde-2026!")
    page.locator("#id_consent").check()  # consent to the privacy notice, recorded with its version
    page.get_by_role("button", name="Registrieren").click()
    page.wait_for_url("**/konto/confirm-email/")
    page.assert_accessible()

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/konto/confirm-email/\S+/", mail.outbox[0].body).group(0)
    page.page.goto(link)
    page.assert_accessible()
    page.get_by_role("button", name="Bestätigen").click()

    page.wait_for_url("**/konto/login/")
    page.get_by_label("E-Mail").fill("anna.schmidt@example.org")
    page.get_by_label("Passwort").fill("Travemünde-2026!")
    page.get_by_role("button", name="Anmeldung").click()
    page.wait_for_url("**/de/konto/")
    assert page.locator("h1").inner_text() == "Mein Konto"
    assert "anna.schmidt@example.org" in page.locator("main").inner_text()
    page.assert_accessible()

    page.get_by_role("link", name="Abmelden").click()
    page.assert_accessible()
    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_url("**/de/")
    assert page.get_by_role("link", name="Anmelden").count() == 1

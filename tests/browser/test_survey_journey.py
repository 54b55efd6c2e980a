"""A multi-page survey in Chromium, keyboard only: an error, a condition, the end, and the results."""

import pytest
from django.contrib.auth.models import Group

from accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SURVEY = "/de/umfrage-mobilitaet/"


def press(page, key):
    with page.expect_navigation():
        page.keyboard.press(key)


def test_answer_a_survey_with_a_condition_and_an_error(browser_page, monkeypatch):
    monkeypatch.setattr("core.antispam.MIN_FILL_SECONDS", 0)  # a browser script answers in under 3 s
    page = browser_page
    page.goto(SURVEY)
    page.assert_accessible()
    page.get_by_role("button", name="Umfrage starten").focus()
    press(page, "Enter")
    assert "Seite 1, etwa 3" in page.locator("main").inner_text()  # the bicycle page may open
    page.assert_accessible()

    page.get_by_label("Fahrrad").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Weiter").focus()
    press(page, "Enter")  # the required scale question is still empty
    assert page.locator(".kern-error").count() == 1
    assert page.get_by_label("Fahrrad").is_checked()  # the answer given stays
    page.assert_accessible()

    page.get_by_label("4", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Weiter").focus()
    press(page, "Enter")
    assert page.locator("h1").inner_text() == "Radfahren"
    assert "Seite 2 von 3" in page.locator("main").inner_text()
    page.assert_accessible()
    page.get_by_label("Mehr Abstellplätze").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Weiter").focus()
    press(page, "Enter")
    page.get_by_label("Was möchten Sie uns noch sagen?").focus()
    page.keyboard.type("Mehr Fahrradbügel am Bahnhof, bitte.")
    page.get_by_role("button", name="Antworten absenden").focus()
    press(page, "Enter")
    assert "/danke/" in page.url
    page.assert_accessible()

    analyst = User.objects.create_user("analyse@luebeck.example", "Auswertung-2026!")
    analyst.groups.add(Group.objects.get(name="Auswertung"))
    page.goto("/de/konto/login/")
    page.get_by_label("E-Mail").focus()
    page.keyboard.type(analyst.email)
    page.get_by_label("Passwort").focus()
    page.keyboard.type("Auswertung-2026!")
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=analyst, email=analyst.email, verified=True, primary=True)
    press(page, "Enter")
    page.goto(SURVEY + "ergebnisse/")
    main = page.locator("main").inner_text()
    assert "1 Antwort" in main and "Mehr Fahrradbügel am Bahnhof, bitte." not in main  # texts are folded away
    page.assert_accessible()


def test_at_375_px_errors_fit_the_page_the_summary_leads_to_the_field_and_back_keeps_the_ticks(
        browser_page, monkeypatch):
    monkeypatch.setattr("core.antispam.MIN_FILL_SECONDS", 0)
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(SURVEY)
    page.get_by_role("button", name="Umfrage starten").click()
    assert "Seite 1, etwa 3" in page.locator("main").inner_text()  # "Fahrrad" would open a page
    page.get_by_label("Fahrrad").check()
    page.get_by_role("button", name="Weiter").click()
    page.wait_for_load_state()

    # The failed submit: the focus is on the summary, which names the field and leads to it.
    assert page.evaluate("document.activeElement.id") == "form-errors"
    link = page.locator("#form-errors a")
    assert link.count() == 1 and link.inner_text().startswith("Wie zufrieden sind Sie")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.type") == "radio"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # nothing scrolls sideways
    error = page.locator("main .kern-error").first.bounding_box()
    assert error["width"] > 250 and error["height"] < 80  # a line or two, not one word a line
    page.assert_accessible()

    page.get_by_label("4", exact=True).check()
    page.get_by_role("button", name="Weiter").click()
    assert "Seite 2 von 3" in page.locator("main").inner_text()
    page.get_by_label("Mehr Abstellplätze").check()
    page.get_by_role("button", name="Zurück").click()
    assert page.get_by_label("Fahrrad").is_checked() and page.get_by_label("4", exact=True).is_checked()
    page.get_by_role("button", name="Weiter").click()
    assert page.get_by_label("Mehr Abstellplätze").is_checked()  # what was ticked before going back stays

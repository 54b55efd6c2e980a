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
    assert "Seite 1 von 2" in page.locator("main").inner_text()  # the bicycle page is not shown yet
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

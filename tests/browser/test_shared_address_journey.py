"""A Bürgerbüro's public computer in Chromium: many people send ideas from one address. A new person still sends
her first one; when the address's own limit is reached, the next person sees a message of its own (not among
the form's errors) with the phone number and address to use instead, and keeps what she typed."""

import re

import pytest
from django.test import Client

from core.antispam import form_started_token
from participation.ideas.models import Idea, IdeaCategory
from tests.browser.helpers import press

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PROCESS = "/de/ideen-digitale-beteiligung/"
PHONE, EMAIL = "0451 122-4242", "buergerbuero@luebeck.example"


def fill_in_idea(page, title, email):
    page.goto(PROCESS + "idee/neu/")
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Beschreibung").fill("Eine Idee, geschrieben am Computer im Bürgerbüro.")
    page.get_by_label("Kategorie").select_option(label="Gesundheit")
    page.get_by_label("E-Mail-Adresse für Neuigkeiten").fill(email)
    page.get_by_label(re.compile("Datenschutzhinweise")).check()
    page.get_by_role("button", name="Idee senden").focus()
    press(page, "Enter")


def test_a_person_at_a_shared_address_sends_her_idea_or_learns_whom_to_call(browser_page, settings, monkeypatch):
    monkeypatch.setattr("core.antispam.MIN_FILL_SECONDS", 0)
    settings.PARTICIPATION_CONTACT_PHONE, settings.PARTICIPATION_CONTACT_EMAIL = PHONE, EMAIL
    category = IdeaCategory.objects.get(name="Gesundheit").pk
    # Earlier this hour twelve other people sent ideas from the same computer (the browser's address too).
    for number in range(12):
        Client(REMOTE_ADDR="127.0.0.1").post(PROCESS + "idee/neu/", {
            "title": f"Idee Nummer {number}", "description": "Text", "category": category, "location_text": "",
            "contact_email": f"person{number}@example.org", "consent": "on", "form_started": form_started_token()})

    page = browser_page
    fill_in_idea(page, "Sitzbank vor dem Bürgerbüro", "neu.hier@example.org")
    assert "/quittung/" in page.url, page.locator("main").inner_text()[:1500]
    assert Idea.objects.filter(title="Sitzbank vor dem Bürgerbüro").exists()
    assert Idea.objects.filter(title__startswith="Idee Nummer ").count() == 12

    # The address's own limit is reached: the next person is told so, and whom to call.
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "idea": {**settings.RATE_LIMITS["idea"], "address": "13/h"}}
    fill_in_idea(page, "Trinkbrunnen am Markt", "auch.neu@example.org")
    block = page.locator("#rate-limited")
    assert block.is_visible()
    assert page.locator("#form-errors").count() == 0  # not under "Bitte korrigieren Sie die markierten Felder"
    assert "Aus Ihrem Netz kamen in letzter Zeit viele Beiträge" in block.inner_text()
    assert block.get_by_role("link", name=PHONE).get_attribute("href") == "tel:04511224242"
    assert block.get_by_role("link", name=EMAIL).get_attribute("href") == f"mailto:{EMAIL}"
    assert page.get_by_label("Titel").input_value() == "Trinkbrunnen am Markt"
    assert not Idea.objects.filter(title="Trinkbrunnen am Markt").exists()
    page.assert_accessible()

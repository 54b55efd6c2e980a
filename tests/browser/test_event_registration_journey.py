"""An event in Chromium, keyboard only, on a phone-sized screen: a guest finds a step-free event in Moisling in
the event calendar, registers with a request for a sign language interpreter, confirms with the link from her mail
and finds her receipt number and "registered"; every page passes axe, at 375 px and on a desktop."""

import re

import pytest
from django.core import mail

from core.models import District
from participation.ideas.models import ParticipationProcessPage
from tests.participation.events.conftest import add_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def type_into(page, label, text):
    page.get_by_label(label, exact=True).focus()
    page.keyboard.type(text)


def tick(page, label):
    page.get_by_label(label).focus()
    page.keyboard.press("Space")


def test_a_guest_registers_with_a_dgs_request_and_confirms_by_mail(browser_page, monkeypatch):
    monkeypatch.setattr("core.antispam.MIN_FILL_SECONDS", 0)  # a browser script answers in under 3 s
    process = ParticipationProcessPage.objects.get(slug="ideen-digitale-beteiligung", locale__language_code="de")
    moisling = District.objects.get(slug="moisling")
    add_event(process, "Werkstatt Moisling", "werkstatt-moisling", district=moisling, step_free=True)
    add_event(process, "Treffen Moisling mit Treppe", "treppe-moisling", district=moisling)
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/de/termine/")
    page.assert_accessible()
    page.get_by_label("Stadtteil").focus()
    page.get_by_label("Stadtteil").select_option(label="Moisling")
    tick(page, "Stufenloser Zugang")
    page.get_by_role("button", name="Anzeigen").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    found = page.locator(".event-card h2 a").all_inner_texts()
    assert "Werkstatt Moisling" in found and "Treffen Moisling mit Treppe" not in found
    page.assert_accessible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("link", name="Werkstatt Moisling", exact=True).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Stufenloser Zugang" in page.locator("main").inner_text()
    page.assert_accessible()

    type_into(page, "Ihr Name", "Gül Yılmaz")
    type_into(page, "Ihre E-Mail-Adresse", "guel@example.org")
    tick(page, "Gebärdensprachdolmetschung (DGS)")
    tick(page, re.compile("Datenschutzhinweise"))
    page.get_by_role("button", name="Zur Veranstaltung anmelden").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "guel@example.org" in page.locator(".messages").inner_text()
    page.set_viewport_size({"width": 375, "height": 800})
    page.assert_accessible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # nothing scrolls sideways

    link = re.search(r"https?://[^/\s]+(/\S+anmeldung/AN-\S+)", mail.outbox[-1].body).group(1)
    page.goto(link)
    page.get_by_role("button", name="Anmeldung bestätigen").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.fullmatch(r"AN-\d{4}-\d{4}", page.locator(".receipt-number").inner_text())
    assert page.locator(".registration-status").inner_text() == "Angemeldet"
    assert "Gebärdensprachdolmetschung" in page.locator(".registration-requests").inner_text()
    page.assert_accessible()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.assert_accessible()

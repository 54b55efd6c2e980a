"""What issue 24's staff and follow-up points look like in Chromium: the editor's tools for a page in sight, a
moderator writing to everyone who asked for news, the retention rules in the admin, a respondent asking for news
on the thank-you page and a resident finding her ideas on her account page (points 16 and 18)."""

import re

import pytest
from django.core import mail
from django.utils import timezone

from accounts.roles import EDITORS
from participation.ideas.models import Idea, IdeaCategory, ParticipationProcessPage
from participation.surveys.models import SurveyPage, SurveyResponse
from tests.browser.helpers import sign_in_by_keyboard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_respondent_asks_for_news_and_a_moderator_writes_to_her(browser_page):
    page = browser_page
    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    response = SurveyResponse.objects.create(survey=survey, answers={}, submitted_at=timezone.now(), language="de")
    page.goto(f"{survey.url}danke/{response.token.hex}/")
    page.get_by_label("Ihre E-Mail-Adresse").fill("karin@example.org")
    page.get_by_label(re.compile("Ja, schreiben Sie mir")).check()
    page.get_by_role("button", name="Schreiben Sie mir zu den Ergebnissen").click()
    assert "Wir schreiben an karin@example.org" in page.locator("main").inner_text()
    page.assert_accessible()

    # Moderators may not open the page editor: the admin menu leads them to every idea call and survey.
    sign_in_by_keyboard(page, "mo@luebeck.example", "Moderation-Lübeck-2026", group="Moderation")
    page.goto("/admin/")
    page.get_by_role("link", name="An Teilnehmende schreiben").first.click()
    page.locator("main").get_by_role("link", name=survey.title).click()
    assert "1 Person" in page.locator("main").inner_text()
    page.get_by_label("Betreff").fill("Erste Ergebnisse")
    page.get_by_label("Nachricht").fill("Die ersten Ergebnisse der Umfrage sind online.")
    page.get_by_role("button", name="Senden").click()
    page.wait_for_load_state()
    assert "Ihre Nachricht geht an 1 Personen." in page.content()
    assert [m.to for m in mail.outbox if m.subject == "Erste Ergebnisse"] == [["karin@example.org"]]

    page.goto("/admin/retention/")
    assert "Aufbewahrungsfristen" in page.locator("main").inner_text()
    assert page.locator("main table tbody tr").count() >= 6


def test_an_editor_sees_print_tools_and_german_block_names(browser_page):
    page = browser_page
    sign_in_by_keyboard(page, "ed@luebeck.example", "Redaktion-Lübeck-2026", group=EDITORS)
    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    page.goto(f"/admin/pages/{survey.pk}/edit/")
    tools = page.locator(".page-actions")
    assert tools.is_visible()  # in sight at the top of the editor, not hidden in the "…" menu
    for name in ("Papierbogen (PDF)", "Zugangscodes", "Ergebnisse"):
        assert tools.get_by_role("link", name=re.compile(re.escape(name))).count() >= 1, name
    about = ParticipationProcessPage.objects.get(slug="ideen-digitale-beteiligung", locale__language_code="de")
    page.goto(f"/admin/pages/{about.get_parent().pk}/edit/")
    page.get_by_role("button", name=re.compile("Block einfügen|Einfügen")).first.click()
    chooser = page.locator("body").inner_text()
    assert "Aufruf mit Schaltfläche" in chooser and "Call to action" not in chooser


def test_a_resident_finds_her_ideas_on_her_account_page(browser_page):
    page = browser_page
    resident = sign_in_by_keyboard(page, "pia@example.org", "Pia-Lübeck-2026", group=None)
    process = ParticipationProcessPage.objects.get(slug="ideen-digitale-beteiligung", locale__language_code="de")
    now = timezone.now()
    idea = Idea.objects.create(process=process, title="Trinkbrunnen am Koberg", description="…", author=resident,
                               category=IdeaCategory.objects.first(), consent_at=now, confirmed_at=now)
    page.goto("/de/konto/")
    section = page.locator("main")
    assert "Ihre Ideen und Kommentare" in section.inner_text()
    section.get_by_role("link", name="Trinkbrunnen am Koberg").click()
    assert idea.reference in page.url

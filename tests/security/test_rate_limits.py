"""One rate limiter for every public form (core.ratelimit with settings.RATE_LIMITS): ideas, comments, guest
supports, surveys, email surveys, barrier reports and the receipt lookup each refuse past their setting, with
HTTP 429 and a message of its own that says whom to contact."""

import datetime
import itertools

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from participation.ideas.models import Idea, Phase
from participation.surveys.models import SurveyPage, SurveyResponse
from tests.participation.conftest import (  # noqa: F401 - fixtures
    PROCESS_URL,
    _old_enough_forms,
    idea_data,
    process,
    resident,
    set_phase,
)

pytestmark = pytest.mark.django_db
PHONE = "0451 122-4242"
counter = itertools.count()


def idea(client, ideas, person):
    return client.post(PROCESS_URL + "idee/neu/", idea_data(title=f"Idee {next(counter)}",
                                                           contact_email="gast@example.org"))


def comment(client, ideas, person):
    from core.antispam import form_started_token

    client.force_login(person)
    target = Idea.objects.public().filter(process=ideas).first()
    return client.post(f"{PROCESS_URL}idee/{target.reference}/kommentar/", {
        "text": f"Gute Idee, Nummer {next(counter)}.", "form_started": form_started_token(), "website": ""})


def survey(client, ideas, person):
    return client.post("/de/umfrage-mobilitaet/")


def email_survey(client, ideas, person):
    page = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    if page.audience != SurveyPage.Audience.EMAIL:
        page.audience = SurveyPage.Audience.EMAIL
        page.save_revision().publish()
    return client.post(page.url, {"email": f"teilnehmerin{next(counter)}@example.org"})


def barrier_report(client, ideas, person):
    return client.post("/de/barriere-melden/", {
        "page": "/de/", "kind": "barrier", "description": "Der Kontrast der Knöpfe ist zu schwach.",
        "email": f"melderin{next(counter)}@example.org", "website": ""})


def receipt_lookup(client, ideas, person):
    reference = Idea.objects.filter(process=ideas).first().reference
    return client.get("/de/vorgang/", {"reference": f"{reference}-AAAA"})


@pytest.mark.parametrize(("action", "send"), [
    ("idea", idea), ("comment", comment), ("survey", survey), ("survey_email", email_survey),
    ("barrier_report", barrier_report), ("receipt_lookup", receipt_lookup),
])
def test_every_public_form_counts_against_its_setting_and_refuses_with_a_message_of_its_own(
        settings, process, resident, action, send,  # noqa: F811
):
    settings.RATE_LIMITS = {**getattr(settings, "RATE_LIMITS", {}), action: {"address": "2/h"}}
    settings.PARTICIPATION_CONTACT_PHONE = PHONE
    cache.clear()
    client = Client()
    assert [send(client, process, resident).status_code for _attempt in range(2)] != [429, 429]
    refused = send(client, process, resident)
    assert refused.status_code == 429, refused.content.decode()[:2000]
    page = BeautifulSoup(refused.content, "html.parser")
    block = page.select_one("#rate-limited")
    assert block is not None and not block.find_parent(id="form-errors")
    assert "Aus Ihrem Netz kamen" in block.get_text()
    if action != "barrier_report":  # that one names the accessibility statement's contact
        assert PHONE in block.get_text()


def test_guest_supports_count_against_their_setting_and_send_no_more_mails(settings, process):  # noqa: F811
    set_phase(process, Phase.Kind.SUPPORT)
    settings.RATE_LIMITS = {**getattr(settings, "RATE_LIMITS", {}), "support": {"email": "2/h", "address": "60/h"}}
    settings.PARTICIPATION_CONTACT_PHONE = PHONE
    cache.clear()
    ideas = list(Idea.objects.public().filter(process=process)[:3])
    client = Client()
    for target in ideas[:2]:
        client.post(f"{PROCESS_URL}idee/{target.reference}/unterstuetzen/", {"email": "fan@example.org"})
    sent = len(mail.outbox)
    refused = client.post(f"{PROCESS_URL}idee/{ideas[2].reference}/unterstuetzen/", {"email": "fan@example.org"},
                          follow=True)
    assert len(mail.outbox) == sent
    assert "Sie haben in kurzer Zeit viele Beiträge gesendet" in refused.content.decode()
    assert PHONE in refused.content.decode()


@pytest.fixture
def three_pages(demo_site):
    """An "anyone" survey of three pages with one optional question each."""
    from wagtail.models import Site

    now = timezone.now()
    page = SurveyPage(title="Drei Seiten", slug="drei-seiten", opens_at=now - datetime.timedelta(days=1),
                      closes_at=now + datetime.timedelta(days=1), audience=SurveyPage.Audience.ANYONE, questions=[
        ("section", {"title": f"Seite {number}", "intro": "", "show_if_question": "", "show_if_answer": "",
                     "questions": [("yesno", {"text": f"Frage {number}", "key": "", "help_text": "", "required": False,
                                              "show_if_question": "", "show_if_answer": ""})]})
        for number in (1, 2, 3)])
    Site.objects.get(is_default_site=True).root_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_script_filling_an_anyone_survey_meets_the_honeypot_the_limit_and_the_fill_time(
        settings, monkeypatch, three_pages):
    page = three_pages
    cache.clear()
    Client().post(page.url, {"website": "http://spam.example"})
    assert not SurveyResponse.objects.filter(survey=page).exists()

    settings.RATE_LIMITS = {**getattr(settings, "RATE_LIMITS", {}), "survey": {"address": "3/h"}}
    started = [Client().post(page.url).status_code for _attempt in range(5)]  # each run of the script: no cookies
    assert started == [302, 302, 302, 429, 429]
    assert SurveyResponse.objects.filter(survey=page).count() == 3

    # Answering page by page is not counted: a person gets through every page with the limit used up.
    person = Client()
    cache.clear()
    url = person.post(page.url)["Location"]
    settings.RATE_LIMITS = {**getattr(settings, "RATE_LIMITS", {}), "survey": {"address": "0/h"}}
    monkeypatch.setattr("core.antispam.MIN_FILL_SECONDS", 60)
    refused = person.post(url, {"website": "http://spam.example"})  # every page has the honeypot
    assert refused.status_code == 400 and "nicht gespeichert werden" in refused.content.decode()
    for step in (1, 2):
        response = person.post(url, {})
        assert response.status_code == 302 and response["Location"].endswith(f"/{step + 1}/")
        url = response["Location"]
    # ... until the last page, sent within a minute of the start: that was a script's speed.
    response = person.post(url, {})
    assert response.status_code == 400 and "sehr schnell" in response.content.decode()
    assert not SurveyResponse.objects.filter(survey=page, submitted_at__isnull=False).exists()
    monkeypatch.setattr("core.antispam.MIN_FILL_SECONDS", 0)
    assert "/danke/" in person.post(url, {})["Location"]

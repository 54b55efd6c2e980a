"""The benchmark and load-test tools do what their figures claim: the load test's visitors fill the real forms
so that the site accepts them (else "nothing lost" would count nothing), and the site's frame read from the
cache changes as soon as editors publish."""

import re

import pytest
from django.test import Client

from participation.ideas.models import Idea
from participation.surveys.models import SurveyPage, SurveyResponse
from tests.participation.conftest import PROCESS_URL
from tooling.bench.forms import fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_fill_delay(monkeypatch):
    # The forms refuse entries sent within 3 seconds; the load test's visitors wait, the suite does not.
    monkeypatch.setattr("core.antispam.MIN_FILL_SECONDS", 0)


def test_a_load_test_visitor_fills_the_idea_form_and_the_idea_is_stored(demo_site, no_fill_delay):
    client = Client(HTTP_X_FORWARDED_FOR="10.0.0.7")
    url = PROCESS_URL + "idee/neu/"
    action, data = fill(client.get(url).content.decode(), "L1-abc", "besucher1@example.org")
    reply = client.post(url, data)
    assert reply.status_code == 302 and "/quittung/" in reply["Location"]
    reference = re.search(r"(ID-\d{4}-\d+)", reply["Location"]).group(1)
    idea = Idea.objects.get(reference=reference)
    assert "L1-abc" in idea.title and idea.contact_email == "besucher1@example.org"


def test_a_load_test_visitor_answers_the_demo_survey_to_the_end(demo_site, no_fill_delay):
    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    client = Client()
    _action, data = fill(client.get(survey.url).content.decode(), "", "besucher2@example.org")
    reply = client.post(survey.url, data)
    steps = 0
    while reply.status_code == 302 and "/danke/" not in reply["Location"] and steps < 12:
        location = reply["Location"]
        _action, data = fill(client.get(location).content.decode(), "S2", "besucher2@example.org")
        reply = client.post(location, data)
        steps += 1
    assert reply.status_code == 302 and "/danke/" in reply["Location"], reply.content.decode()[:3000]
    token = re.search(r"/danke/([0-9a-f]{32})/", reply["Location"]).group(1)
    assert SurveyResponse.objects.get(token=token).submitted_at is not None


def test_the_menu_from_the_cache_shows_a_new_page_at_once(demo_site, client, django_user_model,
                                                          django_capture_on_commit_callbacks):
    from wagtail.models import Page

    from core.models import StandardPage

    # Signed in, so the page itself is never served from the page cache: only the frame's data is.
    client.force_login(django_user_model.objects.create_user("leser@example.org", "Ein-Langes-Passwort-1"))
    assert "Stadtteilfeste" not in client.get("/de/digitalblog/").content.decode()
    home = Page.objects.get(depth=2, locale__language_code="de").specific
    page = StandardPage(title="Stadtteilfeste", slug="stadtteilfeste", show_in_menus=True)
    with django_capture_on_commit_callbacks(execute=True):  # the cached frame follows what is committed
        home.add_child(instance=page)
        page.save_revision().publish()
    menu = client.get("/de/digitalblog/").content.decode()
    assert re.search(r'<nav class="main-nav".*?Stadtteilfeste.*?</nav>', menu, re.S)
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert "Stadtteilfeste" not in client.get("/de/digitalblog/").content.decode()


def test_a_private_page_stays_private_when_its_route_comes_from_the_cache(demo_site, client,
                                                                          django_capture_on_commit_callbacks):
    from wagtail.models import Page, PageViewRestriction

    from core.models import StandardPage

    home = Page.objects.get(depth=2, locale__language_code="de").specific
    page = StandardPage(title="Interne Notizen", slug="interne-notizen")
    home.add_child(instance=page)
    page.save_revision().publish()
    for _attempt in range(2):  # the second one is routed from the cache
        assert "Interne Notizen" in client.get("/de/interne-notizen/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the cached route follows what is committed
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD,
                                                         password="geheim-2026")
    for _attempt in range(2):  # the first request after the change and one from the cache again
        html = client.get("/de/interne-notizen/").content.decode()
        assert 'name="password"' in html and "Interne Notizen" not in html, html
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert "Interne Notizen" in client.get("/de/interne-notizen/").content.decode()

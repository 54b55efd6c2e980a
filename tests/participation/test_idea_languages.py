"""One idea call in every language (issue 24, point 11): its translations answer under every language's address,
take ideas for the German page and list the same ideas; the phases and categories are the German page's; the
language switcher on an idea leads to the same idea in the other language."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import timezone

from blog.models import BlogPage
from participation.ideas.models import Idea, Phase
from participation.ideas.moderation import publish
from participation.surveys.models import SurveyPage
from tests.participation.conftest import PROCESS_URL, idea_data

pytestmark = pytest.mark.django_db

OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "de"]
SLUGS = ["ideen-digitale-beteiligung", "impressum", "datenschutz", "barrierefreiheit"]


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_the_idea_call_survey_and_legal_pages_exist_in_every_language(client, demo_site, language):
    for slug in SLUGS:
        response = client.get(f"/{language}/{slug}/")
        assert response.status_code == 200, (language, slug)
        assert f'lang="{language}"' in response.content.decode()[:300]
    german_survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    translated = german_survey.get_translations().filter(locale__language_code=language).live().first()
    assert translated is not None and client.get(translated.url).status_code == 200


def test_every_german_post_has_its_english_version(demo_site):
    german = BlogPage.objects.live().filter(locale__language_code="de")
    english = BlogPage.objects.live().filter(locale__language_code="en")
    assert set(english.values_list("translation_key", flat=True)) == set(german.values_list("translation_key",
                                                                                            flat=True))


def test_an_idea_sent_in_turkish_belongs_to_the_german_call_and_shows_in_every_language(client, process, resident,
                                                                                       moderator):
    client.force_login(resident)
    response = client.post("/tr/ideen-digitale-beteiligung/idee/neu/", idea_data(title="Bank am Kanal"))
    idea = Idea.objects.get(title="Bank am Kanal")
    assert response.status_code == 302 and response["Location"].startswith("/tr/ideen-digitale-beteiligung/idee/")
    assert idea.process_id == process.pk and idea.language == "tr"
    publish(idea, moderator)
    client.logout()
    for language in ["de", *OTHER_LANGUAGES]:
        page = client.get(f"/{language}/ideen-digitale-beteiligung/").content.decode()
        assert "Bank am Kanal" in page, language
        assert client.get(f"/{language}/ideen-digitale-beteiligung/idee/{idea.reference}/").status_code == 200


def test_the_language_switcher_on_an_idea_leads_to_the_same_idea(client, process):
    idea = Idea.objects.filter(process=process, published=True).first()
    page = BeautifulSoup(client.get(f"{PROCESS_URL}idee/{idea.reference}/").content, "html.parser")
    links = {a["hreflang"]: a["href"] for a in page.select(".language-switcher a")}
    assert set(links) == set(OTHER_LANGUAGES)
    for language, href in links.items():
        assert href == f"/{language}/ideen-digitale-beteiligung/idee/{idea.reference}/", href
        assert idea.title in client.get(href).content.decode()


def test_a_translation_follows_the_german_phases(client, process, resident):
    """The German page closes the collection: the Turkish page takes no more ideas, though its own copy of the
    phases still says open."""
    Phase.objects.filter(process=process, kind=Phase.Kind.COLLECT).update(
        ends_at=timezone.now() - datetime.timedelta(days=1))
    client.force_login(resident)
    client.post("/tr/ideen-digitale-beteiligung/idee/neu/", idea_data(title="Zu spät"))
    assert not Idea.objects.filter(title="Zu spät").exists()

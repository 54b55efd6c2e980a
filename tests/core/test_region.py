"""The region portal (issue 26): every municipality's open participation and events in one place, filtered by
municipality and district, each entry linking to its own site."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Site

from core import municipalities
from participation.surveys.models import SurveyPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def wismar_survey(demo_site):
    town = municipalities.create("Hansestadt Wismar", "wismar.localhost", slug="wismar", kind="partner")
    now = timezone.now()
    survey = SurveyPage(title="Umfrage Alter Hafen", slug="umfrage-alter-hafen", audience=SurveyPage.Audience.ANYONE,
                        opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=20),
                        questions=[("section", {"title": "Teil 1", "intro": "", "show_if_question": "",
                                                "show_if_answer": "", "questions": []})])
    town.site.root_page.add_child(instance=survey)
    survey.save_revision().publish()
    return town


def titles(html):
    soup = BeautifulSoup(html, "html.parser")
    return {a.get_text(strip=True): a["href"] for a in soup.select("#region-results h3 a")}


def test_the_portal_lists_every_municipality_and_links_each_entry_to_its_own_site(client, wismar_survey):
    html = client.get("/de/region/").content.decode()
    found = titles(html)
    assert found["Umfrage Alter Hafen"] == "http://wismar.localhost/de/umfrage-alter-hafen/"
    assert "Ideen für die Digitale Beteiligung" in found  # Lübeck's call for ideas
    assert "Bürgerwerkstatt Moisling" in " ".join(found)  # and Lübeck's events
    assert "Hansestadt Wismar" in html and "Hansestadt Lübeck" in BeautifulSoup(html, "html.parser").select_one(
        "#region-kommune").get_text()
    assert 'href="/de/region/"' in client.get("/de/").content.decode()  # the menu leads there from every page
    # The same portal on Wismar's own host.
    assert "Ideen für die Digitale Beteiligung" in titles(client.get("/de/region/", HTTP_HOST="wismar.localhost")
                                                          .content.decode())


def test_the_portal_filters_by_municipality_and_district(client, wismar_survey):
    wismar = Site.objects.get(hostname="wismar.localhost")
    only_wismar = titles(client.get("/de/region/", {"kommune": wismar.pk}).content.decode())
    assert set(only_wismar) == {"Umfrage Alter Hafen"}
    lubeck = Site.objects.get(is_default_site=True)
    moisling = titles(client.get("/de/region/", {"kommune": lubeck.pk, "bezirk": "moisling"}).content.decode())
    events = {title for title in moisling if "Moisling" in title or "Innenstadt" in title}
    assert events and all("Moisling" in title for title in events)
    refused = client.get("/de/region/", {"kommune": "999999"})
    assert refused.status_code == 200 and "Umfrage Alter Hafen" in titles(refused.content.decode())


def test_search_finds_the_municipalitys_own_pages_and_the_whole_region_on_request(client, wismar_survey):
    def found(host, **extra):
        html = client.get("/de/suche/", {"q": "Umfrage", **extra}, HTTP_HOST=host).content.decode()
        return {a.get_text(strip=True) for a in BeautifulSoup(html, "html.parser").select(".search-results h3 a")}

    at_wismar = found("wismar.localhost")
    assert "Umfrage Alter Hafen" in at_wismar and not any("Lübeck" in title for title in at_wismar)
    at_lubeck = found("testserver")
    assert "Umfrage Alter Hafen" not in at_lubeck and any("Lübeck" in title for title in at_lubeck)
    everywhere = found("wismar.localhost", region="1")
    assert "Umfrage Alter Hafen" in everywhere and any("Lübeck" in title for title in everywhere)
    form = client.get("/de/suche/", HTTP_HOST="wismar.localhost").content.decode()
    assert '<label class="kern-label" for="search-region">' in form


def test_one_account_signs_in_at_every_municipalitys_site(client, wismar_survey, django_user_model):
    from allauth.account.models import EmailAddress

    rita = django_user_model.objects.create_user("rita@example.org", "Ein-Konto-fuer-alle-2026")
    EmailAddress.objects.create(user=rita, email=rita.email, verified=True, primary=True)  # made in Lübeck
    response = client.post("/de/konto/login/", {"login": "rita@example.org", "password": "Ein-Konto-fuer-alle-2026"},
                           HTTP_HOST="wismar.localhost")
    assert response.status_code == 302 and "/login" not in response["Location"], response["Location"]
    assert client.get("/de/konto/", HTTP_HOST="wismar.localhost").status_code == 200

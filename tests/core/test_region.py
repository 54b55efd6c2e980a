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


@pytest.fixture
def wismar_engagements(wismar_survey):
    """Wismar's organisation with an opportunity that has a date to come, one whose dates are all past (not open)
    and one of an organisation not verified yet (not public)."""
    from volunteering.models import Opportunity, Organisation, Shift

    site = wismar_survey.site
    verified = Organisation.objects.create(name="Hafenlotsen Wismar", slug="hafenlotsen", site=site,
                                           contact_email="lotsen@wismar.example", verified_at=timezone.now())
    waiting = Organisation.objects.create(name="Noch nicht geprüft", slug="ungeprueft", site=site,
                                          contact_email="neu@wismar.example")
    soon = timezone.now() + datetime.timedelta(days=5)
    for organisation, slug, title, start in [(verified, "gaeste-begruessen", "Gäste am Hafen begrüßen", soon),
                                             (verified, "vorbei", "Längst vorbei", soon - datetime.timedelta(days=30)),
                                             (waiting, "ungeprueft-helfen", "Ungeprüft helfen", soon)]:
        opportunity = Opportunity.objects.create(organisation=organisation, slug=slug, title=title, description="x",
                                                 published=True)
        Shift.objects.create(opportunity=opportunity, starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    return wismar_survey


def engagements(html):
    soup = BeautifulSoup(html, "html.parser")
    return {card.h3.get_text(strip=True): (card.h3.a["href"], card.p.get_text(" ", strip=True))
            for card in soup.select("#region-volunteering ~ ul .kern-card")}


def test_the_portal_lists_open_engagements_of_every_municipality_with_its_name(client, wismar_engagements):
    found = engagements(client.get("/de/region/").content.decode())
    href, line = found["Gäste am Hafen begrüßen"]
    assert href == "http://wismar.localhost/de/engagement/gaeste-begruessen/" and "Hansestadt Wismar" in line
    href, line = found["Digitale Sprechstunde in der Stadtbibliothek"]  # Lübeck's, on Lübeck's own host: a path
    assert href == "/de/engagement/digitale-sprechstunde/" and "Hansestadt Lübeck" in line
    assert "Lesepatin oder Lesepate in Moisling" in found  # long-term: open without dates
    assert "Längst vorbei" not in found and "Ungeprüft helfen" not in found
    # On Wismar's host, Lübeck's engagement links to Lübeck's site.
    on_wismar = engagements(client.get("/de/region/", HTTP_HOST="wismar.localhost").content.decode())
    lubecks = on_wismar["Digitale Sprechstunde in der Stadtbibliothek"][0]
    assert lubecks.startswith("http://") and lubecks.endswith("/de/engagement/digitale-sprechstunde/")
    assert on_wismar["Gäste am Hafen begrüßen"][0] == "/de/engagement/gaeste-begruessen/"


def test_the_portals_filters_apply_to_engagements(client, wismar_engagements):
    wismar = Site.objects.get(hostname="wismar.localhost")
    assert set(engagements(client.get("/de/region/", {"kommune": wismar.pk}).content.decode())) == {
        "Gäste am Hafen begrüßen"}
    lubeck = Site.objects.get(is_default_site=True)
    moisling = engagements(client.get("/de/region/", {"kommune": lubeck.pk, "bezirk": "moisling"}).content.decode())
    assert set(moisling) == {"Lesepatin oder Lesepate in Moisling"}


def test_the_portal_costs_the_same_queries_for_1_or_12_engagements(client, wismar_engagements):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from volunteering.models import Opportunity, Organisation

    organisation = Organisation.objects.get(slug="hafenlotsen")

    def count():
        client.get("/de/region/")
        with CaptureQueriesContext(connection) as captured:
            html = client.get("/de/region/").content.decode()
        return len(captured), len(engagements(html))

    small, shown = count()
    for n in range(11):
        Opportunity.objects.create(organisation=organisation, slug=f"dauerhaft-{n}", title=f"Dauerhaft {n}",
                                   description="x", published=True, kind=Opportunity.Kind.LONG_TERM)
    large, shown_now = count()
    assert shown_now == shown + 11 and large == small


def test_each_municipalitys_event_calendar_and_feed_show_its_own_events(client, wismar_survey):
    lubeck = client.get("/de/termine/").content.decode()
    assert "Bürgerwerkstatt Moisling" in lubeck
    wismar = client.get("/de/termine/", HTTP_HOST="wismar.localhost")
    assert wismar.status_code == 200 and "Bürgerwerkstatt Moisling" not in wismar.content.decode()
    assert "Bürgerwerkstatt Moisling" not in client.get("/de/termine/kalender.ics",
                                                        HTTP_HOST="wismar.localhost").content.decode()
    assert "Bürgerwerkstatt Moisling" in client.get("/de/termine/kalender.ics").content.decode()
    # The region portal still lists it for Wismar's visitors.
    assert "Bürgerwerkstatt Moisling" in client.get("/de/region/", HTTP_HOST="wismar.localhost").content.decode()

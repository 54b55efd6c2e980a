"""Engagements near a place across the region (issue 26): a district of any municipality as the starting point and
a radius; the list keeps what lies within it, nearest first, with the distance in km."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import municipalities
from core.models import District
from volunteering.models import Opportunity, Organisation, Shift

pytestmark = pytest.mark.django_db
LIST = "/de/engagement/"


@pytest.fixture
def schwartau(demo_site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    site = municipalities.create("Bad Schwartau", "bad-schwartau.localhost", slug="bad-schwartau").site
    centre = District.objects.create(name="Bad Schwartau-Mitte", slug="bad-schwartau-mitte", site=site,
                                     latitude=53.9188, longitude=10.6990)
    wismar = municipalities.create("Hansestadt Wismar", "wismar.localhost", slug="wismar").site
    harbour = District.objects.create(name="Altstadt (Wismar)", slug="wismar-altstadt", site=wismar,
                                      latitude=53.8915, longitude=11.4655)
    for town, district, slug, title in [(site, centre, "kurpark", "Führungen im Kurpark"),
                                        (wismar, harbour, "hafen", "Gäste am Hafen begrüßen")]:
        # The organisation has the district; the opportunity none: its place is the organisation's.
        organisation = Organisation.objects.create(name=f"Verein {title}", slug=f"verein-{slug}", site=town,
                                                   contact_email=f"{slug}@example.org", verified_at=timezone.now(),
                                                   district=district)
        add(organisation, slug, title)
    return Organisation.objects.get(slug="verein-kurpark")


def add(organisation, slug, title, district=None):
    opportunity = Opportunity.objects.create(organisation=organisation, slug=slug, title=title, description="x",
                                             published=True, district=district)
    start = timezone.now() + datetime.timedelta(days=3)
    Shift.objects.create(opportunity=opportunity, starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    return opportunity


def results(client, **params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    cards = soup.select(".idea-list .kern-card")
    return [(card.h2.get_text(strip=True), re.search(r"(\d+,\d) km", card.get_text()).group(1)) for card in cards]


def test_nearest_first_with_the_distance_and_within_the_radius(client, schwartau):
    # From Bad Schwartau: its own engagement (0 km), Lübeck's Innenstadt (about 6 km), Moisling (about 10.3 km);
    # Wismar is about 50 km away.
    assert results(client, near="bad-schwartau-mitte", km="5") == [("Führungen im Kurpark", "0,0")]
    assert results(client, near="bad-schwartau-mitte", km="10") == [
        ("Führungen im Kurpark", "0,0"), ("Digitale Sprechstunde in der Stadtbibliothek", "6,0")]
    found = results(client, near="bad-schwartau-mitte", km="20")
    assert [title for title, _km in found] == ["Führungen im Kurpark", "Digitale Sprechstunde in der Stadtbibliothek",
                                               "Lesepatin oder Lesepate in Moisling"]
    assert found[2][1] == "10,3"
    # Across the region: from Wismar's old town the Wismar engagement comes first.
    assert results(client, near="wismar-altstadt", km="50")[0] == ("Gäste am Hafen begrüßen", "0,0")
    html = client.get(LIST, {"near": "bad-schwartau-mitte", "km": "10"}).content.decode()
    assert "2 Engagements im Umkreis von bis zu 10 km, das nächste zuerst" in html


def test_the_starting_point_is_a_labelled_choice_grouped_by_municipality(client, schwartau):
    soup = BeautifulSoup(client.get("/en/engagement/").content, "html.parser")
    near = soup.select_one("select#v-near")
    assert soup.select_one("label[for=v-near]") and soup.select_one("label[for=v-km]")
    groups = {group["label"]: [option["value"] for option in group.select("option")]
              for group in near.select("optgroup")}
    assert groups["Bad Schwartau"] == ["bad-schwartau-mitte"] and "moisling" in groups["Hansestadt Lübeck"]
    assert near.select_one("optgroup")["lang"] == "de"  # German names on an English page
    # Without a starting point the list is the usual one: every public engagement, no distances.
    assert "km" not in " ".join(card.get_text() for card in soup.select(".idea-list .kern-card"))
    # An unknown starting point or radius is ignored, not an error.
    assert client.get(LIST, {"near": "nirgendwo", "km": "7"}).status_code == 200


def test_the_distance_search_costs_the_same_queries_for_3_or_25_engagements_and_pages_keep_it(client, schwartau):
    def count():
        client.get(LIST, {"near": "bad-schwartau-mitte", "km": "20"})
        with CaptureQueriesContext(connection) as captured:
            client.get(LIST, {"near": "bad-schwartau-mitte", "km": "20"})
        return len(captured)

    small = count()
    for n in range(22):
        add(schwartau, f"kurpark-{n}", f"Kurpark {n}")
    assert count() == small
    soup = BeautifulSoup(client.get(LIST, {"near": "bad-schwartau-mitte", "km": "20"}).content, "html.parser")
    following = soup.select_one("a[rel=next]")["href"]
    assert "near=bad-schwartau-mitte" in following and "km=20" in following and "page=2" in following
    assert len(results(client, near="bad-schwartau-mitte", km="20", page="2")) == 5


def test_a_municipalitys_site_lists_its_own_engagements_and_the_whole_region_on_request(client, schwartau):
    def titles(host, **params):
        html = client.get(LIST, params, HTTP_HOST=host).content.decode()
        soup = BeautifulSoup(html, "html.parser")
        return {card.h2.get_text(strip=True) for card in soup.select(".idea-list .kern-card")}, soup

    at_schwartau, soup = titles("bad-schwartau.localhost")
    assert at_schwartau == {"Führungen im Kurpark"}
    assert "Bad Schwartau: Packen Sie mit an" in soup.get_text()
    assert soup.select_one("label[for=v-region]") is not None
    district_choices = {option["value"] for option in soup.select("#v-district option")} - {""}
    assert district_choices == {"bad-schwartau-mitte"}  # its own Ortsteile, not Lübeck's Stadtteile
    at_lubeck, _soup = titles("testserver")
    assert "Führungen im Kurpark" not in at_lubeck and "Gäste am Hafen begrüßen" not in at_lubeck and at_lubeck
    everywhere, _soup = titles("bad-schwartau.localhost", region="1")
    assert {"Führungen im Kurpark", "Gäste am Hafen begrüßen"} <= everywhere and at_lubeck <= everywhere

"""Termine: the public list of events, its filters and its calendar feed."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import District
from participation.events.models import Registration
from tests.html import page_soup
from tests.participation.events.conftest import add_event

LIST = "/de/termine/"


def titles(client, url):
    return [a.get_text(strip=True) for a in page_soup(client, url).select(".event-card h2 a")]


def test_a_resident_narrows_the_list_to_step_free_events_in_moisling(client, process_de):
    moisling, innenstadt = District.objects.get(slug="moisling"), District.objects.get(slug="innenstadt")
    add_event(process_de, "Werkstatt Moisling stufenlos", "w-moisling-frei", district=moisling, step_free=True)
    add_event(process_de, "Werkstatt Moisling mit Treppe", "w-moisling-treppe", district=moisling)
    add_event(process_de, "Infostand Innenstadt", "i-innenstadt", district=innenstadt, step_free=True,
              format="info_stand")

    everything = titles(client, LIST)
    assert {"Werkstatt Moisling stufenlos", "Werkstatt Moisling mit Treppe", "Infostand Innenstadt"} <= set(everything)
    step_free_in_moisling = titles(client, LIST + "?district=moisling&step_free=1")
    assert "Werkstatt Moisling stufenlos" in step_free_in_moisling
    assert not {"Werkstatt Moisling mit Treppe", "Infostand Innenstadt"} & set(step_free_in_moisling)
    stands = titles(client, LIST + "?format=info_stand&district=innenstadt")
    assert "Infostand Innenstadt" in stands and "Werkstatt Moisling stufenlos" not in stands
    soup = page_soup(client, LIST + "?district=moisling&step_free=1")
    assert soup.select_one("#e-step_free").has_attr("checked")
    assert soup.select_one("#e-district option[selected]")["value"] == "moisling"


def test_past_events_are_listed_apart_with_their_dates_and_a_date_filter_narrows_them(client, process_de):
    add_event(process_de, "Rückblick Werkstatt", "rueckblick", days=-20)
    add_event(process_de, "Bald Werkstatt", "bald", days=3)
    assert "Rückblick Werkstatt" not in titles(client, LIST)
    assert "Rückblick Werkstatt" in titles(client, LIST + "?when=past")
    assert "Bald Werkstatt" not in titles(client, LIST + "?when=past")
    soup = page_soup(client, LIST + "?date_from=2099-01-01")
    assert soup.select(".event-card") == [] and "Keine Veranstaltungen" in soup.get_text()
    bad = client.get(LIST + "?date_from=2026-13-45")
    assert bad.status_code == 200 and "gültiges Datum" in bad.content.decode()


def test_free_places_are_shown_and_the_list_asks_the_same_number_of_queries_for_3_or_15_events(client, process_de):
    first = add_event(process_de, "Werkstatt 0", "werkstatt-0", capacity=2)
    Registration.objects.create(event=first, name="A", reference="AN-2026-9001", status="registered")
    Registration.objects.create(event=first, name="B", reference="AN-2026-9002", status="registered")
    for number in range(1, 3):
        add_event(process_de, f"Werkstatt {number}", f"werkstatt-{number}", days=14 + number)

    def queries():
        client.get(LIST)  # warm caches (menu, site)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    few = queries()
    soup = page_soup(client, LIST)
    card = next(li for li in soup.select(".event-card") if "Werkstatt 0" in li.get_text())
    assert "Ausgebucht" in card.get_text()
    for number in range(3, 15):
        add_event(process_de, f"Werkstatt {number}", f"werkstatt-{number}", days=14 + number)
    assert queries() == few


def test_the_feed_holds_every_upcoming_event_and_the_menu_links_the_list(client, process_de):
    add_event(process_de, "Sprechstunde Kalender", "sprechstunde-kalender", format="consultation")
    feed = client.get("/de/termine/kalender.ics")
    assert feed["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Sprechstunde Kalender" in feed.content.decode()
    home = page_soup(client, "/de/")
    assert home.select_one('nav a[href="/de/termine/"]') is not None


def test_a_translated_event_counts_the_places_taken_on_its_german_page(client, demo_site):
    from participation.events.models import EventPage

    german = EventPage.objects.get(slug="buergerwerkstatt-moisling", locale__language_code="de")
    for number in range(3):
        Registration.objects.create(event=german, name=f"P{number}", reference=f"AN-2026-93{number:02d}",
                                    status="registered")
    free = german.capacity - 3
    for language, words in (("de", f"{free} Plätze frei"), ("en", f"{free} places free"), ("tr", f"{free} yer boş")):
        cards = page_soup(client, f"/{language}/termine/?district=moisling").select(".event-card")
        card = next(card for card in cards if "buergerwerkstatt-moisling" in card.a["href"])
        assert words in card.get_text(" ", strip=True), language

"""The parts of the event pages kept as HTML (docs/caching.md): what a visitor sees follows every change at once."""

from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from core.models import District
from participation.events.models import Registration
from tests.html import page_soup
from tests.participation.events.conftest import add_event

LIST = "/de/termine/"


def card_of(client, title, url=LIST):
    cards = page_soup(client, url).select(".event-card")
    return next((card.get_text(" ", strip=True) for card in cards if title in card.get_text()), None)


def publish(event, capture, **changes):
    for name, value in changes.items():
        setattr(event, name, value)
    with capture(execute=True):  # the content version is renewed once the change is committed
        event.save_revision().publish()


def test_a_card_in_the_calendar_follows_registrations_edits_and_district_names(
        client, process_de, django_capture_on_commit_callbacks):
    moisling = District.objects.get(slug="moisling")
    event = add_event(process_de, "Werkstatt Karte", "werkstatt-karte", capacity=2, district=moisling)
    assert "2 Plätze frei" in card_of(client, "Werkstatt Karte")
    Registration.objects.create(event=event, name="A", reference="AN-2026-9101", status="registered")
    assert "1 Platz frei" in card_of(client, "Werkstatt Karte")
    Registration.objects.create(event=event, name="B", reference="AN-2026-9102", status="registered")
    assert "Ausgebucht" in card_of(client, "Werkstatt Karte")

    publish(event, django_capture_on_commit_callbacks, title="Werkstatt Karte neu", place_name="Gemeindehaus")
    card = card_of(client, "Werkstatt Karte neu")
    assert card is not None and "Gemeindehaus" in card
    with django_capture_on_commit_callbacks(execute=True):
        moisling.name = "Moisling-Süd"
        moisling.save()
    assert "Moisling-Süd" in card_of(client, "Werkstatt Karte neu")
    options = [o.get_text() for o in page_soup(client, LIST).select("#e-district option")]
    assert "Moisling-Süd" in options


def test_an_event_in_a_restricted_section_leaves_the_calendar_as_soon_as_the_restriction_is_saved(
        client, process_de, django_capture_on_commit_callbacks):
    add_event(process_de, "Werkstatt offen", "werkstatt-offen")
    assert card_of(client, "Werkstatt offen") is not None
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=process_de, restriction_type="groups")
        restriction.groups.set([Group.objects.create(name="Nur intern")])
    assert card_of(client, "Werkstatt offen") is None
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert card_of(client, "Werkstatt offen") is not None


def test_the_event_page_follows_registrations_and_edits(client, workshop, django_capture_on_commit_callbacks):
    assert "10 Plätze frei" in page_soup(client, workshop.url).select_one(".event-facts").get_text()
    Registration.objects.create(event=workshop, name="A", reference="AN-2026-9201", status="registered")
    soup = page_soup(client, workshop.url)
    assert "9 Plätze frei" in soup.select_one(".event-facts").get_text()
    assert "9 Plätze sind noch frei" in soup.select_one("#registration").get_text()

    publish(workshop, django_capture_on_commit_callbacks, title="Werkstatt umbenannt", place_name="Gemeindehaus",
            contact_name="Frau Neu")
    soup = page_soup(client, workshop.url)
    assert soup.h1.get_text() == "Werkstatt umbenannt"
    assert "Gemeindehaus" in soup.select_one(".event-facts").get_text()
    assert "Frau Neu" in soup.select_one("#contact-heading").parent.get_text()


def test_a_guest_never_sees_a_signed_in_persons_form_and_each_form_carries_its_own_start_time(
        client, workshop, resident):
    guest = page_soup(client, workshop.url).select_one("#registration form")
    assert guest.select_one("#id_name").get("value") is None and guest.select_one("#id_consent") is not None
    client.force_login(resident)
    own = page_soup(client, workshop.url).select_one("#registration form")
    assert own.select_one("#id_name")["value"] == "Pia" and own.select_one("#id_consent") is None
    client.logout()
    again = page_soup(client, workshop.url).select_one("#registration form")
    assert again.select_one("#id_name").get("value") is None and again.select_one("#id_consent") is not None
    assert "Pia" not in again.get_text() and "pia.resident" not in str(again)
    assert len(again.select('input[name="form_started"]')) == 1
    assert len(again.select('input[name="csrfmiddlewaretoken"]')) == 1


def test_the_number_found_follows_an_event_that_ends_without_any_change_to_content(client, process_de):
    import datetime

    import time_machine

    def found(query=""):
        return int(page_soup(client, LIST + query).select_one("#event-results").get_text(strip=True).split()[0])

    soon = add_event(process_de, "Werkstatt gleich", "werkstatt-gleich", days=1)
    add_event(process_de, "Werkstatt später", "werkstatt-spaeter", days=9)
    upcoming, past = found(), found("?when=past")
    moisling = found("?district=moisling")
    assert moisling < upcoming
    with time_machine.travel(soon.ends_at + datetime.timedelta(minutes=1), tick=False):
        assert (found(), found("?when=past")) == (upcoming - 1, past + 1)
        assert "Werkstatt gleich" not in page_soup(client, LIST).get_text()
    assert found("?district=moisling") == moisling  # each filter counted on its own

"""An event's public page and its calendar entry."""

from tests.html import page_soup
from tests.participation.events.conftest import add_event


def test_the_event_page_says_when_where_how_accessible_and_how_many_places(client, workshop):
    soup = page_soup(client, workshop.url)
    text = soup.get_text(" ", strip=True)
    assert "Bürgerwerkstatt Testweg" in soup.h1.get_text()
    assert "Stadtteilbüro" in text and "Moisling" in text
    features = [li.get_text(strip=True) for li in soup.select("#access-heading ~ ul li")]
    assert features == ["Stufenloser Zugang", "Induktionsschleife"]
    assert "10 Plätze frei" in text
    assert soup.select_one('span[lang="tr"]').get_text() == "Türkçe"


def test_the_calendar_entry_keeps_its_uid_and_a_cancelled_event_is_sent_as_a_cancellation(
        client, workshop, django_capture_on_commit_callbacks):
    first = client.get(workshop.ics_path)
    assert first["Content-Type"].startswith("text/calendar")
    body = first.content.decode()
    assert "METHOD:PUBLISH" in body and "STATUS:CONFIRMED" in body and "SUMMARY:Bürgerwerkstatt Testweg" in body
    uid = next(line for line in body.splitlines() if line.startswith("UID:"))

    workshop.cancelled = True
    with django_capture_on_commit_callbacks(execute=True):  # the page cache follows what is committed
        workshop.save_revision().publish()
    cancelled = client.get(workshop.ics_path).content.decode()
    assert "METHOD:CANCEL" in cancelled and "STATUS:CANCELLED" in cancelled and "SEQUENCE:1" in cancelled
    assert uid in cancelled.splitlines()
    assert "abgesagt" in page_soup(client, workshop.url).get_text()


def test_an_event_page_has_no_room_for_an_end_before_its_start(process_de):
    import pytest
    from django.core.exceptions import ValidationError

    event = add_event(process_de, "Infostand", "infostand-test", capacity=None)
    event.ends_at = event.starts_at
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "ends_at" in error.value.message_dict


def test_the_process_page_lists_its_upcoming_events_with_places_and_the_results_of_past_ones(client, process_de):
    add_event(process_de, "Werkstatt kommt", "werkstatt-kommt", capacity=12)
    past = add_event(process_de, "Werkstatt war", "werkstatt-war", days=-10)
    past.result = "<p>Zwölf Ideen gesammelt.</p>"
    past.save_revision().publish()
    soup = page_soup(client, process_de.url)
    upcoming = soup.select_one("#process-events").parent.get_text(" ", strip=True)
    assert "Werkstatt kommt" in upcoming and "12 Plätze frei" in upcoming and "Werkstatt war" not in upcoming
    results = soup.select_one("#process-event-results").parent.get_text(" ", strip=True)
    assert "Werkstatt war" in results and "Zwölf Ideen gesammelt." in results


def test_the_demo_workshop_speaks_every_language_of_the_site(client, demo_site):
    from tooling.demo_pages import WORKSHOP

    for language, texts in WORKSHOP.items():
        soup = page_soup(client, f"/{language}/")
        link = soup.select_one('#home-events ~ ul a[href*="buergerwerkstatt-moisling"]')
        assert link is not None and link.get_text(strip=True) == texts["title"], language
        event = page_soup(client, link["href"])
        assert event.h1.get_text(strip=True) == texts["title"]
    assert "Basamaksız giriş" in page_soup(client, "/tr/ideen-digitale-beteiligung/buergerwerkstatt-moisling/").text


def test_cancelling_an_event_tells_everyone_registered_once_with_a_calendar_cancellation(
        workshop, django_capture_on_commit_callbacks):
    from django.core import mail

    from participation.events.models import Registration

    for number, (status, email) in enumerate([("registered", "a@example.org"), ("waitlisted", "b@example.org"),
                                              ("cancelled", "c@example.org"), ("registered", "")]):
        Registration.objects.create(event=workshop, name=f"P{number}", email=email, status=status,
                                    reference=f"AN-2026-95{number:02d}")
    workshop.cancelled, workshop.cancellation_note = True, "Der Raum ist wegen eines Wasserschadens gesperrt."
    for _ in range(2):  # published twice: mailed once
        with django_capture_on_commit_callbacks(execute=True):
            workshop.save_revision().publish()
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    message = mail.outbox[0]
    assert message.subject.startswith("Abgesagt") and "Wasserschadens" in message.body
    (name, content, mimetype), = message.attachments
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    assert "METHOD:CANCEL" in content and "STATUS:CANCELLED" in content

"""Registering for an event: as a guest (the place is hers once she confirms her email address), signed in
(at once), on the waiting list; cancelling, an offered place, the reminder, and places never overbooked."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from participation.events import registration as booking
from participation.events import tasks
from participation.events.models import AccessibilityRequest, Registration
from participation.events.registration import PLACES
from tests.concurrency import at_once
from tests.html import page_soup
from tests.participation.events.conftest import add_event
from tests.participation.events.helpers import link_in, register

pytestmark = pytest.mark.django_db


def guests(event, count, prefix="gast"):
    """`count` confirmed guest registrations, in order."""
    registrations = []
    for number in range(count):
        registration = booking.register(event.pk, name=f"{prefix} {number}", email=f"{prefix}{number}@example.org")
        registrations.append(booking.confirm(registration.pk))
    return registrations


def test_a_guest_holds_no_place_until_she_confirms_with_the_link_in_the_mail(
        client, workshop, django_capture_on_commit_callbacks):
    response = register(client, workshop, django_capture_on_commit_callbacks, consent_updates="on")
    assert response.status_code == 302
    registration = Registration.objects.get(event=workshop)
    assert registration.status == Registration.Status.UNCONFIRMED and registration.consent_updates
    assert registration.reference.startswith(f"AN-{timezone.localdate().year}-")
    assert "10 Plätze frei" in page_soup(client, workshop.url).get_text()  # no place taken yet
    assert "Bitte bestätigen Sie Ihre Anmeldung" in mail.outbox[0].subject
    link = link_in(mail.outbox[0])

    page = client.get(link)  # a mail scanner's GET confirms nothing
    assert page.status_code == 200 and "Anmeldung bestätigen" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(link, {"action": "confirm"})
    assert confirmed.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.Status.REGISTERED and registration.email_confirmed_at
    receipt = page_soup(client, link)
    assert receipt.select_one(".receipt-number").get_text() == registration.reference
    assert receipt.select_one(".registration-status").get_text(strip=True) == "Angemeldet"
    sent = mail.outbox[1]
    assert registration.reference in sent.subject and sent.to == ["guel@example.org"]
    assert workshop.ics_path in sent.body
    assert link_in(sent).split("?")[0] == link.split("?")[0] and client.get(link_in(sent)).status_code == 200
    assert "9 Plätze frei" in page_soup(client, workshop.url).get_text()


def test_the_registration_page_opens_only_with_its_link(client, workshop, django_capture_on_commit_callbacks):
    register(client, workshop, django_capture_on_commit_callbacks)
    registration = Registration.objects.get(event=workshop)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link_in(mail.outbox[0]), {"action": "confirm"})
    mail.outbox.clear()
    stranger = type(client)()
    again = register(stranger, workshop, django_capture_on_commit_callbacks, name="Jemand anders")
    assert again["Location"] == workshop.url  # not her page: the link goes to her address
    assert [message.to for message in mail.outbox] == [["guel@example.org"]]
    assert Registration.objects.filter(event=workshop).count() == 1
    base = workshop.url + f"anmeldung/{registration.reference}/"
    assert client.get(base).status_code == 404
    assert client.get(base + "?token=abc:def").status_code == 404
    assert client.post(base + "?token=abc:def", {"action": "confirm"}).status_code == 404
    assert client.get(workshop.url + "anmeldung/AN-2020-9999/?token=x").status_code == 404
    registration.refresh_from_db()
    assert registration.status == Registration.Status.REGISTERED


def test_a_signed_in_resident_finds_her_name_and_address_filled_in_and_is_registered_at_once(
        client, workshop, resident, django_capture_on_commit_callbacks):
    client.force_login(resident)
    form = page_soup(client, workshop.url).select_one("#registration form")
    assert form.select_one("#id_name")["value"] == "Pia"
    assert form.select_one("#id_email")["value"] == "pia.resident@example.org"
    assert form.select_one("#id_consent") is None
    response = register(client, workshop, django_capture_on_commit_callbacks, email="", consent=None)
    registration = Registration.objects.get(event=workshop, user=resident)
    assert registration.status == Registration.Status.REGISTERED and registration.email == "pia.resident@example.org"
    assert response["Location"].startswith(workshop.url + f"anmeldung/{registration.reference}/")
    assert [message.to for message in mail.outbox] == [["pia.resident@example.org"]]
    box = page_soup(client, workshop.url).select_one("#registration").get_text(" ", strip=True)
    assert "Sie sind für diese Veranstaltung angemeldet" in box
    register(client, workshop, django_capture_on_commit_callbacks, email="", consent=None)  # twice: one registration
    assert Registration.objects.filter(event=workshop).count() == 1


@pytest.mark.parametrize("changes, field", [
    ({"name": ""}, "name"), ({"email": "kein-at"}, "email"), ({"consent": None}, "consent"),
    ({"requests": "other"}, "details"), ({"details": "Bitte zwei Plätze"}, "requests"),
])
def test_a_form_with_a_mistake_comes_back_with_the_error_and_nothing_is_saved(
        client, workshop, django_capture_on_commit_callbacks, changes, field):
    response = register(client, workshop, django_capture_on_commit_callbacks, **changes)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_{field}-error"' in html  # the message beside the field, and in the summary above
    assert "Bitte korrigieren Sie die markierten Felder." in html
    assert not Registration.objects.exists() and mail.outbox == []


def test_the_honeypot_and_the_rate_limit_turn_away_a_script(client, workshop, settings,
                                                            django_capture_on_commit_callbacks):
    response = register(client, workshop, django_capture_on_commit_callbacks, website="http://spam.example")
    assert response.status_code == 200 and not Registration.objects.exists()
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "event_registration": {"email": "1/h", "address": "60/h"}}
    register(client, workshop, django_capture_on_commit_callbacks, email="eine@example.org")
    refused = register(client, workshop, django_capture_on_commit_callbacks, email="eine@example.org", name="Noch mal")
    assert refused.status_code == 429
    assert Registration.objects.count() == 1


def test_requests_are_taken_until_the_deadline_and_explained_after_it(
        client, process_de, workshop, django_capture_on_commit_callbacks):
    soup = page_soup(client, workshop.url)
    deadline = workshop.request_deadline
    assert soup.select('input[name="requests"]') and f"bis {deadline.day}." in soup.select_one(
        "#registration").get_text()
    register(client, workshop, django_capture_on_commit_callbacks, requests=["dgs", "childcare"],
             details="Zwei Kinder, 3 und 5 Jahre")
    registration = Registration.objects.get(event=workshop)
    assert sorted(registration.requests.values_list("kind", "details")) == [
        ("childcare", "Zwei Kinder, 3 und 5 Jahre"), ("dgs", "Zwei Kinder, 3 und 5 Jahre")]

    soon = add_event(process_de, "Infostand bald", "infostand-bald", days=5)
    soup = page_soup(client, soon.url)
    assert not soup.select('input[name="requests"]')
    assert "konnten bis" in soup.select_one(".request-deadline-passed").get_text()
    register(client, soon, django_capture_on_commit_callbacks, requests="dgs")  # a forged field is ignored
    assert not AccessibilityRequest.objects.filter(registration__event=soon).exists()


@pytest.mark.parametrize("fields, text", [
    ({"registration": False}, "Keine Anmeldung nötig"),
    ({"cancelled": True}, "abgesagt"),
    ({"days": -1}, "Die Anmeldung ist geschlossen"),
])
def test_the_box_says_why_there_is_no_form(client, process_de, django_capture_on_commit_callbacks, fields, text):
    event = add_event(process_de, "Ohne Formular", "ohne-formular", **fields)
    box = page_soup(client, event.url).select_one("#registration")
    assert box.select_one("form") is None and text in box.get_text()
    register(client, event, django_capture_on_commit_callbacks)
    assert not Registration.objects.exists()


def test_when_the_places_are_taken_she_joins_the_waiting_list_and_a_freed_place_is_offered_to_her(
        client, process_de, django_capture_on_commit_callbacks):
    event = add_event(process_de, "Kleine Runde", "kleine-runde", capacity=2)
    first, _second = guests(event, 2)
    assert "Warteliste" in page_soup(client, event.url).select_one("#registration button").get_text()
    mail.outbox.clear()
    register(client, event, django_capture_on_commit_callbacks, email="warte@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link_in(mail.outbox[0]), {"action": "confirm"})
    waiting = Registration.objects.get(email="warte@example.org")
    assert waiting.status == Registration.Status.WAITLISTED
    receipt = page_soup(client, link_in(mail.outbox[0]))
    assert "Nummer 1 auf der Warteliste" in receipt.select_one(".registration-status").get_text()

    mail.outbox.clear()
    first_link = link_in(_mail_for(first, "registered"))
    client.post(first_link, {"action": "cancel"})  # one tap without the box: nothing happens
    assert Registration.objects.get(pk=first.pk).status == Registration.Status.REGISTERED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(first_link, {"action": "cancel", "sure": "on"})
    assert Registration.objects.get(pk=first.pk).status == Registration.Status.CANCELLED
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.OFFERED and waiting.offer_sent_at
    offer = next(message for message in mail.outbox if message.to == ["warte@example.org"])
    assert "Platz" in offer.subject
    assert any(message.to == [first.email] and first.reference in message.subject for message in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link_in(offer), {"action": "accept"})
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.REGISTERED and PLACES.taken(event) == 2


def _mail_for(registration, kind):
    """Her link, as the mail of `kind` would carry it (sent now, outside the test's outbox order)."""
    from participation.events.notifications import send_registration_mail

    Registration.objects.filter(pk=registration.pk).update(status=kind)
    send_registration_mail(registration.pk, kind)
    return mail.outbox[-1]


def test_an_offer_not_taken_in_time_goes_to_the_next_person(process_de):
    event = add_event(process_de, "Volle Runde", "volle-runde", capacity=1)
    first, second, third = guests(event, 3)
    freed = timezone.now()
    booking.cancel(first.pk, freed)
    assert Registration.objects.get(pk=second.pk).status == Registration.Status.OFFERED
    later = freed + datetime.timedelta(hours=booking.OFFER_HOURS, minutes=1)
    assert tasks.expire_offers(later) == 1 and tasks.expire_offers(later) == 0
    assert Registration.objects.get(pk=second.pk).status == Registration.Status.CANCELLED
    assert Registration.objects.get(pk=third.pk).status == Registration.Status.OFFERED
    with pytest.raises(booking.RegistrationError):
        booking.accept_offer(second.pk, later)


def test_the_reminder_goes_once_the_day_before_with_the_cancel_link(process_de, django_capture_on_commit_callbacks):
    event = add_event(process_de, "Morgen", "morgen", days=3)
    with django_capture_on_commit_callbacks(execute=True):
        registered = guests(event, 1)[0]
        booking.register(event.pk, name="Nie bestätigt", email="nie@example.org")
    mail.outbox.clear()
    day_before = event.starts_at - datetime.timedelta(hours=20)
    assert tasks.send_reminders(event.starts_at - datetime.timedelta(days=2)) == 0  # too early
    assert tasks.send_reminders(day_before) == 1
    assert tasks.send_reminders(day_before) == 0  # safe twice
    assert [message.to for message in mail.outbox] == [[registered.email]]
    assert "Erinnerung" in mail.outbox[0].subject and "anmeldung/" in mail.outbox[0].body


def test_staff_register_a_resident_at_the_desk_at_once_without_an_email_address(
        client, workshop, django_capture_on_commit_callbacks):
    organiser = User.objects.create_user("orga@luebeck.example", "Ein-Langes-Passwort-1", is_superuser=True)
    client.force_login(organiser)
    url = f"/admin/events/{workshop.pk}/registrations/new/"
    missing = client.post(url, {"channel": "phone", "name": "Erna Schulz"})
    assert missing.status_code == 200 and "Telefonnummer" in missing.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"channel": "phone", "name": "Erna Schulz", "phone": "0451 12345",
                                     "requests": ["step_free_seat"]})
    assert response.status_code == 302
    registration = Registration.objects.get(event=workshop)
    assert (registration.status, registration.channel, registration.registered_by) == (
        Registration.Status.REGISTERED, Registration.Channel.PHONE, organiser)
    assert registration.requests.get().kind == "step_free_seat"
    listing = page_soup(client, f"/admin/events/{workshop.pk}/registrations/").get_text(" ", strip=True)
    assert "Erna Schulz" in listing and registration.reference in listing
    assert mail.outbox == []  # no address: the desk tells her


def test_the_registrations_list_needs_the_same_queries_for_many_registrations(client, workshop):
    admin = User.objects.create_user("liste@luebeck.example", "Ein-Langes-Passwort-1", is_superuser=True)
    client.force_login(admin)
    url = f"/admin/events/{workshop.pk}/registrations/"
    guests(workshop, 2, "wenige")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    guests(workshop, 12, "viele")
    with CaptureQueriesContext(connection) as many:
        assert "viele 11" in client.get(url).content.decode()
    assert len(many) == len(few)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the race needs a server database")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_32_registrations_at_once_for_10_places_never_exceed_them(process_de):
    event = add_event(process_de, "Andrang", "andrang", capacity=10)
    people = [User.objects.create_user(f"andrang{n}@example.org", "Ein-Langes-Passwort-1") for n in range(32)]
    calls = [lambda person=person: booking.register(event.pk, name=person.email, user=person, email=person.email)
             for person in people]
    assert at_once(calls) == []
    registrations = Registration.objects.filter(event=event)
    assert registrations.count() == 32
    assert registrations.filter(status=Registration.Status.REGISTERED).count() == 10
    assert registrations.filter(status=Registration.Status.WAITLISTED).count() == 22
    assert len(set(registrations.values_list("reference", flat=True))) == 32


def test_mails_are_in_the_language_she_registered_in(workshop, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration = booking.register(workshop.pk, name="Ayşe", email="ayse@example.org", language="tr")
    with django_capture_on_commit_callbacks(execute=True):
        booking.confirm(registration.pk)
    assert [message.subject for message in mail.outbox] == [
        "Lütfen kaydınızı onaylayın", f"Kayıt onaylandı ({registration.reference})"]
    assert mail.outbox[1].body.startswith("Merhaba Ayşe,")


def test_a_registration_made_on_the_turkish_page_is_mailed_in_turkish_with_links_to_the_turkish_page(
        client, demo_site, django_capture_on_commit_callbacks, monkeypatch):
    from participation.events.models import EventPage

    monkeypatch.setattr("core.antispam.MIN_FILL_SECONDS", 0)
    turkish = EventPage.objects.get(slug="buergerwerkstatt-moisling", locale__language_code="tr")
    register(client, turkish, django_capture_on_commit_callbacks)
    message = mail.outbox[-1]
    assert link_in(message).startswith("/tr/ideen-digitale-beteiligung/buergerwerkstatt-moisling/anmeldung/")
    assert turkish.title in message.body
    page = client.get(link_in(message))
    assert page.status_code == 200 and 'lang="tr"' in page.content.decode()[:300]

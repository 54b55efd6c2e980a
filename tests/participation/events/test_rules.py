"""Who sees an event's registrations and accessibility requests and answers them, as a truth table: roles ×
(the request queue, answering a request, the registrations list). Only this event's organisers and superusers;
not other staff, not the organiser of another event."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from accounts import roles
from accounts.models import User
from participation.events import registration as booking
from participation.events.models import AccessibilityRequest
from participation.events.rules import can_organise
from tests.participation.events.conftest import add_event

pytestmark = pytest.mark.django_db

ANON, RESIDENT, OTHER_ORGANISER, MODERATOR, ORGANISER, ADMIN = (
    "anonymous", "resident", "another event's organiser", "moderator", "organiser", "superuser")
ROLES = [ANON, RESIDENT, OTHER_ORGANISER, MODERATOR, ORGANISER, ADMIN]
ALLOWED = {ORGANISER, ADMIN}


def person(role, event, other_event):
    if role == ANON:
        return None
    user = User.objects.create_user(f"{role.split()[0]}-{len(role)}@rollen.example", "Ein-Langes-Passwort-1",
                                    is_superuser=role == ADMIN, is_staff=role != RESIDENT)
    if role == MODERATOR:
        user.groups.add(Group.objects.get(name=roles.MODERATORS))
    if role in (ORGANISER, OTHER_ORGANISER):
        user.groups.add(Group.objects.get(name=roles.EDITORS))  # organisers are staff who can enter the admin
        (event if role == ORGANISER else other_event).organisers.add(user)
    return user


@pytest.fixture
def scene(workshop, process_de):
    other = add_event(process_de, "Anderer Termin", "anderer-termin")
    registration = booking.register(workshop.pk, name="Gül Yılmaz", email="guel@example.org", requests=["dgs"])
    booking.confirm(registration.pk)
    return workshop, other, registration.requests.get()


@pytest.mark.parametrize("role", ROLES)
def test_only_the_events_organisers_and_superusers_see_and_answer_its_requests(scene, role):
    event, other, request = scene
    user = person(role, event, other)
    client = Client()
    if user is not None:
        client.force_login(user)
    queue = client.get(f"/admin/events/{event.pk}/requests/")
    registrations = client.get(f"/admin/events/{event.pk}/registrations/")
    answered = client.post(f"/admin/events/requests/{request.pk}/",
                           {"status": "arranged", "answer": "Eine Dolmetscherin ist gebucht."})
    request.refresh_from_db()
    outcome = {
        "queue": queue.status_code == 200 and "Gül Yılmaz" in queue.content.decode(),
        "registrations": registrations.status_code == 200 and "Gül Yılmaz" in registrations.content.decode(),
        "answer": request.status == AccessibilityRequest.Status.ARRANGED,
    }
    expected = role in ALLOWED
    assert outcome == {"queue": expected, "registrations": expected, "answer": expected}
    if not expected:
        assert {queue.status_code, registrations.status_code, answered.status_code} <= {302, 403}
        assert "Gül Yılmaz" not in queue.content.decode() + registrations.content.decode()
    assert can_organise(user or _anonymous(), event) is expected


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def test_the_inbox_lists_open_requests_of_ones_own_events_only_soonest_first(scene, process_de):
    event, other, request = scene
    later = add_event(process_de, "Späterer Termin", "spaeterer-termin", days=30)
    later_registration = booking.register(later.pk, name="Ole Hansen", email="ole@example.org",
                                          requests=["easy_language"])
    booking.confirm(later_registration.pk)
    foreign = booking.register(other.pk, name="Fremde Person", email="fremd@example.org", requests=["childcare"])
    booking.confirm(foreign.pk)
    unconfirmed = booking.register(event.pk, name="Nie Bestätigt", email="nie@example.org", requests=["other"],
                                   details="Etwas")
    organiser = person(ORGANISER, event, other)
    later.organisers.add(organiser)
    client = Client()
    client.force_login(organiser)
    html = client.get("/admin/events/requests/").content.decode()
    assert html.index("Gül Yılmaz") < html.index("Ole Hansen")  # the sooner event first
    assert "Fremde Person" not in html and unconfirmed.name not in html
    assert f"/admin/events/{later.pk}/registrations/" in html  # her events, for organisers who cannot edit pages
    assert f"/admin/events/{other.pk}/registrations/" not in html
    AccessibilityRequest.objects.filter(pk=request.pk).update(status="arranged")
    assert "Gül Yılmaz" not in client.get("/admin/events/requests/").content.decode()  # answered: not open
    # The menu item shows for organisers, not for other staff.
    moderator = person(MODERATOR, event, other)
    client.force_login(moderator)
    assert "/admin/events/requests/" not in client.get("/admin/").content.decode()
    client.force_login(organiser)
    assert "/admin/events/requests/" in client.get("/admin/").content.decode()

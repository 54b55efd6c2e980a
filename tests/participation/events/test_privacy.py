"""Registrations and accessibility requests in "download my data", forgotten with the account, and on the
retention schedule after the event (participation.events.retention)."""

import datetime

import pytest
from django.utils import timezone

from accounts.deletion import delete_account
from accounts.models import User
from core import registry
from participation.events import registration as booking
from participation.events import tasks
from participation.events.models import AccessibilityRequest, Registration
from tests.participation.events.conftest import add_event

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def test_my_data_holds_my_registrations_with_requests_and_answers(workshop, resident):
    mine = booking.register(workshop.pk, name="Pia", user=resident, email=resident.email, requests=["childcare"],
                            details="Ein Kind, 4 Jahre")
    AccessibilityRequest.objects.filter(registration=mine).update(status="arranged", answer="Betreuung im Raum 2")
    booking.register(workshop.pk, name="Tom", email="tom@example.org", requests=["dgs"])
    data = registry.personal_data["event_registrations"](resident)
    assert len(data) == 1
    assert data[0]["event"] == "Bürgerwerkstatt Testweg" and data[0]["receipt_number"] == mine.reference
    assert data[0]["accessibility_requests"] == [
        {"need": "childcare", "details": "Ein Kind, 4 Jahre", "status": "arranged", "answer": "Betreuung im Raum 2",
         "answered_at": None}]


def test_deleting_the_account_frees_her_place_for_the_next_and_forgets_her(process_de, resident):
    event = add_event(process_de, "Zwei Plätze", "zwei-plaetze", capacity=1)
    mine = booking.register(event.pk, name="Pia", user=resident, email=resident.email, requests=["dgs"])
    waiting = booking.confirm(booking.register(event.pk, name="Ole", email="ole@example.org").pk)
    assert (mine.status, waiting.status) == ("registered", "waitlisted")
    past = add_event(process_de, "Vorbei", "vorbei", days=-20)
    Registration.objects.create(event=past, user=resident, name="Pia", email=resident.email, reference="AN-2026-9990",
                                status="registered")
    delete_account(User.objects.get(pk=resident.pk))
    mine.refresh_from_db()
    assert mine.status == "cancelled" and (mine.name, mine.email, mine.user) == ("", "", None)
    assert Registration.objects.get(pk=waiting.pk).status == "offered"  # the place went to the next in line
    old = Registration.objects.get(reference="AN-2026-9990")
    assert (old.name, old.email, old.user, old.status) == ("", "", None, "registered")  # the count stays
    assert not AccessibilityRequest.objects.filter(registration__in=[mine, old]).exists()


def test_after_the_event_requests_go_after_30_days_and_names_after_90(process_de, settings):
    past = add_event(process_de, "Abgelaufen", "abgelaufen", days=-1)
    kept = add_event(process_de, "Noch da", "noch-da", days=200)
    registration = Registration.objects.create(event=past, name="Gül", email="guel@example.org", phone="0451 1",
                                               reference="AN-2026-9991", status="registered")
    AccessibilityRequest.objects.create(registration=registration, kind="dgs", details="bitte")
    future = booking.confirm(booking.register(kept.pk, name="Ole", email="ole@example.org", requests=["dgs"]).pk)
    ended = past.ends_at
    assert tasks.apply_retention(ended + 30 * DAY - DAY)["requests"] == 0
    assert tasks.apply_retention(ended + 30 * DAY + DAY)["requests"] == 1
    assert not AccessibilityRequest.objects.filter(registration=registration).exists()
    assert Registration.objects.get(pk=registration.pk).name == "Gül"
    assert tasks.apply_retention(ended + 90 * DAY - DAY)["registrations"] == 0
    result = tasks.apply_retention(ended + 90 * DAY + DAY)
    assert result["registrations"] == 1 and tasks.apply_retention(ended + 90 * DAY + DAY)["registrations"] == 0
    registration.refresh_from_db()
    assert (registration.name, registration.email, registration.phone, registration.status) == (
        "", "", "", "registered")
    assert Registration.objects.get(pk=future.pk).name == "Ole" and future.requests.count() == 1
    settings.EVENT_REQUEST_RETENTION_DAYS = 0  # the setting moves the rule
    assert tasks.apply_retention(kept.ends_at + DAY)["requests"] == 1


def test_an_unconfirmed_guest_registration_goes_with_the_guest_submissions(workshop):
    made = booking.register(workshop.pk, name="Nie", email="nie@example.org")
    now = timezone.now()
    assert tasks.apply_retention(now + 6 * DAY)["unconfirmed"] == 0
    assert tasks.apply_retention(now + 8 * DAY)["unconfirmed"] == 1
    assert not Registration.objects.filter(pk=made.pk).exists()

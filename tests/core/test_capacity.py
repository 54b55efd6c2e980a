"""core.capacity through a description of its own (shifts and sign-ups, as any app would describe its models):
places never exceed the capacity, a freed place is offered to the next in line, and an offer not taken in time
moves on to the next person."""

import datetime

import pytest
from django.db import connection, transaction
from django.utils import timezone

from core.capacity import OfferClosed, OfferExpired, Places
from tests.concurrency import at_once
from tests.volunteering.conftest import volunteers
from volunteering.models import Opportunity, Organisation, Shift, Signup


class TwoHourOffers(Places):
    """Not volunteering's description: every free place is confirmed at once and offers last two hours."""

    slot_model = Shift
    booking_model = Signup
    slot_field = "shift"
    person_field = "volunteer"
    holding = ("confirmed", "offered")
    waitlisted, offered, lapsed = "waitlisted", "offered", "cancelled"
    offer_hours = 2

    def __init__(self):
        self.told = []

    def notify(self, booking):
        self.told.append(booking.volunteer_id)


@pytest.fixture
def slot(db):
    organisation = Organisation.objects.create(name="Kulturladen", slug="kulturladen", contact_email="k@example.org",
                                               verified_at=timezone.now())
    opportunity = Opportunity.objects.create(organisation=organisation, title="Lesung", slug="lesung",
                                             description="Eine Lesung mit zehn Plätzen.", published=True)
    start = timezone.now() + datetime.timedelta(days=5)
    return Shift.objects.create(opportunity=opportunity, starts_at=start, ends_at=start + datetime.timedelta(hours=2),
                                capacity=10)


@transaction.atomic
def book(places, slot_id, person):
    slot = places.lock(person, slot_id)
    if not places.bookings(slot).filter(volunteer=person).exists():
        places.book(slot, person, "confirmed")


@transaction.atomic
def withdraw(places, booking, now=None):
    slot = places.lock(booking.volunteer, booking.shift_id)
    booking.refresh_from_db()
    places.release(booking, slot, "cancelled", now)


@transaction.atomic
def accept(places, booking, now):
    places.lock(booking.volunteer, booking.shift_id)
    booking.refresh_from_db()
    return places.accept_offer(booking, "confirmed", now)


def _held(slot):
    return Signup.objects.filter(shift=slot, status__in=("confirmed", "offered")).count()


@pytest.mark.django_db
def test_places_fill_then_the_waiting_list_in_the_order_people_came(slot):
    places = TwoHourOffers()
    people = volunteers(12, "gast")
    for person in people:
        book(places, slot.pk, person)
    book(places, slot.pk, people[0])  # twice: nothing changes
    statuses = list(Signup.objects.filter(shift=slot).order_by("created_at", "pk").values_list("status", flat=True))
    assert statuses == ["confirmed"] * 10 + ["waitlisted"] * 2
    assert places.taken(slot) == 10 and not places.has_room(slot)


@pytest.mark.django_db
def test_a_freed_place_is_offered_and_an_expired_offer_moves_on_to_the_next_person(slot):
    places = TwoHourOffers()
    people = volunteers(13, "warte")
    for person in people:
        book(places, slot.pk, person)
    first = Signup.objects.get(shift=slot, volunteer=people[0])
    freed_at = timezone.now()
    withdraw(places, first, freed_at)
    offered = Signup.objects.get(shift=slot, volunteer=people[10])
    assert offered.status == "offered" and places.told == [people[10].pk]
    assert offered.offer_expires_at == freed_at + datetime.timedelta(hours=2)  # the description's offer time
    assert Signup.objects.get(shift=slot, volunteer=people[11]).status == "waitlisted"
    assert _held(slot) == 10  # the offer holds the place

    later = offered.offer_expires_at + datetime.timedelta(minutes=1)
    assert places.expire_offers(later) == 1 and places.expire_offers(later) == 0  # idempotent
    assert Signup.objects.get(pk=offered.pk).status == "cancelled"
    following = Signup.objects.get(shift=slot, volunteer=people[11])
    assert following.status == "offered" and places.told == [people[10].pk, people[11].pk]
    with pytest.raises(OfferClosed):
        accept(places, offered, later)  # lapsed: no longer open
    with pytest.raises(OfferClosed):
        accept(places, Signup.objects.get(shift=slot, volunteer=people[12]), later)  # still waiting
    late = following.offer_expires_at + datetime.timedelta(seconds=1)
    with pytest.raises(OfferExpired):
        accept(places, following, late)  # not yet expired by the task, but too late
    assert accept(places, following, later).status == "confirmed"
    assert _held(slot) == 10 and Signup.objects.get(pk=following.pk).offer_expires_at is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the race needs a server database")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_32_bookings_at_once_for_10_places_never_exceed_the_capacity(slot):
    places = TwoHourOffers()
    people = volunteers(32, "andrang")
    assert at_once([lambda person=person: book(places, slot.pk, person) for person in people]) == []
    bookings = Signup.objects.filter(shift=slot)
    assert bookings.count() == 32  # nothing lost
    assert _held(slot) == 10
    assert bookings.filter(status="waitlisted").count() == 22

"""core.capacity through both apps' descriptions of it (volunteering's ShiftPlaces, events' EventPlaces), so the
waiting list and offers behave exactly alike for shifts and events: places never exceed the capacity, a freed
place is offered to the next in line for the description's offer time, and an offer not taken in time moves on
to the next person. Each app adds only a small fixture (`World`: its slot, the status of a free place, the
fields a new booking needs)."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.db import connection, transaction
from django.utils import timezone

from core.capacity import OfferClosed, OfferExpired, Places
from participation.events.registration import EventPlaces
from tests.concurrency import at_once
from tests.volunteering.conftest import volunteers
from volunteering.models import Opportunity, Organisation, Shift
from volunteering.signup import ShiftPlaces


def recording(description):
    """The app's description, but it notes whom it offers a place instead of mailing them."""

    class Recording(description):
        def __init__(self):
            self.told = []

        def notify(self, booking):
            self.told.append(getattr(booking, f"{self.person_field}_id"))

    return Recording()


@dataclass
class World:
    places: Places
    slot: object
    free: str  # what a free place becomes
    booking_fields: object = field(default=lambda person: {})

    def person_of(self, booking):
        return getattr(booking, self.places.person_field)

    def booking_of(self, person):
        return self.places.bookings(self.slot).get(**{self.places.person_field: person})

    def statuses(self):
        return list(self.places.bookings(self.slot).order_by("created_at", "pk").values_list("status", flat=True))

    def held(self):
        return self.places.bookings(self.slot).filter(status__in=self.places.holding).count()


def shift_world(db):
    organisation = Organisation.objects.create(name="Kulturladen", slug="kulturladen", contact_email="k@example.org",
                                               verified_at=timezone.now())
    opportunity = Opportunity.objects.create(organisation=organisation, title="Lesung", slug="lesung",
                                             description="Eine Lesung mit zehn Plätzen.", published=True)
    start = timezone.now() + datetime.timedelta(days=5)
    shift = Shift.objects.create(opportunity=opportunity, starts_at=start, ends_at=start + datetime.timedelta(hours=2),
                                 capacity=10)
    return World(recording(ShiftPlaces), shift, "confirmed")


def event_world(db):
    from participation.ideas.models import ParticipationProcessPage
    from tests.participation.events.conftest import add_event

    process = ParticipationProcessPage.objects.get(slug="ideen-digitale-beteiligung", locale__language_code="de")
    event = add_event(process, "Lesung im Stadtteilbüro", "lesung-kapazitaet", days=5, capacity=10)
    return World(recording(EventPlaces), event, "registered",
                 lambda person: {"name": person.email, "reference": f"AN-2026-{person.pk}"})


@pytest.fixture(params=[shift_world, event_world], ids=["shifts", "events"])
def world(request, db):
    return request.param(db)


@transaction.atomic
def book(world, person):
    places = world.places
    slot = places.lock(person, world.slot.pk)
    if not places.bookings(slot).filter(**{places.person_field: person}).exists():
        places.book(slot, person, world.free, **world.booking_fields(person))


@transaction.atomic
def withdraw(world, booking, now=None):
    slot = world.places.lock(world.person_of(booking), world.slot.pk)
    booking.refresh_from_db()
    world.places.release(booking, slot, "cancelled", now)


@transaction.atomic
def accept(world, booking, now):
    world.places.lock(world.person_of(booking), world.slot.pk)
    booking.refresh_from_db()
    return world.places.accept_offer(booking, world.free, now)


@pytest.mark.django_db
def test_places_fill_then_the_waiting_list_in_the_order_people_came(world):
    people = volunteers(12, "gast")
    for person in people:
        book(world, person)
    book(world, people[0])  # twice: nothing changes
    assert world.statuses() == [world.free] * 10 + ["waitlisted"] * 2
    assert world.places.taken(world.slot) == 10 and not world.places.has_room(world.slot)


@pytest.mark.django_db
def test_a_freed_place_is_offered_and_an_expired_offer_moves_on_to_the_next_person(world):
    places = world.places
    people = volunteers(13, "warte")
    for person in people:
        book(world, person)
    first = world.booking_of(people[0])
    freed_at = timezone.now()
    withdraw(world, first, freed_at)
    offered = world.booking_of(people[10])
    assert offered.status == "offered" and places.told == [people[10].pk]
    # The description's offer time, from the moment the place was freed.
    assert offered.offer_expires_at == freed_at + datetime.timedelta(hours=places.offer_hours)
    assert world.booking_of(people[11]).status == "waitlisted"
    assert world.held() == 10  # the offer holds the place

    later = offered.offer_expires_at + datetime.timedelta(minutes=1)
    assert places.expire_offers(later) == 1 and places.expire_offers(later) == 0  # idempotent
    assert world.booking_of(people[10]).status == "cancelled"
    following = world.booking_of(people[11])
    assert following.status == "offered" and places.told == [people[10].pk, people[11].pk]
    with pytest.raises(OfferClosed):
        accept(world, offered, later)  # lapsed: no longer open
    with pytest.raises(OfferClosed):
        accept(world, world.booking_of(people[12]), later)  # still waiting
    late = following.offer_expires_at + datetime.timedelta(seconds=1)
    with pytest.raises(OfferExpired):
        accept(world, following, late)  # not yet expired by the task, but too late
    assert accept(world, following, later).status == world.free
    assert world.held() == 10 and world.booking_of(people[11]).offer_expires_at is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the race needs a server database")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_32_bookings_at_once_for_10_places_never_exceed_the_capacity(world):
    people = volunteers(32, "andrang")
    assert at_once([lambda person=person: book(world, person) for person in people]) == []
    assert len(world.statuses()) == 32  # nothing lost
    assert world.held() == 10
    assert world.statuses().count("waitlisted") == 22

"""Places that are never overbooked: a thing with a number of places, bookings of it, a waiting list,
and freed places offered to the next in line for a limited time.

What a feature app provides: a subclass of `Places` that names its two models and their statuses, and one
instance of it.

    class ShiftPlaces(Places):
        slot_model = Shift              # the thing with places; its `capacity` field is the number of places
        booking_model = Signup          # a person's booking of one slot
        slot_field = "shift"            # the booking's foreign key to the slot
        person_field = "volunteer"      # the booking's foreign key to the person (a user)
        holding = Signup.HOLDS_A_PLACE  # the statuses that hold a place (an open offer must be one of them)
        waitlisted = Signup.Status.WAITLISTED
        offered = Signup.Status.OFFERED
        lapsed = Signup.Status.CANCELLED  # what an offer not taken in time becomes
        offer_hours = 24
        slot_related = ("opportunity__organisation",)  # fetched with the locked slot

        def notify(self, booking):      # told of every place it offers (mails and so on)
            notify_status(booking)

    PLACES = ShiftPlaces()

The booking model needs a `status` field, an `offer_expires_at` date-time (null while no offer is open), and
the fields of `waiting_order` (first come, first offered; `created_at`, then the primary key) and
`offer_fields` (saved when a place is offered; `updated_at` is kept current there).

What it gets, each to be called inside a transaction (`transaction.atomic`) unless it says otherwise:

- `lock(person, slot_id)`: locks the person's row (a user; None for no person), then the slot's (always in
  this order, so two requests cannot deadlock) and returns the slot. Everything that changes who holds a
  place takes this lock first and counts again under it, so concurrent requests never overbook.
- `taken(slot)`, `has_room(slot)`: the places held, re-counted under the lock.
- `book(slot, person, status_if_free, booking=None, **fields)`: a place with `status_if_free` if one is free,
  else a place on the waiting list; reuses `booking` (a withdrawn one, say) and sets `fields` on it.
- `release(booking, slot, status, now)`: the booking gives up its place (`status`, the offer closed) and every
  free place goes to the next in line.
- `offer_free_places(slot, now)`: each free place is offered to the next person on the waiting list for
  `offer_hours`; the offer holds the place until it is taken or lapses. Returns the bookings offered a place.
- `accept_offer(booking, status, now)`: an open offer becomes a place with `status`; raises `OfferClosed` or
  `OfferExpired` (the app words the message) otherwise.
- `expire_offers(now)`: runs its own transactions (one per slot); offers not taken in time lapse and go to the
  next person. Idempotent, for a periodic task. Returns how many lapsed.

What stays the app's own: who may book, which status a free place gets, the messages and the mails.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone


class CapacityError(Exception):
    """A change of places that cannot happen; the feature app words the message for the person."""


class OfferClosed(CapacityError):
    """The booking has no open offer (taken already, withdrawn, or never offered)."""


class OfferExpired(CapacityError):
    """The offer was not taken in time; the place has gone (or goes) to the next person."""


class Places:
    """The description of a thing with places and its bookings; subclass it and set the attributes below."""

    slot_model = None
    booking_model = None
    slot_field = ""
    person_field = ""
    capacity_field = "capacity"
    holding = ()
    waitlisted = None
    offered = None
    lapsed = None
    offer_hours = 24
    slot_related = ()
    waiting_order = ("created_at", "pk")
    offer_fields = ("status", "offer_expires_at", "updated_at")

    def notify(self, booking):
        """Told of every place offered to someone on the waiting list; does nothing unless the app says so."""

    # Locking and counting

    def lock(self, person, slot_id):
        """Lock the person's row, then the slot's (the fixed order), and return the slot."""
        if person is not None:
            get_user_model().objects.select_for_update().filter(pk=person.pk).first()
        slots = self.slot_model.objects.select_for_update(of=("self",))
        if self.slot_related:
            slots = slots.select_related(*self.slot_related)
        return slots.get(pk=slot_id)

    def bookings(self, slot):
        return self.booking_model.objects.filter(**{self.slot_field: slot})

    def capacity(self, slot):
        return getattr(slot, self.capacity_field)

    def taken(self, slot):
        return self.bookings(slot).filter(status__in=self.holding).count()

    def has_room(self, slot):
        return self.taken(slot) < self.capacity(slot)

    # Changes of places (under the slot's lock)

    def book(self, slot, person, status_if_free, booking=None, **fields):
        """A place with `status_if_free` if one is free, else the waiting list; saved and returned."""
        status = status_if_free if self.has_room(slot) else self.waitlisted
        if booking is None:
            booking = self.booking_model(**{self.slot_field: slot, self.person_field: person})
        booking.status, booking.offer_expires_at = status, None
        for name, value in fields.items():
            setattr(booking, name, value)
        booking.save()
        return booking

    def release(self, booking, slot, status, now=None):
        """The booking gives up its place (or its spot in line); free places go to the next in line."""
        booking.status, booking.offer_expires_at = status, None
        booking.save()
        self.offer_free_places(slot, now)
        return booking

    def offer_free_places(self, slot, now=None):
        """Offer every free place to the next in line, each for `offer_hours`; returns those offered."""
        now = now or timezone.now()
        offered = []
        free = self.capacity(slot) - self.taken(slot)
        waiting = self.bookings(slot).filter(status=self.waitlisted).order_by(*self.waiting_order)
        for booking in waiting[:max(0, free)]:
            booking.status = self.offered
            booking.offer_expires_at = now + datetime.timedelta(hours=self.offer_hours)
            booking.save(update_fields=list(self.offer_fields))
            self.notify(booking)
            offered.append(booking)
        return offered

    def check_offer(self, booking, now=None):
        """Raise OfferClosed or OfferExpired unless the booking's offer is open at `now`."""
        now = now or timezone.now()
        if booking.status != self.offered:
            raise OfferClosed()
        if booking.offer_expires_at and booking.offer_expires_at < now:
            raise OfferExpired()

    def accept_offer(self, booking, status, now=None):
        """The open offer becomes a place with `status` (the booking freshly read under the lock)."""
        self.check_offer(booking, now)
        booking.status, booking.offer_expires_at = status, None
        booking.save()
        return booking

    # The periodic task

    def expire_offers(self, now=None):
        """Offers not taken in time lapse and go to the next person (idempotent); one transaction per slot."""
        now = now or timezone.now()
        expired = 0
        lapsing = self.booking_model.objects.filter(status=self.offered, offer_expires_at__lt=now)
        for slot_id in lapsing.values_list(f"{self.slot_field}_id", flat=True).distinct():
            with transaction.atomic():
                slot = self.slot_model.objects.select_for_update().get(pk=slot_id)
                lapsed = self.bookings(slot).filter(status=self.offered, offer_expires_at__lt=now)
                expired += lapsed.update(status=self.lapsed, offer_expires_at=None)
                self.offer_free_places(slot, now)
        return expired

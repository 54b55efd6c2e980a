"""Registering for an event without overbooking: core.capacity's places, waiting list and offers, described for
events (`PLACES`). An event without a limit (`capacity` empty) has room for everyone.

Who may register and how, the confirmation of a guest's email address, the messages and the mails are the
events app's own and live beside this (participation.events.registration_views, notifications).
"""

from core.capacity import Places
from participation.events.models import EventPage, Registration

OFFER_HOURS = 24


class EventPlaces(Places):
    """An event's places, booked by registrations (a guest's once her email address is confirmed)."""

    slot_model = EventPage
    booking_model = Registration
    slot_field = "event"
    person_field = "user"
    holding = Registration.HOLDS_A_PLACE
    waitlisted = Registration.Status.WAITLISTED
    offered = Registration.Status.OFFERED
    lapsed = Registration.Status.CANCELLED
    offer_hours = OFFER_HOURS

    def capacity(self, slot):
        # No limit: more places than people could ever register.
        return slot.capacity if slot.capacity is not None else 10**9


PLACES = EventPlaces()

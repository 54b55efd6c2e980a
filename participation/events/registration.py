"""Registering for an event without overbooking: core.capacity's places, waiting list and offers, described for
events (`PLACES`). An event without a limit (`capacity` empty) has room for everyone.

What is the events app's own lives here too: who may register and how (a signed-in resident and staff at the
desk or on the phone book at once; a guest's registration holds no place until she confirms her email address),
the accessibility requests made with a registration, cancelling (the place goes to the next in line) and taking
an offered place. Every change of places takes `PLACES.lock` (the person's row, then the event's) inside one
transaction and counts again under it. Mails go after commit (participation.events.notifications).
"""

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from core.capacity import OfferClosed, OfferExpired, Places
from participation.events import notifications
from participation.events.models import AccessibilityRequest, EventPage, Registration

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

    def notify(self, booking):
        notifications.mail_after_commit(booking, "offered")


PLACES = EventPlaces()


class RegistrationError(Exception):
    """A registration that cannot happen, with a message for the person."""


def accepts_requests(event, today=None):
    """Accessibility requests are taken until the event's request deadline (that day included)."""
    return (today or timezone.localdate()) <= event.request_deadline


def _check_open(event, now):
    if not event.registration:
        raise RegistrationError(_("This event needs no registration: just come."))
    if event.cancelled:
        raise RegistrationError(_("This event has been cancelled."))
    if event.starts_at <= now:
        raise RegistrationError(_("Registration for this event has closed."))


def _add_requests(registration, kinds, details):
    """One request per need, each with the details (the form has one text for all of them: which need it is
    about is hers to say, and each request is answered on its own)."""
    AccessibilityRequest.objects.bulk_create([
        AccessibilityRequest(registration=registration, kind=kind, details=details)
        for kind in AccessibilityRequest.Kind.values if kind in set(kinds)
    ])


@transaction.atomic
def register(event_id, *, name, user=None, email="", phone="", postal_address="", language="de",
             channel=Registration.Channel.ONLINE, registered_by=None, consent_updates=False, requests=(),
             details="", now=None):
    """A new registration, returned. Online by a guest (no `user`, no `registered_by`): saved unconfirmed, holding
    no place, and the confirmation link is mailed. Signed in, or by staff at the desk or on the phone: booked at
    once (a place, or the waiting list). Someone already registered gets her registration back (`resent` set),
    and the mail she needs again."""
    now = now or timezone.now()
    event = PLACES.lock(user, event_id)
    _check_open(event, now)
    existing = _existing(event, user, email, registered_by)
    if existing is not None and existing.status in Registration.ACTIVE:
        existing.resent = True
        notifications.mail_after_commit(existing, "confirm" if existing.status == Registration.Status.UNCONFIRMED
                                        else existing.status, again=True)
        return existing
    from participation.ideas.models import ReceiptCounter

    fields = {"name": name, "email": email, "phone": phone, "postal_address": postal_address, "language": language,
              "channel": channel, "registered_by": registered_by, "consent_updates": consent_updates,
              "reference": ReceiptCounter.next_reference("AN"), "email_confirmed_at": None, "reminded_at": None,
              "confirmation_sent_at": None, "offer_sent_at": None, "attended_at": None}
    if existing is not None:  # registering again after cancelling: a fresh registration on the same row
        existing.requests.all().delete()
        existing.created_at = now  # at the end of the line, as anyone who comes now
    if user is None and registered_by is None:
        registration = existing or Registration(event=event)
        for field, value in fields.items():
            setattr(registration, field, value)
        registration.status = Registration.Status.UNCONFIRMED
        registration.save()
        kind = "confirm"
    else:
        if user is not None:
            fields["email_confirmed_at"] = now
        registration = PLACES.book(event, user, Registration.Status.REGISTERED, booking=existing, **fields)
        kind = registration.status
    _add_requests(registration, requests, details)
    notifications.mail_after_commit(registration, kind)
    return registration


def _existing(event, user, email, registered_by):
    registrations = Registration.objects.filter(event=event)
    if user is not None:
        return registrations.filter(user=user).first()
    if registered_by is None and email:
        # A guest who sends the form twice: one registration per address (the newest active one).
        return (registrations.filter(user__isnull=True, email__iexact=email, status__in=Registration.ACTIVE)
                .order_by("-created_at").first())
    return None


@transaction.atomic
def confirm(registration_id, now=None):
    """A guest clicked the link in her mail: her registration takes a place, or one on the waiting list."""
    now = now or timezone.now()
    registration = Registration.objects.get(pk=registration_id)
    event = PLACES.lock(registration.user, registration.event_id)
    registration.refresh_from_db()
    if registration.status != Registration.Status.UNCONFIRMED:
        return registration  # a second click changes nothing
    _check_open(event, now)
    PLACES.book(event, registration.user, Registration.Status.REGISTERED, booking=registration,
                email_confirmed_at=now)
    notifications.mail_after_commit(registration, registration.status)
    return registration


@transaction.atomic
def cancel(registration_id, now=None, mail=True):
    """She gives up her place (or her spot in line); a freed place is offered to the next person."""
    now = now or timezone.now()
    registration = Registration.objects.get(pk=registration_id)
    event = PLACES.lock(registration.user, registration.event_id)
    registration.refresh_from_db()
    if registration.status == Registration.Status.CANCELLED:
        return registration
    if event.ends_at <= now:
        raise RegistrationError(_("This event is over; there is nothing left to cancel."))
    PLACES.release(registration, event, Registration.Status.CANCELLED, now)
    if mail:
        notifications.mail_after_commit(registration, "cancelled")
    return registration


@transaction.atomic
def accept_offer(registration_id, now=None):
    now = now or timezone.now()
    registration = Registration.objects.get(pk=registration_id)
    PLACES.lock(registration.user, registration.event_id)
    registration.refresh_from_db()
    try:
        PLACES.accept_offer(registration, Registration.Status.REGISTERED, now)
    except OfferExpired:
        raise RegistrationError(_("This offer has expired. The place went to the next person.")) from None
    except OfferClosed:
        raise RegistrationError(_("This offer is no longer open.")) from None
    notifications.mail_after_commit(registration, registration.status)
    return registration


def waiting_position(registration):
    """Her place in the waiting line (1: next to be offered a place), or None when not waiting."""
    if registration.status != Registration.Status.WAITLISTED:
        return None
    ahead = Registration.objects.filter(event_id=registration.event_id, status=Registration.Status.WAITLISTED,
                                        created_at__lte=registration.created_at).exclude(pk=registration.pk)
    ahead = ahead.exclude(created_at=registration.created_at, pk__gt=registration.pk)
    return ahead.count() + 1


def request_counts(events):
    """For dashboards: per need, how many requests to the given events (pages or ids) are open and how many
    answered (arranged or not possible). Every kind is listed, with zeros; one query."""
    ids = [getattr(event, "pk", event) for event in events]
    counts = {kind: {"label": label, "open": 0, "answered": 0} for kind, label in AccessibilityRequest.Kind.choices}
    rows = (AccessibilityRequest.objects.standing().filter(registration__event_id__in=ids)
            .values("kind", "status").annotate(n=Count("pk")))
    for row in rows:
        if row["kind"] in counts:
            key = "open" if row["status"] == AccessibilityRequest.Status.OPEN else "answered"
            counts[row["kind"]][key] += row["n"]
    return counts

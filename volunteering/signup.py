"""Signing up for shifts without overbooking.

The places themselves are core.capacity's (`PLACES` describes shifts and sign-ups to it): every change to who
holds a place runs in one transaction that locks, in a fixed order, the volunteer's row and then the shift's
row (the order never varies, so two requests cannot deadlock), re-counts the places under the lock, and relies
on the unique volunteer × shift constraint. A freed place is offered to the next person on the waiting list,
who has OFFER_HOURS to take it; until then the offer holds the place.

What is volunteering's own stays here: who may sign up and when, confirmation at once when the organisation
auto-confirms, the messages, and the mails (notify_status).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.capacity import OfferClosed, OfferExpired, Places
from volunteering.models import Shift, Signup
from volunteering.notifications import notify_status

OFFER_HOURS = 24
# What a volunteer can still withdraw from (attendance, once recorded, stays as it is).
CANCELLABLE = (Signup.Status.REQUESTED, Signup.Status.CONFIRMED, Signup.Status.WAITLISTED, Signup.Status.OFFERED)


class ShiftPlaces(Places):
    """A shift's places, booked by sign-ups."""

    slot_model = Shift
    booking_model = Signup
    slot_field = "shift"
    person_field = "volunteer"
    holding = Signup.HOLDS_A_PLACE
    waitlisted = Signup.Status.WAITLISTED
    offered = Signup.Status.OFFERED
    lapsed = Signup.Status.CANCELLED
    offer_hours = OFFER_HOURS
    slot_related = ("opportunity__organisation",)

    def notify(self, booking):
        notify_status(booking)


PLACES = ShiftPlaces()


class SignupError(Exception):
    """A sign-up that cannot happen, with a message for the person."""


def _place_status(shift):
    """What a free place becomes: confirmed at once if the organisation auto-confirms, else requested."""
    return Signup.Status.CONFIRMED if shift.opportunity.organisation.auto_confirm else Signup.Status.REQUESTED


@transaction.atomic
def sign_up(shift_id, user, now=None, channel=Signup.Channel.ONLINE, registered_by=None):
    """Request a place (confirmed at once if the organisation auto-confirms), or join the waiting list.
    At the volunteer desk a coordinator signs a person up: `channel` desk and `registered_by`."""
    now = now or timezone.now()
    shift = PLACES.lock(user, shift_id)
    if not shift.opportunity.is_public:
        raise SignupError(_("This opportunity is not open for sign-ups."))
    if shift.starts_at <= now:
        raise SignupError(_("This shift has already started."))
    signup = Signup.objects.filter(shift=shift, volunteer=user).first()
    if signup is not None and signup.status not in (Signup.Status.CANCELLED, Signup.Status.DECLINED):
        return signup  # signed up already: nothing changes
    if signup is not None and signup.status == Signup.Status.DECLINED:
        raise SignupError(_("The organisation has declined your request for this shift."))
    # Signing up again after withdrawing starts afresh: the mails of the earlier sign-up count no more.
    signup = PLACES.book(shift, user, _place_status(shift), booking=signup, channel=channel,
                         registered_by=registered_by, confirmation_sent_at=None, offer_sent_at=None, nudged_at=None,
                         reminded_72h_at=None, reminded_24h_at=None)
    notify_status(signup)
    return signup


@transaction.atomic
def cancel(signup_id, user, now=None):
    """The volunteer cancels; a place they held goes to the next person on the waiting list."""
    signup = Signup.objects.get(pk=signup_id, volunteer=user)
    shift = PLACES.lock(user, signup.shift_id)
    signup.refresh_from_db()
    if signup.status == Signup.Status.CANCELLED:
        return signup
    if signup.status not in CANCELLABLE:
        raise SignupError(_("This sign-up can no longer be withdrawn."))
    return PLACES.release(signup, shift, Signup.Status.CANCELLED, now)


def offer_free_places(shift, now=None):
    """Inside a transaction that holds the shift's lock: offer every free place to the next in line."""
    return PLACES.offer_free_places(shift, now)


@transaction.atomic
def accept_offer(signup_id, user, now=None):
    now = now or timezone.now()
    signup = Signup.objects.get(pk=signup_id, volunteer=user)
    shift = PLACES.lock(user, signup.shift_id)
    signup.refresh_from_db()
    try:
        PLACES.accept_offer(signup, _place_status(shift), now)
    except OfferExpired:
        raise SignupError(_("This offer has expired. The place went to the next person.")) from None
    except OfferClosed:
        raise SignupError(_("This offer is no longer open.")) from None
    notify_status(signup)
    return signup


def expire_offers(now=None):
    """Offers not taken in time lapse and go to the next person (idempotent; Celery beat)."""
    return PLACES.expire_offers(now)

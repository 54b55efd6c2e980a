"""Signing up for shifts without overbooking.

Every change to who holds a place runs in one transaction that locks, in a fixed order, the
volunteer's row and then the shift's row (the order never varies, so two requests cannot deadlock),
re-counts the places under the lock, and relies on the unique volunteer × shift constraint. A freed
place is offered to the next person on the waiting list, who has OFFER_HOURS to take it; until then
the offer holds the place.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from volunteering.models import Shift, Signup
from volunteering.notifications import notify_status

OFFER_HOURS = 24
# What a volunteer can still withdraw from (attendance, once recorded, stays as it is).
CANCELLABLE = (Signup.Status.REQUESTED, Signup.Status.CONFIRMED, Signup.Status.WAITLISTED, Signup.Status.OFFERED)


class SignupError(Exception):
    """A sign-up that cannot happen, with a message for the person."""


def _lock(user, shift_id):
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    return Shift.objects.select_for_update(of=("self",)).select_related("opportunity__organisation").get(pk=shift_id)


def _taken(shift):
    return Signup.objects.filter(shift=shift, status__in=Signup.HOLDS_A_PLACE).count()


@transaction.atomic
def sign_up(shift_id, user, now=None, channel=Signup.Channel.ONLINE, registered_by=None):
    """Request a place (confirmed at once if the organisation auto-confirms), or join the waiting list.
    At the volunteer desk a coordinator signs a person up: `channel` desk and `registered_by`."""
    now = now or timezone.now()
    shift = _lock(user, shift_id)
    opportunity = shift.opportunity
    if not opportunity.is_public:
        raise SignupError(_("This opportunity is not open for sign-ups."))
    if shift.starts_at <= now:
        raise SignupError(_("This shift has already started."))
    signup = Signup.objects.filter(shift=shift, volunteer=user).first()
    if signup is not None and signup.status not in (Signup.Status.CANCELLED, Signup.Status.DECLINED):
        return signup  # signed up already: nothing changes
    if signup is not None and signup.status == Signup.Status.DECLINED:
        raise SignupError(_("The organisation has declined your request for this shift."))
    if _taken(shift) < shift.capacity:
        status = Signup.Status.CONFIRMED if opportunity.organisation.auto_confirm else Signup.Status.REQUESTED
    else:
        status = Signup.Status.WAITLISTED
    if signup is None:
        signup = Signup(shift=shift, volunteer=user)
    signup.status, signup.offer_expires_at = status, None
    signup.channel, signup.registered_by = channel, registered_by
    # Signing up again after withdrawing starts afresh: the mails of the earlier sign-up count no more.
    signup.confirmation_sent_at = signup.offer_sent_at = signup.nudged_at = None
    signup.reminded_72h_at = signup.reminded_24h_at = None
    signup.save()
    notify_status(signup)
    return signup


@transaction.atomic
def cancel(signup_id, user, now=None):
    """The volunteer cancels; a place they held goes to the next person on the waiting list."""
    signup = Signup.objects.get(pk=signup_id, volunteer=user)
    shift = _lock(user, signup.shift_id)
    signup.refresh_from_db()
    if signup.status == Signup.Status.CANCELLED:
        return signup
    if signup.status not in CANCELLABLE:
        raise SignupError(_("This sign-up can no longer be withdrawn."))
    signup.status, signup.offer_expires_at = Signup.Status.CANCELLED, None
    signup.save()
    offer_free_places(shift, now)
    return signup


def offer_free_places(shift, now=None):
    """Inside a transaction that holds the shift's lock: offer every free place to the next in line."""
    now = now or timezone.now()
    offered = []
    free = shift.capacity - _taken(shift)
    waiting = Signup.objects.filter(shift=shift, status=Signup.Status.WAITLISTED).order_by("created_at", "pk")
    for signup in waiting[:max(0, free)]:
        signup.status = Signup.Status.OFFERED
        signup.offer_expires_at = now + datetime.timedelta(hours=OFFER_HOURS)
        signup.save(update_fields=["status", "offer_expires_at", "updated_at"])
        notify_status(signup)
        offered.append(signup)
    return offered


@transaction.atomic
def accept_offer(signup_id, user, now=None):
    now = now or timezone.now()
    signup = Signup.objects.get(pk=signup_id, volunteer=user)
    shift = _lock(user, signup.shift_id)
    signup.refresh_from_db()
    if signup.status != Signup.Status.OFFERED:
        raise SignupError(_("This offer is no longer open."))
    if signup.offer_expires_at and signup.offer_expires_at < now:
        raise SignupError(_("This offer has expired. The place went to the next person."))
    confirmed = shift.opportunity.organisation.auto_confirm
    signup.status = Signup.Status.CONFIRMED if confirmed else Signup.Status.REQUESTED
    signup.offer_expires_at = None
    signup.save()
    notify_status(signup)
    return signup


def expire_offers(now=None):
    """Offers not taken in time lapse and go to the next person (idempotent; Celery beat)."""
    now = now or timezone.now()
    expired = 0
    for shift_id in (Signup.objects.filter(status=Signup.Status.OFFERED, offer_expires_at__lt=now)
                     .values_list("shift_id", flat=True).distinct()):
        with transaction.atomic():
            shift = Shift.objects.select_for_update().get(pk=shift_id)
            lapsed = Signup.objects.filter(shift=shift, status=Signup.Status.OFFERED, offer_expires_at__lt=now)
            expired += lapsed.update(status=Signup.Status.CANCELLED, offer_expires_at=None)
            offer_free_places(shift, now)
    return expired

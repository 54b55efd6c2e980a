"""Background jobs of events: the reminder the day before, offers not taken in time, the retention schedule.

Each job is safe to run twice; the docstrings say why. The work lives in participation.events.notifications,
registration and retention, so it can be called (and tested) without Celery.
"""

import datetime

from celery import shared_task
from django.db.models import F
from django.utils import timezone

from participation.events import notifications, retention
from participation.events.models import Registration
from participation.events.registration import PLACES

REMIND_BEFORE = datetime.timedelta(hours=24)


def due_reminders(now):
    """Registrations with a place whose event starts within the next 24 hours and that were not reminded yet;
    not those made in the last 24 hours before the event (their confirmation has just come)."""
    return Registration.objects.filter(
        status=Registration.Status.REGISTERED, reminded_at__isnull=True, event__cancelled=False,
        event__starts_at__gt=now, event__starts_at__lte=now + REMIND_BEFORE,
        created_at__lt=F("event__starts_at") - REMIND_BEFORE)


@shared_task
def send_reminders(now=None):
    """The reminder with the cancel link, the day before. Safe twice: reminded_at is checked and set under the
    registration's row lock in the transaction that stores the mail. Returns how many went out."""
    now = now or timezone.now()
    return sum(notifications.send_registration_mail(pk, "reminder", now=now)
               for pk in due_reminders(now).values_list("pk", flat=True))


@shared_task
def expire_offers(now=None):
    """Offers not taken in time lapse and go to the next person. Safe twice: only open offers past their time
    are touched, each event under its lock (core.capacity)."""
    return PLACES.expire_offers(now)


@shared_task
def apply_retention(now=None):
    """Requests deleted and registrations blanked after the event (participation.events.retention). Safe
    twice: only what is still due is selected."""
    return retention.apply_retention(now)

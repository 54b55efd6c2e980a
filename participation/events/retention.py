"""What events delete on schedule (the list of all rules: RETENTION_RULES in settings; the beat task
participation.events.tasks.apply_retention runs this daily).

The decision, counted from the event's end:
- Accessibility requests are deleted EVENT_REQUEST_RETENTION_DAYS (30) after the event. They say something about
  a person's body or family, they are needed only to arrange the day, and a month leaves time for questions
  afterwards (an interpreter's invoice, a complaint). Dashboards count them only until then (request_counts).
- Registrations keep their status, channel and check-in (the numbers of who came stay countable), but their
  personal fields (name, email address, phone, postal address, the account) are blanked
  EVENT_REGISTRATION_RETENTION_DAYS (90) after the event: time for the result and the minutes to be sent to
  those who asked for news (consent_updates), and for the organisers' follow-up. The receipt link stops working
  (the token is renewed).
- A guest's registration never confirmed holds only a name and an address nobody confirmed: it goes
  GUEST_SUBMISSION_RETENTION_DAYS after it was made, like an unconfirmed guest idea (the confirmation link says so).
Each run is safe twice: it selects only what is still due.
"""

import datetime
import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from participation.events.models import AccessibilityRequest, Registration

BLANK = {"name": "", "email": "", "phone": "", "postal_address": "", "user": None}


def blank(registrations):
    """Blank the personal fields of the given registrations (a queryset); returns how many."""
    count = 0
    for pk in registrations.values_list("pk", flat=True):
        Registration.objects.filter(pk=pk).update(token=uuid.uuid4(), **BLANK)
        count += 1
    return count


def apply_retention(now=None):
    now = now or timezone.now()
    days = datetime.timedelta(days=1)
    with transaction.atomic():
        requests, _by_kind = AccessibilityRequest.objects.filter(
            registration__event__ends_at__lt=now - settings.EVENT_REQUEST_RETENTION_DAYS * days).delete()
        registrations = blank(Registration.objects.filter(
            event__ends_at__lt=now - settings.EVENT_REGISTRATION_RETENTION_DAYS * days)
            .exclude(name="", email="", phone="", postal_address="", user__isnull=True))
        unconfirmed, _by_model = Registration.objects.filter(
            status=Registration.Status.UNCONFIRMED,
            created_at__lt=now - settings.GUEST_SUBMISSION_RETENTION_DAYS * days).delete()
    return {"requests": requests, "registrations": registrations, "unconfirmed": unconfirmed}

"""What events hold about a person, for "download my data", and how an account deletion forgets it: her
registrations for events to come are cancelled (the place goes to the next in line), and every registration of
hers loses its personal fields and its accessibility requests; what stays is a nameless registration that keeps
the event's numbers right (as the retention schedule leaves it, participation.events.retention)."""

from django.utils import timezone

from participation.events import registration as booking
from participation.events.models import AccessibilityRequest, Registration
from participation.events.retention import blank


def registrations(user):
    rows = (Registration.objects.filter(user=user).select_related("event").prefetch_related("requests")
            .order_by("event__starts_at", "pk"))
    return [
        {"event": registration.event.title, "starts_at": registration.event.starts_at,
         "receipt_number": registration.reference, "status": registration.status, "channel": registration.channel,
         "name": registration.name, "email": registration.email, "phone": registration.phone,
         "postal_address": registration.postal_address, "news_about_the_event": registration.consent_updates,
         "registered_at": registration.created_at, "checked_in_at": registration.attended_at,
         "accessibility_requests": [
             {"need": request.kind, "details": request.details, "status": request.status, "answer": request.answer,
              "answered_at": request.answered_at}
             for request in registration.requests.all()]}
        for registration in rows
    ]


def forget(user, now=None):
    """Inside the deletion's transaction (the user's row is locked first, as PLACES.lock wants)."""
    now = now or timezone.now()
    upcoming = Registration.objects.filter(user=user, status__in=Registration.ACTIVE, event__ends_at__gt=now)
    for registration_id in upcoming.values_list("pk", flat=True):
        booking.cancel(registration_id, now, mail=False)  # offers the freed place to the next person in line
    AccessibilityRequest.objects.filter(registration__user=user).delete()
    blank(Registration.objects.filter(user=user))


def register():
    from core.registry import register_account_eraser, register_personal_data

    register_personal_data("event_registrations", registrations)
    register_account_eraser(forget)

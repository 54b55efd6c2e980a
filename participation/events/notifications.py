"""Mails about registrations, in the language she registered in, and the signed link inside them.

Kinds: confirm (a guest's link to confirm her email address), registered (with the receipt number, the calendar
entry and the cancel link), waitlisted, offered (a place became free: take it by the deadline), cancelled, reminder
(the day before, with the cancel link), answer (an organiser answered an accessibility request) and event_cancelled
(the organisers cancelled the event: with a METHOD:CANCEL calendar entry, so a calendar that took the event removes
it). Every link leads to the registration's own page (`detail_url`), which shows her status and has the buttons to
confirm, cancel or take an offered place.

Mails are sent after the change is committed (`mail_after_commit`); core.mail stores each one before the worker
delivers it. The offer and the reminder set their marker (`offer_sent_at`, `reminded_at`) on the locked row in
the transaction that stores the mail, so a second run sends nothing. Registrations without an email address
(at the desk, by phone) get no mail: the desk tells them.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core import links

# The link is her key to the registration's page: signed, so only a link the site made opens it; it names the
# registration's random token, so the link of an erased registration (a new token) opens nothing.
_LINK_SALT = "participation.events.registration"


def link_token(registration):
    return signing.dumps(registration.token.hex, salt=_LINK_SALT)


def token_matches(registration, token):
    try:
        return signing.loads(token, salt=_LINK_SALT) == registration.token.hex
    except signing.BadSignature:
        return False


def detail_path(registration, page=None):
    page = page or registration.event
    return (page.url + page.reverse_subpage("registration_detail", args=[registration.reference])
            + "?" + urlencode({"token": link_token(registration)}))


def page_in_her_language(registration):
    """The event page in the language she registered in, where it is published; else the event's own page. Mails
    name and link that one, so a registration made on the Turkish page leads back to the Turkish page."""
    from wagtail.models import Locale

    event = registration.event
    locale = Locale.objects.filter(language_code=registration.language).first()
    if locale is not None and locale.pk != event.locale_id:
        translated = event.get_translation_or_none(locale)
        if translated is not None and translated.live:
            return translated.specific
    return event


def _absolute(registration, path):
    return links.absolute(path, site=registration.event.get_site())


def recipient(registration):
    if registration.email:
        return registration.email
    if registration.user_id and registration.user.email:
        return registration.user.email
    return ""


def mail_after_commit(registration, kind, **extra):
    """Send the mail of `kind` once the current transaction has committed (nothing if it rolls back)."""
    registration_id = registration.pk
    transaction.on_commit(lambda: send_registration_mail(registration_id, kind, **extra), robust=True)


def _due(registration, kind, now, again):
    """Whether the mail of `kind` is due for the (locked) registration; sets the marker that keeps a second run
    from sending it again."""
    from participation.events.models import Registration

    status = registration.status
    if kind == "offered":
        if status != Registration.Status.OFFERED or (registration.offer_sent_at and not again):
            return False
        registration.offer_sent_at = now
    elif kind == "reminder":
        if status != Registration.Status.REGISTERED or registration.reminded_at is not None:
            return False
        registration.reminded_at = now
    elif kind == "confirm":
        return status == Registration.Status.UNCONFIRMED
    elif kind == "event_cancelled":
        if (not registration.event.cancelled or registration.event_cancelled_sent_at is not None
                or status not in Registration.ACTIVE):
            return False
        registration.event_cancelled_sent_at = now
    elif kind in ("registered", "waitlisted"):
        if status != kind:
            return False
        registration.confirmation_sent_at = now
    return True


@transaction.atomic
def send_registration_mail(registration_id, kind, request_id=None, now=None, again=False):
    """The mail of `kind` for the registration; returns whether one went out. `again`: she asked for it once
    more (sent the form a second time), so an offer mail goes out although one went before."""
    from participation.events.models import AccessibilityRequest, Registration

    now = now or timezone.now()
    registration = (Registration.objects.select_for_update(of=("self",)).select_related("event", "user")
                    .filter(pk=registration_id).first())
    if registration is None or not recipient(registration):
        return False
    if not _due(registration, kind, now, again):
        return False
    registration.save(update_fields=["offer_sent_at", "reminded_at", "confirmation_sent_at",
                                     "event_cancelled_sent_at", "updated_at"])
    event = page_in_her_language(registration)
    context = {
        "registration": registration, "event": event,
        "detail_url": _absolute(registration, detail_path(registration, event)),
        "event_url": _absolute(registration, event.url),
        "ics_url": _absolute(registration, event.ics_path),
        "confirm_days": settings.GUEST_SUBMISSION_RETENTION_DAYS,
        "answered": AccessibilityRequest.objects.filter(pk=request_id, registration=registration).first()
        if request_id else None,
    }
    with translation.override(registration.language):
        context["starts"] = timezone.localtime(event.starts_at)
        subject = render_to_string(f"events/mail/{kind}_subject.txt", context).strip()
        body = render_to_string(f"events/mail/{kind}.txt", context)
    if kind == "event_cancelled":
        from participation.events.calendar import calendar

        message = EmailMessage(subject, body, None, [recipient(registration)])
        # The event's own page: a translation's copy of "cancelled" may lag behind until it is republished.
        message.attach(f"{event.slug}.ics", calendar([registration.event], method="CANCEL"),
                       "text/calendar; method=CANCEL")
        message.send()
    else:
        send_mail(subject, body, None, [recipient(registration)])
    return True


def notify_cancellation(event):
    """The organisers cancelled the event: everyone registered or waiting hears of it, once each (after the
    commit; the marker on each registration keeps a second publish from mailing again)."""
    from participation.events.models import Registration

    for registration in Registration.objects.filter(event=event, status__in=Registration.ACTIVE,
                                                    event_cancelled_sent_at__isnull=True):
        mail_after_commit(registration, "event_cancelled")

"""Barrier reports: receiving them, answering them, and forgetting the reporter after the retention period.

Every mail goes out once: its marker (`confirmation_sent_at`, `answer_sent_at`) is checked and set on the
locked row in the transaction that stores the mail (core.mail), so running a sender twice sends one mail.
Mails are written in the language the report was made in.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accessibility.models import FeedbackTicket
from core import links
from core.dispatch import dispatch

logger = logging.getLogger(__name__)


def site_root():
    """The default site's address (core.links): the worker has no request to build links from."""
    return links.site_root()


def _send(kind, ticket, context):
    with translation.override(ticket.language or settings.LANGUAGE_CODE):
        url = site_root() + reverse("accessibility:feedback")
        context = {"ticket": ticket, "feedback_url": url, **context}
        subject = render_to_string(f"accessibility/mail/{kind}_subject.txt", context).strip()
        body = render_to_string(f"accessibility/mail/{kind}.txt", context)
    EmailMessage(subject, body, None, [ticket.email]).send()


def receive(form, language, site=None):
    """Store a report from the public form (at `site`: the municipality that answers it) and mail the confirmation
    (queued after commit) if an address was given. Returns the ticket."""
    data = form.cleaned_data
    with transaction.atomic():
        ticket = FeedbackTicket.objects.create(
            kind=data["kind"], page=data.get("page", ""), description=data["description"],
            preferred_format=data.get("preferred_format", ""), name=data.get("name", ""),
            email=data.get("email", ""), language=language, site=site,
        )
        send_confirmation(ticket.pk)
    return ticket


def send_confirmation(ticket_id):
    """The confirmation with the number and the due date, once."""
    with transaction.atomic():
        ticket = FeedbackTicket.objects.select_for_update().filter(pk=ticket_id).first()
        if ticket is None or not ticket.email or ticket.confirmation_sent_at:
            return False
        _send("confirmation", ticket, {})
        FeedbackTicket.objects.filter(pk=ticket.pk).update(confirmation_sent_at=timezone.now())
    return True


def record_staff_change(ticket, user, changed):
    """Call after staff saved the ticket in the admin (inside the transaction): stamps the answer and the
    closing, and hands the answer mail to the worker after commit."""
    now = timezone.now()
    updates = {}
    answering = ticket.status == FeedbackTicket.Status.ANSWERED and ({"status", "answer"} & set(changed))
    if answering or (ticket.answered_at and "answer" in changed and ticket.answer):
        updates.update(answered_at=now, answered_by=user)
    if ticket.status == FeedbackTicket.Status.CLOSED and not ticket.closed_at:
        updates["closed_at"] = now
    elif ticket.status != FeedbackTicket.Status.CLOSED and ticket.closed_at:
        updates["closed_at"] = None
    if updates:
        FeedbackTicket.objects.filter(pk=ticket.pk).update(**updates)
        for name, value in updates.items():
            setattr(ticket, name, value)
    if "answered_at" in updates and ticket.email and ticket.answer:
        from accessibility.tasks import send_feedback_answer

        ticket_id = ticket.pk
        # robust: a broker that is down must not undo the answer; send_missed_answers catches up.
        transaction.on_commit(lambda: dispatch(send_feedback_answer, ticket_id), robust=True)


def send_answer(ticket_id):
    """The staff answer to the reporter, once per answer: sent if `answer_sent_at` is older than
    `answered_at` (a corrected answer goes out again), checked and set under the row lock."""
    with transaction.atomic():
        ticket = FeedbackTicket.objects.answers_to_send().select_for_update().filter(pk=ticket_id).first()
        if ticket is None:
            return False
        _send("answer", ticket, {})
        FeedbackTicket.objects.filter(pk=ticket.pk).update(answer_sent_at=max(timezone.now(), ticket.answered_at))
    return True


def send_missed_answers(now=None):
    """Answers whose hand-over to the worker failed go out late, not never (answered over 5 minutes ago)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(minutes=5)
    sent = 0
    for ticket_id in FeedbackTicket.objects.answers_to_send().filter(answered_at__lt=cutoff).values_list(
            "pk", flat=True)[:200]:
        sent += send_answer(ticket_id)
    return sent


def delete_expired_personal_data(now=None):
    """Blank the reporter's name and address on closed reports past FEEDBACK_RETENTION_DAYS; the report
    itself stays for the statistics the monitoring body asks for. Returns the number of reports changed."""
    now = now or timezone.now()
    changed = FeedbackTicket.objects.personal_data_expired(now).update(name="", email="",
                                                                        personal_data_deleted_at=now)
    if changed:
        logger.info("Removed the reporter's name and address from %s closed barrier reports", changed)
    return changed

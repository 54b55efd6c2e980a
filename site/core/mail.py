"""Mail that is never lost: store first, then send from the Celery worker after commit.

``QueuedEmailBackend`` is Django's EMAIL_BACKEND. It writes each message to
:class:`core.models.OutgoingEmail` inside the caller's transaction and enqueues
``core.tasks.send_outgoing_email`` with ``transaction.on_commit``: if the transaction
rolls back, nothing is sent; if the worker or mail server is down, the row stays and
``retry_unsent_mail`` (Celery beat) sends it later. The worker delivers with
``settings.DELIVERY_EMAIL_BACKEND`` (SMTP, file or console).
"""

import base64
import logging
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerUnavailable

logger = logging.getLogger(__name__)


def serialise_message(message):
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[content, mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": [_serialise_attachment(attachment) for attachment in message.attachments],
    }


def _serialise_attachment(attachment):
    filename, content, mimetype = attachment
    if isinstance(content, str):
        content = content.encode()
    return {"filename": filename, "content": base64.b64encode(content).decode("ascii"), "mimetype": mimetype}


def _queueable(message):
    """Attachments given as (filename, content, mimetype) are stored with the message; a ready-made MIME
    part is not (none of our mails builds one), so such a message goes out at once."""
    return not any(isinstance(attachment, MIMEBase) for attachment in message.attachments)


def deserialise_message(data, connection=None):
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        connection=connection,
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for attachment in data.get("attachments", []):  # mails stored before attachments were queued have none
        # Bytes back; attach() decodes text/* types (an .ics stays text/calendar).
        message.attach(attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"])
    return message


def delivery_connection():
    return get_connection(settings.DELIVERY_EMAIL_BACKEND)


def enqueue(email_id):
    """Hand a stored mail to the worker. With the broker down the submission still stands (this runs after
    its commit): the row stays unsent and ``retry_unsent_mail`` sends it once the broker is back."""
    from core.tasks import send_outgoing_email

    try:
        send_outgoing_email.delay(email_id)
    except (BrokerUnavailable, OSError):
        logger.warning("Broker unreachable: mail %s waits for retry_unsent_mail", email_id, exc_info=True)


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        from core.models import OutgoingEmail

        count = 0
        for message in email_messages:
            if not _queueable(message):
                count += delivery_connection().send_messages([message])
                continue
            stored = OutgoingEmail.objects.create(
                subject=message.subject[:998],
                recipients=message.recipients(),
                message=serialise_message(message),
            )
            transaction.on_commit(lambda pk=stored.pk: enqueue(pk))
            count += 1
        return count

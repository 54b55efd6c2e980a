"""Mail is stored before it is sent, sent after commit, and never sent twice."""

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction

from core.models import OutgoingEmail
from core.tasks import send_outgoing_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued_mail(settings):
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    settings.DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_mail_is_stored_and_sent_only_after_commit(queued_mail, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Ihre Idee ist eingegangen", "Danke!", None, ["anna@example.org"])
        stored = OutgoingEmail.objects.get()
        assert stored.sent_at is None
        assert mail.outbox == []  # nothing leaves before the transaction commits
    stored.refresh_from_db()
    assert stored.sent_at is not None
    assert [m.subject for m in mail.outbox] == ["Ihre Idee ist eingegangen"]
    assert mail.outbox[0].to == ["anna@example.org"]


def test_rolled_back_transaction_sends_nothing(queued_mail, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                send_mail("Nie gesendet", "…", None, ["anna@example.org"])
                raise RuntimeError("the submission failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert OutgoingEmail.objects.count() == 0
    assert mail.outbox == []


def test_running_the_task_twice_sends_once(queued_mail):
    message = EmailMultiAlternatives("Erinnerung", "Text", "team@luebeck.example", ["bernd@example.org"])
    message.attach_alternative("<p>Text</p>", "text/html")
    message.send()
    stored = OutgoingEmail.objects.get()
    send_outgoing_email(stored.pk)
    send_outgoing_email(stored.pk)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_attachments_are_queued_with_the_mail_and_arrive_unchanged(queued_mail, django_capture_on_commit_callbacks):
    calendar = "BEGIN:VCALENDAR\r\nSUMMARY:Lebensmittel ausgeben – Tafel\r\nEND:VCALENDAR\r\n"
    pdf = b"%PDF-1.4 \x00\xff\xfe binary"
    message = EmailMultiAlternatives("Ihre Schicht", "Im Anhang der Termin.", None, ["dora@example.org"])
    message.attach("schicht.ics", calendar, "text/calendar")
    message.attach("nachweis.pdf", pdf, "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        message.send()
        stored = OutgoingEmail.objects.get()  # stored like every other mail, not sent past the queue
        assert mail.outbox == []
    assert [a["filename"] for a in stored.message["attachments"]] == ["schicht.ics", "nachweis.pdf"]
    (sent,) = mail.outbox
    assert [tuple(a) for a in sent.attachments] == [("schicht.ics", calendar, "text/calendar"),
                                                    ("nachweis.pdf", pdf, "application/pdf")]
    assert "schicht.ics" in sent.message().as_string()


def test_failed_delivery_keeps_the_mail_with_the_error(queued_mail, settings):
    settings.DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    send_mail("Wichtig", "Text", None, ["carla@example.org"])
    stored = OutgoingEmail.objects.get()
    with pytest.raises(ConnectionRefusedError):  # called directly, the retry re-raises the cause
        send_outgoing_email(stored.pk)
    stored.refresh_from_db()
    assert stored.sent_at is None
    assert stored.attempts == 1
    assert "Error" in stored.last_error

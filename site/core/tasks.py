"""Site-wide background jobs."""

import logging
from datetime import timedelta

from celery import shared_task
from celery.signals import worker_ready
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from core.dispatch import dispatch
from core.mail import delivery_connection, deserialise_message

logger = logging.getLogger(__name__)

MAX_SEND_ATTEMPTS = 10  # after this many failures a mail is given up (and later deleted with the sent ones)


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_outgoing_email(self, email_id):
    """Send one stored mail. Safe twice: the row is locked and skipped once ``sent_at`` is set."""
    from core.models import OutgoingEmail

    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id, sent_at__isnull=True).first()
        if email is None:
            return "already sent"
        try:
            deserialise_message(email.message, connection=delivery_connection()).send()
        except Exception as exc:  # noqa: BLE001 - any delivery failure is kept and retried
            error = exc
        else:
            email.attempts += 1
            email.sent_at = timezone.now()
            email.last_error = ""
            email.save(update_fields=["attempts", "last_error", "sent_at"])
            return "sent"
    # Recorded outside the transaction above, which the retry would otherwise roll back.
    last_error = f"{type(error).__name__}: {error}"
    OutgoingEmail.objects.filter(pk=email_id).update(attempts=F("attempts") + 1, last_error=last_error)
    logger.warning("Mail %s not sent: %s", email_id, last_error)
    raise self.retry(exc=error)


@shared_task
def retry_unsent_mail():
    """Re-enqueue mails still unsent after five minutes. Safe twice: sending skips sent mails."""
    from core.models import OutgoingEmail

    cutoff = timezone.now() - timedelta(minutes=5)
    pending = OutgoingEmail.objects.filter(sent_at__isnull=True, created_at__lt=cutoff,
                                           attempts__lt=MAX_SEND_ATTEMPTS)
    for email_id in pending.values_list("pk", flat=True)[:500]:
        send_outgoing_email.delay(email_id)


@shared_task
def recover_stalled_jobs():
    """Jobs people start and watch (exports, data exports, print batches, scan imports) whose worker died are
    sent again or failed with a message; waiting ones whose message was lost are sent again (core.jobs).
    Safe twice: each job is re-checked under its row lock, and every job task finishes a job once."""
    from core.jobs import recover_stalled

    return recover_stalled()


@worker_ready.connect(dispatch_uid="core.tasks.recover_at_worker_start")
def recover_at_worker_start(sender=None, **kwargs):
    """A worker that (re)starts looks for jobs a dead worker left at once, not only at the next beat."""
    dispatch(recover_stalled_jobs)


@shared_task
def delete_old_mail(now=None):
    """Delete stored mails SENT_MAIL_RETENTION_DAYS after they were sent or given up (they hold addresses and
    texts). Safe twice: deleted rows are gone, and unsent mails still being retried are never selected."""
    from core.models import OutgoingEmail

    cutoff = (now or timezone.now()) - timedelta(days=settings.SENT_MAIL_RETENTION_DAYS)
    given_up = Q(sent_at__isnull=True, attempts__gte=MAX_SEND_ATTEMPTS, created_at__lt=cutoff)
    deleted, _by_model = OutgoingEmail.objects.filter(Q(sent_at__lt=cutoff) | given_up).delete()
    return deleted


@shared_task
def publish_scheduled_pages():
    """Publish pages whose go-live time has come. Safe twice: published pages are skipped. Versions of pages
    under a workflow that no approval passed are withdrawn first (core.publishing): the publishing guard
    would refuse them anyway, but they would stay due and be tried again every minute."""
    from core.publishing import withdraw_unapproved_schedules

    withdraw_unapproved_schedules()
    call_command("publish_scheduled")


@shared_task(acks_late=True)
def run_export(job_id):
    """Write an export file. Safe twice (also after a killed worker): the job is claimed under a row lock, a
    finished job or one a live run holds is skipped, and its file has one fixed name, moved into place by the
    run that marks it done."""
    from core.exports import run_job

    return run_job(job_id)


@shared_task
def delete_expired_exports():
    """Delete export files past their download time. Safe twice: files already gone are skipped."""
    from core.exports import delete_expired

    return delete_expired()

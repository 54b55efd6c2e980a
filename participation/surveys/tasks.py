"""Background jobs of surveys."""

from celery import shared_task


@shared_task
def delete_unconfirmed_guest_submissions(now=None):
    """Guest ideas and email-survey responses never confirmed within GUEST_SUBMISSION_RETENTION_DAYS, with their
    images. Safe twice: deleted rows no longer match, and files already gone are skipped."""
    from participation.surveys.retention import delete_unconfirmed_guest_submissions as delete

    return delete(now)

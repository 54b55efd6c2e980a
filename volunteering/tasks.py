"""Background jobs of the volunteering app: mails about sign-ups, reminders, nudges, digests, lapsed offers.

Each job is safe to run twice; the docstrings say why. The work itself lives in volunteering.notifications
and volunteering.signup, so it can be called (and tested) without Celery.
"""

from celery import shared_task

from volunteering import notifications, signup


@shared_task
def send_signup_mail(signup_id):
    """The mail for a sign-up's current status. Safe twice: confirmation_sent_at / offer_sent_at are
    checked and set under the sign-up's row lock."""
    return notifications.send_status_mail(signup_id)


@shared_task
def send_missed_signup_mails(now=None):
    """Status mails that never reached the worker. Safe twice: the same markers as send_signup_mail."""
    return notifications.send_missed_status_mails(now)


@shared_task
def send_shift_reminders(now=None):
    """Reminders 72 h and 24 h before shifts. Safe twice: reminded_72h_at / reminded_24h_at under the lock."""
    return notifications.send_shift_reminders(now)


@shared_task
def nudge_organisations(now=None):
    """Organisations hear about requests waiting 48 h. Safe twice: nudged_at is set under the lock."""
    return notifications.nudge_organisations(now)


@shared_task
def send_weekly_digests(now=None):
    """New suggestions by mail. Safe twice: digest_sent_at under the profile's lock, at most one in 6 days."""
    return notifications.send_weekly_digests(now)


@shared_task
def expire_offers(now=None):
    """Offers not taken in time go to the next person. Safe twice: only offers still open are changed,
    under the shift's lock."""
    return signup.expire_offers(now)


@shared_task
def delete_expired_certificate_records(now=None):
    """Certificate records three months after the engagement ended. Safe twice: deleted rows are gone, and
    the rule only ever selects rows past their date."""
    from volunteering.organisation import delete_expired_certificate_records as delete

    return delete(now)

"""Settings for issue 12 (retention), kept apart so that the parts can be built side by side.
Imported at the end of base.py: names here override base.py's."""

import os


def gettext_noop(text):
    """Marks the rules' texts for translation (the admin page translates them). Not Django's: importing
    django.utils.translation here would read the settings while they are still being made."""
    return text


# Guest ideas whose email address was never confirmed, and email-survey responses whose link was never opened,
# are deleted (with their images) this many days after they were sent. The idea's confirmation link is valid
# exactly as long, so no link outlives its idea.
GUEST_SUBMISSION_RETENTION_DAYS = int(os.environ.get("GUEST_SUBMISSION_RETENTION_DAYS", "7"))
# Police-certificate records: deleted this many days after the volunteer's engagement with the organisation ended.
CERTIFICATE_RETENTION_DAYS = int(os.environ.get("CERTIFICATE_RETENTION_DAYS", "90"))
# Stored mails (core.mail keeps every message as a row) hold addresses and texts: deleted this many days after
# they were sent, or after they were given up (ten failed attempts).
SENT_MAIL_RETENTION_DAYS = int(os.environ.get("SENT_MAIL_RETENTION_DAYS", "30"))

# Events (participation.events.retention): accessibility requests are deleted, registrations' personal fields
# blanked, this many days after the event.
EVENT_REQUEST_RETENTION_DAYS = int(os.environ.get("EVENT_REQUEST_RETENTION_DAYS", "30"))
EVENT_REGISTRATION_RETENTION_DAYS = int(os.environ.get("EVENT_REGISTRATION_RETENTION_DAYS", "90"))


def rule(what, setting, default, task, unit="days"):
    """One retention rule: `what` goes, `setting` (`default` `unit`s) says when, beat runs `task` to delete it."""
    return {"what": what, "setting": setting, "default": default, "unit": unit, "task": task}


# Every retention rule in one place: what goes, the setting that says when (with its default) and the beat
# task that deletes it. The settings themselves live beside the code that reads them; tests/security/
# test_retention.py checks that each one exists and that each task is in CELERY_BEAT_SCHEDULE.
# Inactive accounts (warnings, then deletion) are the GDPR part's rule.
RETENTION_RULES = {
    "guest_submissions": rule(
        gettext_noop("Unconfirmed guest ideas (with their images), unconfirmed email-survey responses, "
                     "unconfirmed addresses to follow a process, images of idea forms that were never sent"),
        "GUEST_SUBMISSION_RETENTION_DAYS", 7, "participation.surveys.tasks.delete_unconfirmed_guest_submissions"),
    "scans": rule(
        gettext_noop("Scans of paper forms once every page of the import is settled (the answers stay)"),
        "SCAN_RETENTION_DAYS", 90, "participation.paper.tasks.delete_settled_scans"),
    "exports": rule(
        gettext_noop("Export files (and pieces of runs that died)"),
        "EXPORT_KEEP_HOURS", 24, "core.tasks.delete_expired_exports", unit="hours"),
    "certificates": rule(
        gettext_noop("Police-certificate records, counted from the end of the last shift with the organisation"),
        "CERTIFICATE_RETENTION_DAYS", 90, "volunteering.tasks.delete_expired_certificate_records"),
    "feedback": rule(
        gettext_noop("Name and address on closed (or answered) barrier reports; the report stays"),
        "FEEDBACK_RETENTION_DAYS", 365, "accessibility.tasks.delete_expired_feedback_personal_data"),
    "event_requests": rule(
        gettext_noop("Accessibility requests made with an event registration, counted from the event's end"),
        "EVENT_REQUEST_RETENTION_DAYS", 30, "participation.events.tasks.apply_retention"),
    "event_registrations": rule(
        gettext_noop("Names and contact details of event registrations, counted from the event's end "
                     "(the numbers stay); unconfirmed guest registrations after the guest submissions' days"),
        "EVENT_REGISTRATION_RETENTION_DAYS", 90, "participation.events.tasks.apply_retention"),
    "sent_mail": rule(
        gettext_noop("Stored mails, once sent or given up"),
        "SENT_MAIL_RETENTION_DAYS", 30, "core.tasks.delete_old_mail"),
}

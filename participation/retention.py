"""What the participation app deletes on schedule (the list of all rules: RETENTION_RULES in settings).

Guest submissions that were never confirmed hold an email address and a text nobody will ever publish:
they go GUEST_SUBMISSION_RETENTION_DAYS after they were sent. Guest supports need no rule: they are stored
only once the link is clicked (until then they exist only as the signed link in the mail).
"""

import datetime
import logging

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from participation.models import Idea, IdeaImage, SurveyResponse
from participation.uploads import PENDING_DIR

logger = logging.getLogger(__name__)

PENDING_IMAGE_HOURS = 24  # as long as the signed token of a kept image is valid (uploads.pending_name)


def guest_retention_days():
    return settings.GUEST_SUBMISSION_RETENTION_DAYS


def unconfirmed_guest_ideas(now=None):
    cutoff = (now or timezone.now()) - datetime.timedelta(days=guest_retention_days())
    return Idea.objects.filter(confirmed_at__isnull=True, author__isnull=True, entered_by__isnull=True,
                               created_at__lt=cutoff)


def unconfirmed_survey_responses(now=None):
    cutoff = (now or timezone.now()) - datetime.timedelta(days=guest_retention_days())
    return SurveyResponse.objects.filter(email_confirmed_at__isnull=True, submitted_at__isnull=True,
                                         started_at__lt=cutoff).exclude(email="")


def delete_unconfirmed_guest_submissions(now=None):
    """Delete what is due; returns {"ideas": n, "responses": n, "pending_images": n}. Safe twice: only rows
    still unconfirmed and past the cutoff match, and the image files of an idea go before its row, so a run
    that dies half-way leaves the row for the next run to finish."""
    now = now or timezone.now()
    ideas = 0
    for idea_id in unconfirmed_guest_ideas(now).values_list("pk", flat=True).iterator(chunk_size=200):
        with transaction.atomic():
            # Locked and re-checked: a click on the confirmation link at this moment keeps the idea whole.
            idea = unconfirmed_guest_ideas(now).select_for_update().filter(pk=idea_id).first()
            if idea is None:
                continue
            for image in IdeaImage.objects.filter(idea=idea):
                image.file.delete(save=False)  # a file already gone (a run that died here) is skipped
            idea.delete()
        ideas += 1
    responses = unconfirmed_survey_responses(now).delete()[1].get(SurveyResponse._meta.label, 0)
    pending = delete_pending_images(now)
    if ideas or responses or pending:
        logger.info("Retention: deleted %s unconfirmed guest ideas, %s unconfirmed survey responses, "
                    "%s images of unsent forms", ideas, responses, pending)
    return {"ideas": ideas, "responses": responses, "pending_images": pending}


def delete_pending_images(now=None):
    """Images kept for a form that was never sent, once their token has expired."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(hours=PENDING_IMAGE_HOURS)
    try:
        names = default_storage.listdir(PENDING_DIR)[1]
    except FileNotFoundError:
        return 0
    deleted = 0
    for name in names:
        path = f"{PENDING_DIR}/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                deleted += 1
        except FileNotFoundError:  # a second run, or the form was sent, at the same moment
            continue
    return deleted

"""What surveys delete on schedule, and the one scheduled job for every unconfirmed guest submission (the list of
all rules: RETENTION_RULES in settings): guest ideas (participation.ideas.retention), email-survey responses never
confirmed, addresses left to follow a process and never confirmed, and images kept for forms that were never
sent."""

import datetime
import logging

from django.utils import timezone

from participation.ideas.retention import (
    delete_pending_images,
    delete_unconfirmed_followers,
    delete_unconfirmed_guest_ideas,
    guest_retention_days,
)
from participation.surveys.models import SurveyResponse

logger = logging.getLogger(__name__)


def unconfirmed_survey_responses(now=None):
    cutoff = (now or timezone.now()) - datetime.timedelta(days=guest_retention_days())
    return SurveyResponse.objects.filter(email_confirmed_at__isnull=True, submitted_at__isnull=True,
                                         started_at__lt=cutoff).exclude(email="")


def delete_unconfirmed_guest_submissions(now=None):
    """Delete what is due; returns {"ideas": n, "responses": n, "pending_images": n, "followers": n}. Safe twice:
    only rows still unconfirmed and past the cutoff match, and the image files of an idea go before its row, so a
    run that dies half-way leaves the row for the next run to finish."""
    now = now or timezone.now()
    ideas = delete_unconfirmed_guest_ideas(now)
    responses = unconfirmed_survey_responses(now).delete()[1].get(SurveyResponse._meta.label, 0)
    pending = delete_pending_images(now)
    followers = delete_unconfirmed_followers(now)
    if ideas or responses or pending or followers:
        logger.info("Retention: deleted %s unconfirmed guest ideas, %s unconfirmed survey responses, "
                    "%s images of unsent forms, %s unconfirmed followers", ideas, responses, pending, followers)
    return {"ideas": ideas, "responses": responses, "pending_images": pending, "followers": followers}

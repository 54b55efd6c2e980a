"""What ideas delete on schedule (the list of all rules: RETENTION_RULES in settings; the scheduled task that
runs this with the survey responses' rule is participation.surveys.tasks.delete_unconfirmed_guest_submissions).

Guest submissions that were never confirmed hold an email address and a text nobody will ever publish:
they go GUEST_SUBMISSION_RETENTION_DAYS after they were sent. Guest supports need no rule: they are stored
only once the link is clicked (until then they exist only as the signed link in the mail).
"""

import datetime

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from participation.ideas.models import Follower, Idea, IdeaImage
from participation.ideas.uploads import PENDING_DIR, TOKEN_HOURS, pending_storage

PENDING_IMAGE_HOURS = TOKEN_HOURS  # as long as the signed token of a kept image is valid


def guest_retention_days():
    return settings.GUEST_SUBMISSION_RETENTION_DAYS


def unconfirmed_guest_ideas(now=None):
    cutoff = (now or timezone.now()) - datetime.timedelta(days=guest_retention_days())
    return Idea.objects.filter(confirmed_at__isnull=True, author__isnull=True, entered_by__isnull=True,
                               created_at__lt=cutoff)


def delete_unconfirmed_guest_ideas(now):
    """Delete the unconfirmed guest ideas that are due, image files first, so a run that dies half-way leaves the
    row for the next run to finish; returns how many. Each is locked and re-checked: a click on the confirmation
    link at this moment keeps the idea whole."""
    ideas = 0
    for idea_id in unconfirmed_guest_ideas(now).values_list("pk", flat=True).iterator(chunk_size=200):
        with transaction.atomic():
            idea = unconfirmed_guest_ideas(now).select_for_update().filter(pk=idea_id).first()
            if idea is None:
                continue
            for image in IdeaImage.objects.filter(idea=idea):
                image.file.delete(save=False)  # a file already gone (a run that died here) is skipped
            idea.delete()
        ideas += 1
    return ideas


def delete_unconfirmed_followers(now):
    """Addresses left to follow a process whose confirmation link was never clicked (the link's own validity,
    following.CONFIRM_DAYS, is shorter): nobody may write to them, so they are not kept. Returns how many."""
    cutoff = now - datetime.timedelta(days=guest_retention_days())
    return Follower.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()[1].get(
        Follower._meta.label, 0)


def delete_pending_images(now=None):
    """Images kept for a form that was never sent, once their token has expired: in private storage, one
    folder per client (participation.ideas.uploads.PendingImages), and any left in MEDIA_ROOT from before."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(hours=PENDING_IMAGE_HOURS)
    deleted = 0
    for storage in (pending_storage(), default_storage):
        deleted += _delete_older(storage, PENDING_DIR, cutoff)
    return deleted


def _delete_older(storage, folder, cutoff):
    try:
        folders, names = storage.listdir(folder)
    except FileNotFoundError:
        return 0
    deleted = sum(_delete_older(storage, f"{folder}/{sub}", cutoff) for sub in folders)
    for name in names:
        path = f"{folder}/{name}"
        try:
            if storage.get_modified_time(path) < cutoff:
                storage.delete(path)
                deleted += 1
        except FileNotFoundError:  # a second run, or the form was sent, at the same moment
            continue
    return deleted

"""Turning a filled idea form into a saved idea: save first, then mail after commit."""

import io
import os

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from PIL import Image

from accounts.consent import record_consent
from accounts.models import ConsentRecord
from participation.models import Channel, Idea, IdeaImage, ParticipationProcessPage, StatusChange
from participation.notifications import send_idea_mail
from participation.uploads import pending_name


@transaction.atomic
def create_idea(form, process, request, desk=False, language=None):
    now = timezone.now()
    idea = form.save(commit=False)
    idea.process = process
    idea.language = language or translation.get_language() or "de"
    idea.consent_at = now
    user = request.user
    if desk:
        idea.channel = form.cleaned_data["channel"]
        idea.entered_by = user
        idea.confirmed_at = now  # the person was there in front of the staff member
    elif user.is_authenticated:
        idea.author = user
        idea.author_name = idea.author_name or user.display_name
        idea.confirmed_at = now
    # Paper ideas are always checked by a moderator first: nobody saw the writer press "send".
    post_moderated = process.moderation == ParticipationProcessPage.Moderation.POST and idea.channel != Channel.PAPER
    if idea.confirmed_at and post_moderated:
        idea.published, idea.published_at = True, now
    idea.save()
    for order, token in enumerate(form.cleaned_data.get("images") or []):
        name = pending_name(token)
        if name is None:
            continue
        with default_storage.open(name) as stored:
            data = stored.read()
        with Image.open(io.BytesIO(data)) as picture:
            width, height = picture.size
        image = IdeaImage(idea=idea, sort_order=order, width=width, height=height)
        image.file.save(os.path.basename(name), ContentFile(data), save=True)
        default_storage.delete(name)
    StatusChange.objects.create(idea=idea, status=Idea.Status.RECEIVED)
    # The consent box's wording as shown, with the privacy notice's version (staff tick it for the resident).
    record_consent(ConsentRecord.Purpose.IDEA, form.fields["consent"].label, user=idea.author,
                   email=idea.contact_email, moment=now)
    send_idea_mail(idea, "received" if idea.confirmed_at else "confirm")
    return idea


@transaction.atomic
def confirm_guest_idea(idea):
    if idea.confirmed_at:
        return False
    idea.confirmed_at = timezone.now()
    if idea.process.moderation == ParticipationProcessPage.Moderation.POST:
        idea.published, idea.published_at = True, idea.confirmed_at
    idea.save(update_fields=["confirmed_at", "published", "published_at", "updated_at"])
    send_idea_mail(idea, "received")
    return True

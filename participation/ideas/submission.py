"""Turning a filled idea form into a saved idea: save first, then mail after commit."""

import io
import os
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from PIL import Image

from accounts.consent import record_consent
from accounts.models import ConsentRecord
from participation.ideas.models import (
    Channel,
    Idea,
    IdeaImage,
    ParticipationProcessPage,
    ReceiptCounter,
    StatusChange,
)
from participation.ideas.notifications import send_idea_mail
from participation.ideas.uploads import pending_storage

# The same idea from the same person within this time is one submission sent twice (a double click, "send"
# again after a slow answer, reloading the page after sending).
RESEND_WINDOW = timedelta(minutes=10)


def _earlier_twin(form, process, user, now):
    """The idea this very submission already created, if any. Online only: at a desk or from paper, two
    residents may well bring the same words, and staff see what they enter."""
    data = form.cleaned_data
    same = Idea.objects.filter(process=process, title=data["title"], description=data["description"],
                               category=data["category"], channel=Channel.ONLINE,
                               created_at__gte=now - RESEND_WINDOW)
    if user.is_authenticated:
        same = same.filter(author=user)
    else:
        same = same.filter(author__isnull=True, contact_email__iexact=data.get("contact_email", ""))
    return same.order_by("created_at").first()


def _one_at_a_time():
    """Lock the receipt counter (saving an idea takes this lock anyway) so that of two identical submissions
    in flight, the second waits and then sees the first."""
    year = timezone.localdate().year
    ReceiptCounter.objects.get_or_create(prefix="ID", year=year)
    ReceiptCounter.objects.select_for_update().get(prefix="ID", year=year)


@transaction.atomic
def create_idea(form, process, request, desk=False, language=None, from_paper=False):
    """Save the idea from a valid form and queue its mail. An online form sent twice saves one idea: the
    second time the earlier idea comes back, marked ``resent``, and the second copy's images are dropped.
    `from_paper`: typed from a paper sheet (its channel may be "event" when it was filled in at one)."""
    now = timezone.now()
    if not desk:
        _one_at_a_time()
        twin = _earlier_twin(form, process, request.user, now)
        if twin is not None:
            for name in form.cleaned_data.get("images") or []:
                pending_storage().delete(name)
            twin.resent = True
            return twin
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
        idea.author = user  # the name shown is what the form says: the profile name is only its initial value
        idea.confirmed_at = now
    # Paper ideas are always checked by a moderator first: nobody saw the writer press "send".
    from_paper = from_paper or idea.channel == Channel.PAPER
    post_moderated = process.moderation == ParticipationProcessPage.Moderation.POST and not from_paper
    if idea.confirmed_at and post_moderated:
        idea.published, idea.published_at = True, now
    idea.save()
    for order, name in enumerate(form.cleaned_data.get("images") or []):  # checked and kept by the form
        try:
            with pending_storage().open(name) as stored:
                data = stored.read()
        except FileNotFoundError:  # deleted by retention since the form was checked
            continue
        with Image.open(io.BytesIO(data)) as picture:
            width, height = picture.size
        image = IdeaImage(idea=idea, sort_order=order, width=width, height=height)
        image.file.save(os.path.basename(name), ContentFile(data), save=True)
        pending_storage().delete(name)
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

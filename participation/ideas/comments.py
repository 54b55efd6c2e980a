"""Comments and abuse reports: one level of replies, moderated like the process's ideas,
and anything three different people report is hidden until a moderator has looked."""

import hashlib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import translation

from core.security import client_ip
from participation.ideas.list_cache import ideas_changed
from participation.ideas.models import Comment, Idea, ModerationLogEntry, ParticipationProcessPage, Report
from participation.ideas.notifications import send_idea_mail

REPORTS_TO_HIDE = 3


def reporter_key(request):
    """An account id, or a salted hash of the address: who reported, without storing an IP address."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip(request)}".encode()).hexdigest()[:32]
    return f"ip:{digest}"


@transaction.atomic
def add_comment(idea, user, text, parent=None):
    if parent is not None and (parent.idea_id != idea.pk or parent.parent_id is not None):
        raise ValueError("Replies go one level deep, on the same idea.")
    published = idea.process.moderation == ParticipationProcessPage.Moderation.POST
    comment = Comment.objects.create(
        idea=idea, parent=parent, author=user, author_name=user.display_name, text=text, published=published,
        language=translation.get_language() or "",
    )
    if published:
        _count(idea, +1)
        _tell_author(idea, comment)
    return comment


def _count(idea, delta):
    Idea.objects.filter(pk=idea.pk).update(comment_count=F("comment_count") + delta)


def _tell_author(idea, comment):
    if idea.author_id != comment.author_id:
        send_idea_mail(idea, "comment", comment=comment)


@transaction.atomic
def publish_comment(comment, user):
    if comment.published and not comment.hidden:
        return
    was_visible = comment.published and not comment.hidden
    comment.published, comment.hidden = True, False
    comment.save(update_fields=["published", "hidden"])
    Report.objects.filter(comment=comment).update(resolved=True)
    if not was_visible:
        _count(comment.idea, +1)
        _tell_author(comment.idea, comment)
    ModerationLogEntry.objects.create(idea=comment.idea, user=user, action="comment-publish", detail=str(comment.pk))


@transaction.atomic
def hide_comment(comment, user, reason=""):
    was_visible = comment.published and not comment.hidden
    comment.hidden = True
    comment.save(update_fields=["hidden"])
    if was_visible:
        _count(comment.idea, -1)
    ModerationLogEntry.objects.create(idea=comment.idea, user=user, action="comment-hide",
                                      detail=f"{comment.pk}: {reason}")


def report(request, idea=None, comment=None, reason=""):
    """Record one person's report; returns False if this person had reported it already."""
    key = reporter_key(request)
    try:
        with transaction.atomic():
            Report.objects.create(idea=idea if comment is None else comment.idea, comment=comment,
                                  reporter=key, reason=reason[:300])
            open_reports = Report.objects.filter(resolved=False)
            if comment is not None:
                if open_reports.filter(comment=comment).count() >= REPORTS_TO_HIDE and not comment.hidden:
                    hide_comment(comment, None, "reported")
            elif open_reports.filter(idea=idea, comment__isnull=True).count() >= REPORTS_TO_HIDE and not idea.hidden:
                Idea.objects.filter(pk=idea.pk).update(hidden=True)
                ideas_changed()  # the list's totals (participation.ideas.list_cache): update() sends no signal
                ModerationLogEntry.objects.create(idea=idea, user=None, action="hide", detail="reported")
    except IntegrityError:
        return False
    return True
